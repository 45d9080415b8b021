import type { UrlCipher } from '../crypto/url-cipher.js';
import type { TrashSnapshot } from '../db/entities/index.js';

export interface DeletedArtifactView {
  id: string;
  title: string;
  summary: string;
  role: string | null;
  startDate: string;
  endDate: string | null;
  technologies: string[];
  collaborators: string[];
  outcomes: string[];
  visibility: 'private' | 'public';
  evidence: Array<{ id: string; url: string; title: string | null; kind: string; status: string }>;
  /** The labels it carried that still exist (a restore puts those back). */
  labels: Array<{ id: string; name: string; colour: string }>;
  deletedAt: string;
  /** When it is deleted for good unless restored. */
  purgeAfter: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A trashed artifact as the trash lists it and the account export writes it, from its row snapshot. */
export function presentDeletedArtifact(
  row: { id: string; snapshot: TrashSnapshot; deletedAt: string; purgeAfter: string },
  labels: ReadonlyMap<string, { id: string; name: string; colour: string }>,
  cipher: UrlCipher,
): DeletedArtifactView {
  const a = row.snapshot.artifact;
  return {
    id: row.id,
    title: text(a.title) ?? '',
    summary: text(a.summary) ?? '',
    role: text(a.role),
    startDate: text(a.start_date) ?? '',
    endDate: text(a.end_date),
    technologies: list(a.technologies),
    collaborators: list(a.collaborators),
    outcomes: list(a.outcomes),
    visibility: a.visibility === 'public' ? 'public' : 'private',
    evidence: row.snapshot.evidence.map((e) => ({
      id: String(e.id),
      url: cipher.decrypt(String(e.url_encrypted)),
      title: text(e.title),
      kind: text(e.kind) ?? 'other',
      status: text(e.status) ?? 'unchecked',
    })),
    labels: row.snapshot.labelIds.flatMap((id) => labels.get(id) ?? []),
    deletedAt: row.deletedAt,
    purgeAfter: row.purgeAfter,
  };
}
