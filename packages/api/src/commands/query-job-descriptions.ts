import type { EntityManager } from '@mikro-orm/postgresql';
import { type IJobDescription, JobDescription } from '../db/entities/index.js';
import type { TJobDescriptionListQuery } from '../routes/job-descriptions/schema.js';
import { decodeCreatedCursor, encodeCreatedCursor } from './keyset-cursor.js';

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
