import type { EntityManager } from '@mikro-orm/postgresql';
import { EVAL_RUN_COLUMNS, type EvalRunRow } from '../presenters/present-eval-run.js';
import type { TEvalRunListQuery } from '../routes/eval/schema.js';
import { decodeCreatedCursor, encodeCreatedCursor } from './keyset-cursor.js';

// Runs are read with SQL rather than through the identity map: the job updates them with conditional native
// statements, and a reader must see the row as it is now. Lists leave the report out; it can be large.

/** One run with its report, or null. */
export async function findEvalRun(em: EntityManager, id: string): Promise<EvalRunRow | null> {
  const rows = await em.execute<EvalRunRow[]>(
    `select ${EVAL_RUN_COLUMNS}, r.report from eval_runs r where r.id = ?`,
    [id],
  );
  return rows[0] ?? null;
}

/** Every run, newest first, keyset-paginated on (created_at, id). */
export async function listEvalRuns(
  em: EntityManager,
  q: TEvalRunListQuery,
): Promise<{ rows: EvalRunRow[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status) {
    where.push('r.status = ?');
    params.push(q.status);
  }
  if (q.cursor) {
    const { createdAt, id } = decodeCreatedCursor(q.cursor);
    where.push('(r.created_at, r.id) < (?::timestamptz, ?::uuid)');
    params.push(createdAt, id);
  }
  params.push(q.limit + 1);
  const rows = await em.execute<EvalRunRow[]>(
    `select ${EVAL_RUN_COLUMNS} from eval_runs r ${where.length ? `where ${where.join(' and ')}` : ''}
     order by r.created_at desc, r.id desc limit ?`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > q.limit && last ? encodeCreatedCursor(last.created_at, last.id) : null,
  };
}
