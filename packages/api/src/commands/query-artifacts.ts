import type { EntityManager } from '@mikro-orm/postgresql';
import { executePrepared } from '../db/execute-prepared.js';
import { pgArray } from '../db/pg-array.js';
import type { ArtifactRow } from '../presenters/present-artifact.js';
import type { TArtifactListQuery } from '../routes/artifacts/schema.js';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.js';

// One statement returns a page of artifacts with their evidence and labels as JSON aggregates: the list is the
// hottest read, and one round trip with index-backed correlated subqueries beats an ORM populate.
const SELECT = `
select a.id, a.title, a.summary, a.role, a.start_date::text as start_date, a.end_date::text as end_date,
  a.technologies, a.skills, a.collaborators, a.outcomes, a.visibility, a.created_at, a.updated_at,
  coalesce((select json_agg(json_build_object('id', e.id, 'url', e.url_encrypted, 'title', e.title,
      'kind', e.kind, 'status', e.status, 'httpStatus', e.http_status, 'finalUrl', e.final_url_encrypted,
      'lastCheckedAt', e.last_checked_at, 'consecutiveFailures', e.consecutive_failures, 'reason', e.reason,
      'nextCheckAt', e.next_check_at) order by e.created_at, e.id)
    from evidence_links e where e.artifact_id = a.id), '[]') as evidence,
  coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'colour', l.colour) order by l.name)
    from artifact_labels al join labels l on l.id = al.label_id where al.artifact_id = a.id), '[]') as labels`;

const SORTS = {
  '-startDate': { key: 'a.start_date', keyText: 'a.start_date::text', cast: 'date', dir: 'desc' },
  startDate: { key: 'a.start_date', keyText: 'a.start_date::text', cast: 'date', dir: 'asc' },
  title: { key: 'lower(a.title)', keyText: 'lower(a.title)', cast: 'text', dir: 'asc' },
  '-updatedAt': {
    key: 'a.updated_at',
    keyText: `to_char(a.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: 'timestamptz',
    dir: 'desc',
  },
} as const;

export interface ArtifactQuery extends Partial<TArtifactListQuery> {
  ownerId: string;
  ids?: string[];
  /** Already-normalised skill id for the `skill` filter. */
  skillId?: string;
}

export async function queryArtifacts(
  em: EntityManager,
  q: ArtifactQuery,
): Promise<{ rows: ArtifactRow[]; nextCursor: string | null }> {
  const where: string[] = ['a.owner_id = ?'];
  const params: unknown[] = [q.ownerId];
  if (q.ids) {
    where.push('a.id = any(?::uuid[])');
    params.push(pgArray(q.ids));
  }
  if (q.label) {
    where.push('exists (select 1 from artifact_labels al where al.artifact_id = a.id and al.label_id = ?)');
    params.push(q.label);
  }
  if (q.skillId) {
    where.push('a.skills @> array[?]::text[]');
    params.push(q.skillId);
  }
  if (q.evidenceStatus) {
    where.push('exists (select 1 from evidence_links e where e.artifact_id = a.id and e.status = ?)');
    params.push(q.evidenceStatus);
  }
  if (q.q) {
    where.push(`to_tsvector('simple', a.search_text) @@ websearch_to_tsquery('simple', ?)`);
    params.push(q.q);
  }
  if (q.from) {
    where.push('(a.end_date is null or a.end_date >= ?::date)');
    params.push(q.from);
  }
  if (q.to) {
    where.push('a.start_date <= ?::date');
    params.push(q.to);
  }
  const sort = SORTS[q.sort ?? '-startDate'];
  const op = sort.dir === 'desc' ? '<' : '>';
  if (q.cursor) {
    const [key, id] = decodeKeysetCursor(q.cursor);
    where.push(`(${sort.key}, a.id) ${op} (?::${sort.cast}, ?::uuid)`);
    params.push(key, id);
  }
  const limit = q.limit ?? 20;
  const sql = `${SELECT}, ${sort.keyText} as sort_key from artifacts a where ${where.join(' and ')}
    order by ${sort.key} ${sort.dir}, a.id ${sort.dir} limit ${limit + 1}`;
  const rows = await executePrepared<ArtifactRow & { sort_key: string }>(em, sql, params);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.sort_key, last.id) : null,
  };
}
