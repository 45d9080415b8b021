import { z } from 'zod';
import { deleteInBatches } from '../../db/delete-in-batches.js';
import type { Services } from '../../services/create-services.js';
import { defineJob } from '../define-job.js';

export const ZPurgeExpiredSessionsPayload = z.object({}).strict();

const BATCH = 1000;

/**
 * Refresh tokens past their expiry can do nothing (refresh refuses them, and reuse detection needs only the
 * unexpired ones), but every renewal leaves one, so they would pile up for ever; session revocations past the
 * life of the last access token they concern are no longer read. Both go in batches.
 */
export async function purgeExpiredSessions(
  services: Services,
  { signal, batchSize = BATCH }: { signal?: AbortSignal; batchSize?: number } = {},
): Promise<{ refreshTokens: number; revocations: number }> {
  const purge = (table: 'refresh_tokens' | 'session_revocations') =>
    deleteInBatches(
      services,
      (limit) => `delete from ${table} where id in (
           select id from ${table} where expires_at < now()
           order by expires_at limit ${limit} for update skip locked)
         returning id`,
      [],
      { signal, batchSize },
    );
  const refreshTokens = await purge('refresh_tokens');
  const revocations = await purge('session_revocations');
  services.logger.info(
    { job: 'sessions.purge-expired', refreshTokens, revocations },
    'expired sessions purged',
  );
  return { refreshTokens, revocations };
}

/** The daily run; the scheduler enqueues it with the day as job id, so it runs once a day. */
export function createPurgeExpiredSessionsJob(services: Services) {
  return defineJob({
    id: 'sessions.purge-expired',
    version: 1,
    payload: ZPurgeExpiredSessionsPayload,
    retries: 3,
    backoffMs: 60_000,
    timeoutMs: 30 * 60_000,
    async handler(_payload, ctx) {
      await purgeExpiredSessions(services, { signal: ctx.signal });
    },
  });
}
