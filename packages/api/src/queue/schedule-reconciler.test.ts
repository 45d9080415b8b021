import { describe, expect, it } from 'vitest';
import { createLogger } from '../services/create-logger.js';
import type { JobQueue, JobSpec } from './create-queue.js';
import { scheduleReconciler } from './schedule-reconciler.js';

describe('scheduleReconciler', () => {
  it('queues the reconciler at start and every interval, one job id per slot, until stopped', async () => {
    const calls: Array<{ job: string; jobId: string | undefined }> = [];
    const queue = {
      async enqueue(job: JobSpec, _payload: unknown, options?: { jobId?: string }) {
        calls.push({ job: job.id, jobId: options?.jobId });
        return options?.jobId ?? 'x';
      },
    } as unknown as JobQueue;
    let now = 120_000;
    const stop = scheduleReconciler(
      { queue, logger: createLogger('silent'), clock: () => new Date(now) },
      { intervalMs: 50 },
    );
    expect(calls).toEqual([{ job: 'generations.reconcile', jobId: `generations-reconcile-${120_000 / 50}` }]);
    now += 50;
    await new Promise((r) => setTimeout(r, 80));
    stop();
    const count = calls.length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(new Set(calls.map((c) => c.jobId)).size).toBe(2);
    await new Promise((r) => setTimeout(r, 120));
    expect(calls.length).toBe(count);
  });
});
