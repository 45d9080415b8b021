import { RUN_EVAL_JOB } from '../queue/jobs/run-eval.js';
import type { Services } from '../services/create-services.js';

/** A queued or running run untouched this long has lost its job; running ones beat twice a second. */
export const EVAL_RECONCILE_STALE_MS = 2 * 60_000;
const BATCH = 50;

/**
 * The evaluation-run half of the reconciler: runs the queue forgot (Redis lost them, or their worker died) are
 * handed back to queued and queued again, under their own id when they never ran and `<id>:<attempts>` when
 * they did (the old job may sit in the queue's failed set). Returns the ids re-queued.
 */
export async function reconcileEvalRuns(services: Services): Promise<string[]> {
  const em = services.orm.em.fork();
  const rows = await em.execute<{ id: string; attempts: number }[]>(
    `update eval_runs r set status = 'queued', updated_at = now()
     from (select id from eval_runs
           where status in ('queued', 'running') and not cancel_requested
             and updated_at < now() - ? * interval '1 millisecond'
           order by updated_at limit ${BATCH}
           for update skip locked) stale
     where r.id = stale.id and r.status in ('queued', 'running')
     returning r.id, r.attempts`,
    [EVAL_RECONCILE_STALE_MS],
  );
  const requeued: string[] = [];
  for (const row of rows) {
    const jobId = row.attempts === 0 ? row.id : `${row.id}:${row.attempts}`;
    try {
      await services.queue.enqueue(RUN_EVAL_JOB, { runId: row.id }, { jobId });
      requeued.push(row.id);
    } catch (err) {
      services.logger.warn({ runId: row.id, err: (err as Error).message }, 'reconcile enqueue failed');
    }
  }
  if (requeued.length) services.logger.info({ count: requeued.length }, 'evaluation runs re-queued');
  return requeued;
}
