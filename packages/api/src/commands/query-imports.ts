import type { EntityManager } from '@mikro-orm/postgresql';
import { ImportJob } from '../db/entities/index.js';
import type { ImportRecord } from '../presenters/present-import.js';
import type { TImportListQuery } from '../routes/imports/schema.js';
import { decodeCreatedCursor, encodeCreatedCursor } from './keyset-cursor.js';

/**
 * The user's imports, newest first, keyset-paginated on (createdAt, id). Lists never load the stored file or
 * the proposal, which can both be large.
 */
export async function queryImports({
  em,
  ownerId,
  query,
}: {
  em: EntityManager;
  ownerId: string;
  query: TImportListQuery;
}): Promise<{ rows: ImportRecord[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCreatedCursor(query.cursor) : undefined;
  const rows = await em.find(
    ImportJob,
    {
      owner: ownerId,
      ...(query.status ? { status: query.status } : {}),
      ...(after
        ? {
            $or: [
              { createdAt: { $lt: after.createdAt } },
              { createdAt: after.createdAt, id: { $lt: after.id } },
            ],
          }
        : {}),
    },
    {
      fields: ['id', 'status', 'filename', 'mediaType', 'size', 'error', 'createdAt', 'updatedAt'],
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: query.limit + 1,
    },
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCreatedCursor(last.createdAt, last.id) : null;
  return { rows: page as ImportRecord[], nextCursor };
}
