import type { Services } from '../services/create-services.js';
import { reconcileGenerationsJob } from './jobs/reconcile-generations.js';

/**
 * Queues the generation reconciler every `intervalMs` (and once at start, so work lost while the process was
 * down is picked up at boot). The job id is the interval's slot, so several API and worker processes
 * scheduling at once queue one job per slot. Returns a stop function for graceful shutdown.
 */
export function scheduleReconciler(
  services: Pick<Services, 'queue' | 'logger' | 'clock'>,
  { intervalMs = 60_000, runAtStart = true }: { intervalMs?: number; runAtStart?: boolean } = {},
): () => void {
  const tick = () => {
    const slot = Math.floor(services.clock().getTime() / intervalMs);
    services.queue
      .enqueue(reconcileGenerationsJob, {}, { jobId: `generations-reconcile-${slot}` })
      .catch((err: Error) => services.logger.warn({ err: err.message }, 'reconciler not queued'));
  };
  if (runAtStart) tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
