import { AppError } from '../errors/app-error.js';

/**
 * Keyset cursors: the position of the last row a page returned, as its sort key and id in opaque base64url.
 * Every list pages this way; most are ordered newest first on (created_at, id) and use the `Created` pair below.
 */
export const encodeKeysetCursor = (key: string, id: string) =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor from `encodeKeysetCursor` whose key passes `isKey`; anything else is a 400 on `query.cursor`. */
export function decodeKeysetCursor(
  cursor: string,
  isKey: (key: string) => boolean = () => true,
): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      isKey(v[0]) &&
      typeof v[1] === 'string' &&
      UUID.test(v[1])
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

export const isTimestamp = (key: string) => !Number.isNaN(Date.parse(key));

/** The cursor of a list ordered newest first on (created_at, id). */
export const encodeCreatedCursor = (createdAt: Date | string, id: string) =>
  encodeKeysetCursor(new Date(createdAt).toISOString(), id);

export function decodeCreatedCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = decodeKeysetCursor(cursor, isTimestamp);
  return { createdAt: new Date(createdAt), id };
}
