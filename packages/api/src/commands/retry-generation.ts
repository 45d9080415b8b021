import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, notFound } from '../errors/app-error.js';
import { runGenerationJob } from '../queue/jobs/run-generation.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';

/**
 * Runs a failed or cancelled generation again: the row goes back to queued (flushed first, as for a new
 * request) and a job with a fresh id is queued, since the old id may still be known to the queue. The run
 * stays idempotent whatever job reaches it.
 */
export async function retryGeneration({
  em,
  services,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  id: string;
  requestId?: string;
}): Promise<{ status: 'queued' }> {
  const rows = await em.execute<{ attempts: number }[]>(
    `update generations set status = 'queued', cancel_requested = false, error = null, stage = null,
       progress = 0, finished_at = null, updated_at = now()
     where id = ? and owner_id = ? and status in ('failed', 'cancelled')
     returning attempts`,
    [id, ownerId],
  );
  const row = rows[0];
  if (!row) {
    const [current] = await em.execute<{ status: string }[]>(
      'select status from generations where id = ? and owner_id = ?',
      [id, ownerId],
    );
    if (!current) throw notFound('Generation');
    throw new AppError(
      'CONFLICT',
      `Only a failed or cancelled generation can be retried (it is ${current.status})`,
      {
        details: { status: current.status },
      },
    );
  }
  recordAudit({
    em,
    actorId: ownerId,
    action: 'generation.retry',
    entityType: 'generation',
    entityId: id,
    requestId,
  });
  await em.flush();
  await services.events.publish(id, { type: 'status', status: 'queued' });
  try {
    await services.queue.enqueue(runGenerationJob, { generationId: id }, { jobId: `${id}:${row.attempts}` });
  } catch (err) {
    services.logger.warn(
      { generationId: id, err: (err as Error).message },
      'retry not queued; the reconciler will',
    );
  }
  return { status: 'queued' };
}
