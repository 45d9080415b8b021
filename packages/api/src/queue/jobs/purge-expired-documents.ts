import { z } from 'zod';
import { recordAudit } from '../../commands/record-audit.js';
import { deleteInBatches } from '../../db/delete-in-batches.js';
import type { Services } from '../../services/create-services.js';
import { defineJob } from '../define-job.js';

const BATCH = 500;

export const ZPurgeExpiredDocumentsPayload = z.object({}).strict();

/**
 * Deletes unsaved documents whose retention ran out, 500 at a time (versions, export logs and share links
 * cascade), each batch its own statement so no long transaction holds locks. Saved documents have no expiry
 * and are never touched. Re-running it finds nothing left to do, so retries and duplicates are harmless.
 */
export async function purgeExpiredDocuments(
  services: Services,
  { signal, batchSize = BATCH }: { signal?: AbortSignal; batchSize?: number } = {},
): Promise<number> {
  const now = services.clock();
  const purged = await deleteInBatches(
    services,
    (limit) => `delete from documents where id in (
         select id from documents where saved = false and expires_at < ?
         order by expires_at limit ${limit} for update skip locked)
       returning id`,
    [now],
    { signal, batchSize },
  );
  if (purged > 0) {
    const em = services.orm.em.fork();
    recordAudit({
      em,
      actorId: null,
      action: 'document.purge',
      entityType: 'document',
      data: { purged, before: now.toISOString() },
    });
    await em.flush();
  }
  services.logger.info({ job: 'documents.purge-expired', purged }, 'expired documents purged');
  return purged;
}

/** The daily retention run; the scheduler enqueues it with the day as job id. */
export function createPurgeExpiredDocumentsJob(services: Services) {
  return defineJob({
    id: 'documents.purge-expired',
    version: 1,
    payload: ZPurgeExpiredDocumentsPayload,
    retries: 3,
    backoffMs: 60_000,
    timeoutMs: 30 * 60_000,
    async handler(_payload, ctx) {
      await purgeExpiredDocuments(services, { signal: ctx.signal });
    },
  });
}
