import { describe, expect, it } from 'vitest';
import { fromBackingServiceError } from './handle-errors.js';

// What a client gets for a failure of PostgreSQL or Redis that is not its doing: a stable code, never a 500.
describe('fromBackingServiceError', () => {
  const cases: Array<[string, Record<string, unknown>, string | undefined, number | undefined]> = [
    ['unique violation', { code: '23505', constraint: 'labels_owner_name_unique' }, 'CONFLICT', undefined],
    ['foreign key violation', { code: '23503' }, 'NOT_FOUND', undefined],
    ['connection refused', { code: 'ECONNREFUSED' }, 'UNAVAILABLE', 5],
    ['administrator shutdown', { code: '57P01' }, 'UNAVAILABLE', 5],
    ['starting up', { code: '57P03' }, 'UNAVAILABLE', 5],
    ['too many connections', { code: '53300' }, 'UNAVAILABLE', 5],
    ['connection failure', { code: '08006' }, 'UNAVAILABLE', 5],
    ['deadlock', { code: '40P01' }, 'UNAVAILABLE', 1],
    ['serialization failure', { code: '40001' }, 'UNAVAILABLE', 1],
    ['statement timeout', { code: '57014' }, 'UNAVAILABLE', 5],
    ['Redis gave up', { name: 'MaxRetriesPerRequestError' }, 'UNAVAILABLE', 5],
    ['Redis connection closed', { message: 'Connection is closed.' }, 'UNAVAILABLE', 5],
    ['a bug', { message: 'undefined is not a function' }, undefined, undefined],
  ];
  for (const [what, raw, code, retryAfter] of cases) {
    it(`${what} → ${code ?? 'not mapped (500)'}`, () => {
      const err = Object.assign(new Error(String(raw.message ?? what)), raw);
      const mapped = fromBackingServiceError(err);
      expect(mapped?.code).toBe(code);
      expect(mapped?.retryAfter).toBe(retryAfter);
    });
  }
});
