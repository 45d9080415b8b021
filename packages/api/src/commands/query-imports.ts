import type { EntityManager } from '@mikro-orm/postgresql';
import { ImportJob } from '../db/entities/index.js';
import { AppError } from '../errors/app-error.js';
import type { ImportRecord } from '../presenters/present-import.js';
import type { TImportListQuery } from '../routes/imports/schema.js';

const invalidCursor = () =>
  new AppError('VALIDATION_FAILED', 'Invalid cursor', {
    details: {
      issues: [{ path: 'query.cursor', message: 'Not a cursor returned by this API', code: 'custom' }],
    },
  });

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(createdAt.getTime())) {
      return { createdAt, id };
    }
  } catch {}
  throw invalidCursor();
}

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
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
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
  const nextCursor =
    rows.length > query.limit && last
      ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url')
      : null;
  return { rows: page as ImportRecord[], nextCursor };
}
