import { z } from 'zod';
import { runGeneration } from '../../commands/run-generation.js';
import type { Services } from '../../services/create-services.js';
import type { JobSpec } from '../create-queue.js';
import { defineJob } from '../define-job.js';

/** What producers need to queue a run (job id = generation id); the handler lives in the worker. */
export const runGenerationJob = {
  id: 'generation.run',
  retries: 2,
  backoffMs: 2_000,
  // The pipeline's own stage timeouts are far shorter; this bounds a run whose plugins ignore them.
  timeoutMs: 5 * 60_000,
} as const satisfies JobSpec;

export const ZRunGenerationPayload = z.object({ generationId: z.string().uuid() });

/** Runs one generation; see `runGeneration` for why a duplicate or redelivered job is harmless. */
export function createRunGenerationJob(services: Services) {
  return defineJob({
    ...runGenerationJob,
    version: 1,
    payload: ZRunGenerationPayload,
    async handler({ generationId }, ctx) {
      await runGeneration({
        services,
        generationId,
        signal: ctx.signal,
        finalAttempt: ctx.attempt > runGenerationJob.retries,
      });
    },
  });
}
