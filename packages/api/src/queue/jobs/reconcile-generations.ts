import { z } from 'zod';
import { reconcileEvalRuns } from '../../commands/reconcile-eval-runs.js';
import type { Services } from '../../services/create-services.js';
import type { JobSpec } from '../create-queue.js';
import { defineJob } from '../define-job.js';
import { runGenerationJob } from './run-generation.js';

/** A queued or running row untouched this long has lost its job (Redis forgot it, or its worker died). */
export const RECONCILE_STALE_MS = 2 * 60_000;
const BATCH = 200;

export const reconcileGenerationsJob = {
  id: 'generations.reconcile',
  retries: 0,
  backoffMs: 1_000,
  timeoutMs: 60_000,
} as const satisfies JobSpec;

export const ZReconcilePayload = z.object({}).passthrough();

/**
 * PostgreSQL holds every generation; the queue may forget some. Finds queued and running rows that have not
 * moved for two minutes (running rows beat every few seconds, so these are dead), hands running ones back to
 * queued, touches them so the next pass skips them for a while, and queues them again. A row that never ran
 * is queued under its own id, so a job still waiting in the queue is not doubled; a row that ran before gets
 * `<id>:<attempts>`, since its old job may be stuck in the queue's failed set. Returns the ids re-queued.
 */
export async function reconcileGenerations(services: Services): Promise<string[]> {
  const em = services.orm.em.fork();
  const rows = await em.execute<{ id: string; attempts: number }[]>(
    `update generations g set status = 'queued', updated_at = now()
     from (select id from generations
           where status in ('queued', 'running') and updated_at < now() - ? * interval '1 millisecond'
           order by updated_at limit ${BATCH}
           for update skip locked) stale
     where g.id = stale.id and g.status in ('queued', 'running')
     returning g.id, g.attempts`,
    [RECONCILE_STALE_MS],
  );
  const requeued: string[] = [];
  for (const row of rows) {
    const jobId = row.attempts === 0 ? row.id : `${row.id}:${row.attempts}`;
    try {
      await services.queue.enqueue(runGenerationJob, { generationId: row.id }, { jobId });
      requeued.push(row.id);
    } catch (err) {
      services.logger.warn({ generationId: row.id, err: (err as Error).message }, 'reconcile enqueue failed');
    }
  }
  if (requeued.length) services.logger.info({ count: requeued.length }, 'generations re-queued');
  return requeued;
}

export function createReconcileGenerationsJob(services: Services) {
  return defineJob({
    ...reconcileGenerationsJob,
    version: 1,
    payload: ZReconcilePayload,
    async handler() {
      await reconcileGenerations(services);
      // Evaluation runs are rows first and jobs second too; one reconciler pass covers both.
      await reconcileEvalRuns(services);
    },
  });
}
