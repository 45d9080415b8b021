import type { EntityManager } from '@mikro-orm/postgresql';
import { type IJobDescription, JobDescription } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import type { TJobDescriptionListQuery } from '../routes/job-descriptions/schema.js';

export const encodeCreatedCursor = (createdAt: Date, id: string) =>
  Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');

/** A `[createdAt, id]` cursor from `encodeCreatedCursor`; anything else is a 400 on `query.cursor`. */
export function decodeCreatedCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      !Number.isNaN(Date.parse(v[0])) &&
      typeof v[1] === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v[1])
    ) {
      return { createdAt: new Date(v[0]), id: v[1] };
    }
  } catch {}
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor', {
    details: {
      issues: [{ path: 'query.cursor', message: 'Not a cursor returned by this API', code: 'custom' }],
    },
  });
}

/** A user's job descriptions, newest first, keyset-paginated on (createdAt, id). */
export async function queryJobDescriptions(
  em: EntityManager,
  q: TJobDescriptionListQuery & { ownerId: string },
): Promise<{ rows: IJobDescription[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCreatedCursor(q.cursor) : undefined;
  const rows = await em.find(
    JobDescription,
    {
      owner: q.ownerId,
      ...(after
        ? {
            $or: [
              { createdAt: { $lt: after.createdAt } },
              { createdAt: after.createdAt, id: { $lt: after.id } },
            ],
          }
        : {}),
    },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: q.limit + 1 },
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > q.limit && last ? encodeCreatedCursor(last.createdAt, last.id) : null,
  };
}
