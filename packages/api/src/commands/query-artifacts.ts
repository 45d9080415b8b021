import type { EntityManager } from '@mikro-orm/postgresql';
import { executePrepared } from '../db/execute-prepared.js';
import { pgArray } from '../db/pg-array.js';
import type { ArtifactRow } from '../presenters/present-artifact.js';
import type { TArtifactListQuery } from '../routes/artifacts/schema.js';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.js';

// The list is the hottest read. It reads the `artifact_cards` read model (one JSON card per artifact, kept by the
// database, see migration `artifact_cards`): a label's page walks the label links in start-date order (the link
// carries its artifact's start date) and reads one card per item; other filters join the artifact row.
type SortSpec = {
  key: string;
  id: string;
  /** Sort key and id when walking one label's links, if they differ. */
  labelKey?: string;
  labelId?: string;
  keyText: string;
  cast: 'date' | 'text' | 'timestamptz';
  dir: 'asc' | 'desc';
  needsArtifact: boolean;
};

// By start date, a label's page walks the label links' own copy of it (the index that avoids a sort).
const byStartDate = (dir: 'asc' | 'desc'): SortSpec => ({
  labelKey: 'al.start_date',
  labelId: 'al.artifact_id',
  key: 'c.start_date',
  id: 'c.artifact_id',
  keyText: 'c.start_date::text',
  cast: 'date',
  dir,
  needsArtifact: false,
});

const SORTS: Record<NonNullable<TArtifactListQuery['sort']>, SortSpec> = {
  '-startDate': byStartDate('desc'),
  startDate: byStartDate('asc'),
  title: {
    key: 'lower(a.title)',
    id: 'a.id',
    keyText: 'lower(a.title)',
    cast: 'text',
    dir: 'asc',
    needsArtifact: true,
  },
  '-updatedAt': {
    key: 'a.updated_at',
    id: 'a.id',
    keyText: `to_char(a.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: 'timestamptz',
    dir: 'desc',
    needsArtifact: true,
  },
};

export interface ArtifactQuery extends Partial<TArtifactListQuery> {
  ownerId: string;
  ids?: string[];
  /** Already-normalised skill id for the `skill` filter. */
  skillId?: string;
}

/**
 * The `q` parameter as a full-text query: web-search syntax ("quoted phrases", `or`, `-excluded`) where every
 * word also matches as the start of a word, so `payment` finds "payments", `kube` finds "Kubernetes" and a word
 * still being typed finds something. websearch_to_tsquery writes each lexeme quoted (`'payment' & 'kube'`); the
 * rewrite marks each one as a prefix (`'payment':* & 'kube':*`). (No `?` in the pattern: it is a placeholder.)
 */
const PREFIX_SEARCH_QUERY = `regexp_replace(websearch_to_tsquery('simple', ?)::text, '''(([^'']|'''')+)''', '''\\1'':*', 'g')::tsquery`;

export async function queryArtifacts(
  em: EntityManager,
  q: ArtifactQuery,
): Promise<{ rows: ArtifactRow[]; nextCursor: string | null }> {
  const sort = SORTS[q.sort ?? '-startDate'];
  const where: string[] = [];
  const params: unknown[] = [];
  let from: string;
  let key: string;
  let id: string;
  if (q.label) {
    from = 'artifact_labels al join artifact_cards c on c.artifact_id = al.artifact_id';
    where.push('al.label_id = ?', 'c.owner_id = ?');
    params.push(q.label, q.ownerId);
    key = sort.labelKey ?? sort.key;
    id = sort.labelId ?? sort.id;
  } else {
    from = 'artifact_cards c';
    where.push('c.owner_id = ?');
    params.push(q.ownerId);
    key = sort.key;
    id = sort.id;
  }
  let needsArtifact = sort.needsArtifact;
  if (q.ids) {
    where.push('c.artifact_id = any(?::uuid[])');
    params.push(pgArray(q.ids));
  }
  if (q.skillId) {
    where.push('a.skills @> array[?]::text[]');
    params.push(q.skillId);
    needsArtifact = true;
  }
  if (q.evidenceStatus) {
    where.push(
      'exists (select 1 from evidence_links e where e.artifact_id = c.artifact_id and e.status = ?)',
    );
    params.push(q.evidenceStatus);
  }
  if (q.q) {
    where.push(`to_tsvector('simple', a.search_text) @@ ${PREFIX_SEARCH_QUERY}`);
    params.push(q.q);
    needsArtifact = true;
  }
  if (q.from) {
    where.push('(a.end_date is null or a.end_date >= ?::date)');
    params.push(q.from);
    needsArtifact = true;
  }
  if (q.to) {
    where.push('c.start_date <= ?::date');
    params.push(q.to);
  }
  if (needsArtifact) from += ' join artifacts a on a.id = c.artifact_id';
  const op = sort.dir === 'desc' ? '<' : '>';
  if (q.cursor) {
    const [cursorKey, cursorId] = decodeKeysetCursor(q.cursor);
    where.push(`(${key}, ${id}) ${op} (?::${sort.cast}, ?::uuid)`);
    params.push(cursorKey, cursorId);
  }
  const limit = q.limit ?? 20;
  const sql = `select c.artifact_id as id, c.card, ${sort.keyText} as sort_key from ${from}
    where ${where.join(' and ')} order by ${key} ${sort.dir}, ${id} ${sort.dir} limit ${limit + 1}`;
  const rows = await executePrepared<ArtifactRow & { sort_key: string }>(em, sql, params);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.sort_key, last.id) : null,
  };
}
