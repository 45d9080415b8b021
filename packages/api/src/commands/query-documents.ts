import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import { notFound } from '../errors/app-error.js';
import type { DocumentRow, VersionRow } from '../presenters/present-document.js';
import { decodeKeysetCursor, encodeKeysetCursor, isTimestamp } from './keyset-cursor.js';

// The current version's ATS score comes from the same statement: one round trip per page.
const SELECT = `
select d.id, d.kind, d.title, d.current_version, d.saved, d.expires_at, d.job_description_id,
  d.created_at, d.updated_at, (v.ats_report->>'score')::float8 as ats_score,
  to_char(d.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort_key
from documents d
left join document_versions v on v.document_id = d.id and v.number = d.current_version`;

export interface DocumentQuery {
  ownerId: string;
  ids?: string[];
  kind?: 'cv' | 'cover-letter';
  saved?: boolean;
  q?: string;
  jobDescriptionId?: string;
  limit?: number;
  cursor?: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The caller's documents, most recently updated first, with keyset pagination on (updated_at, id). */
export async function queryDocuments(
  em: EntityManager,
  q: DocumentQuery,
): Promise<{ rows: DocumentRow[]; nextCursor: string | null }> {
  const where: string[] = ['d.owner_id = ?'];
  const params: unknown[] = [q.ownerId];
  if (q.ids) {
    where.push('d.id = any(?::uuid[])');
    params.push(pgArray(q.ids));
  }
  if (q.kind) {
    where.push('d.kind = ?');
    params.push(q.kind);
  }
  if (q.saved !== undefined) {
    where.push('d.saved = ?');
    params.push(q.saved);
  }
  if (q.jobDescriptionId) {
    where.push('d.job_description_id = ?');
    params.push(q.jobDescriptionId);
  }
  if (q.q) {
    where.push(`d.title ilike ? escape '\\'`);
    params.push(`%${escapeLike(q.q)}%`);
  }
  if (q.cursor) {
    const [key, id] = decodeKeysetCursor(q.cursor, isTimestamp);
    where.push('(d.updated_at, d.id) < (?::timestamptz, ?::uuid)');
    params.push(key, id);
  }
  const limit = q.limit ?? 20;
  const rows = await em.execute<Array<DocumentRow & { sort_key: string }>>(
    `${SELECT} where ${where.join(' and ')} order by d.updated_at desc, d.id desc limit ${limit + 1}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.sort_key, last.id) : null,
  };
}

/** One of the caller's documents, or 404 (someone else's document is indistinguishable from none). */
export async function findDocument(em: EntityManager, ownerId: string, id: string): Promise<DocumentRow> {
  const { rows } = await queryDocuments(em, { ownerId, ids: [id], limit: 1 });
  if (!rows[0]) throw notFound('Document');
  return rows[0];
}

/** A version of a document the caller owns (the current one when `number` is not given), or 404. */
export async function findDocumentVersion(
  em: EntityManager,
  { ownerId, documentId, number }: { ownerId: string; documentId: string; number?: number },
): Promise<{ document: DocumentRow; version: VersionRow }> {
  const document = await findDocument(em, ownerId, documentId);
  const [version] = await em.execute<VersionRow[]>(
    `select number, content, ats_report, author, created_at from document_versions
     where document_id = ? and number = ?`,
    [documentId, number ?? document.current_version],
  );
  if (!version) throw notFound('Version');
  return { document, version };
}

/** Every version of a document, newest first, without contents. */
export async function listDocumentVersions(em: EntityManager, documentId: string) {
  return em.execute<
    Array<{ number: number; author: 'generator' | 'user'; ats_score: number | null; created_at: Date }>
  >(
    `select number, author, (ats_report->>'score')::float8 as ats_score, created_at
     from document_versions where document_id = ? order by number desc`,
    [documentId],
  );
}
