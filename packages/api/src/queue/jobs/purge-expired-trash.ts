import { z } from 'zod';
import { purgeExpiredTrash } from '../../commands/manage-trash.js';
import type { Services } from '../../services/create-services.js';
import { defineJob } from '../define-job.js';

export const ZPurgeExpiredTrashPayload = z.object({}).strict();

/** The daily trash retention run; the scheduler enqueues it with the day as job id, so it runs once a day. */
export function createPurgeExpiredTrashJob(services: Services) {
  return defineJob({
    id: 'trash.purge-expired',
    version: 1,
    payload: ZPurgeExpiredTrashPayload,
    retries: 3,
    backoffMs: 60_000,
    timeoutMs: 30 * 60_000,
    async handler(_payload, ctx) {
      await purgeExpiredTrash(services, { signal: ctx.signal });
    },
  });
}
