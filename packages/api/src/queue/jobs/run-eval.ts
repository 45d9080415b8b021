import { z } from 'zod';
import { runEvalRun } from '../../commands/run-eval-run.js';
import type { Services } from '../../services/create-services.js';
import type { JobSpec } from '../create-queue.js';
import { defineJob } from '../define-job.js';

/** What producers need to queue a run (job id = evaluation run id); the handler lives in the worker. */
export const RUN_EVAL_JOB = {
  id: 'eval.run',
  // The handler records the harness's own failures on the run; a retry only covers a lost database write.
  retries: 1,
  backoffMs: 5_000,
  // A whole golden set with the template generator takes about a minute; with a language model, far longer.
  timeoutMs: 60 * 60_000,
} as const satisfies JobSpec;

export const ZRunEvalPayload = z.object({ runId: z.string().uuid() });

/** Runs one golden-set evaluation; see `runEvalRun` for why a duplicate or redelivered job is harmless. */
export function createRunEvalJob(services: Services, opts: { progressIntervalMs?: number } = {}) {
  return defineJob({
    ...RUN_EVAL_JOB,
    version: 1,
    payload: ZRunEvalPayload,
    async handler({ runId }, ctx) {
      await runEvalRun({
        services,
        runId,
        signal: ctx.signal,
        ...(opts.progressIntervalMs ? { intervalMs: opts.progressIntervalMs } : {}),
      });
    },
  });
}
