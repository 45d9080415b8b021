import { CUSTOM_SKILL_PREFIX } from '../commands/derive-artifact-skills.js';
import type { UrlCipher } from '../crypto/url-cipher.js';
import type { Taxonomy } from '../services/create-services.js';

/** Row shape produced by the artifact read query (snake_case columns, JSON aggregates). */
export interface ArtifactRow {
  id: string;
  title: string;
  summary: string;
  role: string | null;
  start_date: string;
  end_date: string | null;
  technologies: string[];
  skills: string[];
  collaborators: string[];
  outcomes: string[];
  visibility: 'private' | 'public';
  created_at: Date | string;
  updated_at: Date | string;
  evidence: EvidenceRow[] | string;
  labels: Array<{ id: string; name: string; colour: string }> | string;
}

export interface EvidenceRow {
  id: string;
  url: string;
  title: string | null;
  kind: string;
  status: string;
  httpStatus: number | null;
  finalUrl: string | null;
  lastCheckedAt: string | null;
  consecutiveFailures: number;
  reason?: string | null;
  nextCheckAt?: string | null;
}

/** Where a broken link's archive suggestion points by default (the Wayback Machine's latest capture). */
export const DEFAULT_ARCHIVE_ENDPOINT = 'https://web.archive.org/web/';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * One evidence link. `failing`: failed checks are piling up but the link is not (yet) `broken`, which takes
 * three over two days. `archiveUrl`: for a broken link only, where an archived copy may be found; a suggestion
 * built from the configured endpoint, never fetched by Dossier.
 */
export function presentEvidence(
  e: EvidenceRow,
  cipher: UrlCipher,
  archiveEndpoint: string = DEFAULT_ARCHIVE_ENDPOINT,
) {
  const url = cipher.decrypt(e.url);
  const consecutiveFailures = e.consecutiveFailures ?? 0;
  return {
    id: e.id,
    url,
    title: e.title ?? null,
    kind: e.kind,
    status: e.status,
    httpStatus: e.httpStatus ?? null,
    finalUrl: e.finalUrl ? cipher.decrypt(e.finalUrl) : null,
    lastCheckedAt: e.lastCheckedAt ? iso(e.lastCheckedAt) : null,
    consecutiveFailures,
    reason: e.reason ?? null,
    failing: consecutiveFailures > 0 && e.status !== 'broken',
    archiveUrl: e.status === 'broken' ? `${archiveEndpoint}${url}` : null,
    nextCheckAt: e.nextCheckAt ? iso(e.nextCheckAt) : null,
  };
}

export function presentArtifact(
  row: ArtifactRow,
  cipher: UrlCipher,
  taxonomy: Taxonomy,
  archiveEndpoint: string = DEFAULT_ARCHIVE_ENDPOINT,
) {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    role: row.role ?? null,
    startDate: row.start_date,
    endDate: row.end_date ?? null,
    technologies: row.technologies ?? [],
    skills: (row.skills ?? []).map((id) => {
      if (id.startsWith(CUSTOM_SKILL_PREFIX)) {
        const key = id.slice(CUSTOM_SKILL_PREFIX.length);
        const original = row.technologies.find((t) => t.toLowerCase().replace(/\s+/g, ' ').trim() === key);
        return { id, name: original ?? key };
      }
      return { id, name: taxonomy.get(id)?.name ?? id };
    }),
    collaborators: row.collaborators ?? [],
    outcomes: row.outcomes ?? [],
    visibility: row.visibility,
    evidence: json(row.evidence).map((e) => presentEvidence(e, cipher, archiveEndpoint)),
    labels: json(row.labels),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
export type ArtifactView = ReturnType<typeof presentArtifact>;
