import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../errors/app-error.js';
import { EVAL_RUN_COLUMNS, type EvalRunRow } from '../presenters/present-eval-run.js';
import type { TEvalRunListQuery } from '../routes/eval/schema.js';

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

const encodeCursor = (createdAt: Date | string, id: string) =>
  Buffer.from(JSON.stringify([new Date(createdAt).toISOString(), id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      !Number.isNaN(Date.parse(v[0])) &&
      /^[0-9a-f-]{36}$/i.test(v[1])
    ) {
      return [v[0], v[1]];
    }
  } catch {}
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor', {
    details: {
      issues: [{ path: 'query.cursor', message: 'Not a cursor returned by this API', code: 'custom' }],
    },
  });
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
    const [createdAt, id] = decodeCursor(q.cursor);
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
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}
