import { AppError } from '../errors/app-error.js';

/**
 * The keyset cursor of every list ordered newest first on (created_at, id): the position of the last row
 * returned, as opaque base64url. Lists sorted on another key (artifacts, documents) have their own.
 */
export const encodeCreatedCursor = (createdAt: Date | string, id: string) =>
  Buffer.from(JSON.stringify([new Date(createdAt).toISOString(), id])).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor from `encodeCreatedCursor`; anything else is a 400 on `query.cursor`. */
export function decodeCreatedCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      !Number.isNaN(Date.parse(v[0])) &&
      typeof v[1] === 'string' &&
      UUID.test(v[1])
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
