import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../errors/app-error.js';
import { GENERATION_COLUMNS, type GenerationRow } from '../presenters/present-generation.js';
import type { TGenerationListQuery } from '../routes/generations/schema.js';

// Generations are read with SQL rather than through the identity map: the job updates them with conditional
// native statements, and a reader must always see the row as it is now.

/** One generation, or null; restricted to an owner when one is given. */
export async function findGeneration(
  em: EntityManager,
  { id, ownerId }: { id: string; ownerId?: string },
): Promise<GenerationRow | null> {
  const rows = await em.execute<GenerationRow[]>(
    `select ${GENERATION_COLUMNS} from generations g where g.id = ?${ownerId ? ' and g.owner_id = ?' : ''}`,
    ownerId ? [id, ownerId] : [id],
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

/** A user's generations, newest first, keyset-paginated on (created_at, id). */
export async function listGenerations(
  em: EntityManager,
  q: TGenerationListQuery & { ownerId: string },
): Promise<{ rows: GenerationRow[]; nextCursor: string | null }> {
  const where = ['g.owner_id = ?'];
  const params: unknown[] = [q.ownerId];
  if (q.status) {
    where.push('g.status = ?');
    params.push(q.status);
  }
  if (q.kind) {
    where.push('g.kind = ?');
    params.push(q.kind);
  }
  if (q.cursor) {
    const [createdAt, id] = decodeCursor(q.cursor);
    where.push('(g.created_at, g.id) < (?::timestamptz, ?::uuid)');
    params.push(createdAt, id);
  }
  params.push(q.limit + 1);
  const rows = await em.execute<GenerationRow[]>(
    `select ${GENERATION_COLUMNS} from generations g where ${where.join(' and ')}
     order by g.created_at desc, g.id desc limit ?`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}
