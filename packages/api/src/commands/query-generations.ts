import type { EntityManager } from '@mikro-orm/postgresql';
import { GENERATION_COLUMNS, type GenerationRow } from '../presenters/present-generation.js';
import type { TGenerationListQuery } from '../routes/generations/schema.js';
import { decodeCreatedCursor, encodeCreatedCursor } from './keyset-cursor.js';

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
    const { createdAt, id } = decodeCreatedCursor(q.cursor);
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
    nextCursor: rows.length > q.limit && last ? encodeCreatedCursor(last.created_at, last.id) : null,
  };
}
