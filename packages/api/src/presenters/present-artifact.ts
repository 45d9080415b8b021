import { normalizeKey } from '@dossier/core';
import { CUSTOM_SKILL_PREFIX } from '../commands/derive-artifact-skills.js';
import type { UrlCipher } from '../crypto/url-cipher.js';
import type { Taxonomy } from '../services/create-services.js';

/**
 * A row of the artifact read query: the artifact's card from the `artifact_cards` read model, a JSON text the
 * database keeps current (migration `artifact_cards`). Its fields are the view's, except that evidence URLs are
 * still ciphertexts and skills are ids.
 */
export interface ArtifactRow {
  id: string;
  card: string;
}

/** The parsed card. */
export interface ArtifactCard {
  id: string;
  title: string;
  summary: string;
  role: string | null;
  startDate: string;
  endDate: string | null;
  technologies: string[];
  skills: string[];
  collaborators: string[];
  outcomes: string[];
  visibility: 'private' | 'public';
  evidence: EvidenceRow[];
  labels: Array<{ id: string; name: string; colour: string }>;
  createdAt: string;
  updatedAt: string;
  revision: number;
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

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** A timestamp as `toISOString()` writes it; cards already carry that form, which is passed through. */
const iso = (d: Date | string | null) =>
  d === null ? null : typeof d === 'string' && ISO_MS.test(d) ? d : new Date(d).toISOString();

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

/**
 * Skill ids as `{id, name}`: the taxonomy's name, or for a custom skill the technology it was derived from (its
 * id is that technology's `normalizeKey`).
 */
export function presentSkills(ids: readonly string[], technologies: readonly string[], taxonomy: Taxonomy) {
  return ids.map((id) => {
    if (id.startsWith(CUSTOM_SKILL_PREFIX)) {
      const key = id.slice(CUSTOM_SKILL_PREFIX.length);
      const original = technologies.find((t) => normalizeKey(t) === key);
      return { id, name: original ?? key };
    }
    return { id, name: taxonomy.get(id)?.name ?? id };
  });
}

export function presentArtifact(
  row: ArtifactRow,
  cipher: UrlCipher,
  taxonomy: Taxonomy,
  archiveEndpoint: string = DEFAULT_ARCHIVE_ENDPOINT,
) {
  const card = JSON.parse(row.card) as ArtifactCard;
  return {
    id: card.id,
    title: card.title,
    summary: card.summary,
    role: card.role ?? null,
    startDate: card.startDate,
    endDate: card.endDate ?? null,
    technologies: card.technologies,
    skills: presentSkills(card.skills, card.technologies, taxonomy),
    collaborators: card.collaborators,
    outcomes: card.outcomes,
    visibility: card.visibility,
    evidence: card.evidence.map((e) => presentEvidence(e, cipher, archiveEndpoint)),
    labels: card.labels,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    revision: card.revision,
  };
}
export type ArtifactView = ReturnType<typeof presentArtifact>;
