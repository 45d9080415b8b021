import type { Services } from '../services/create-services.js';
import { createPurgeExpiredDocumentsJob } from './jobs/purge-expired-documents.js';
import { createPurgeExpiredSessionsJob } from './jobs/purge-expired-sessions.js';
import { createPurgeExpiredTrashJob } from './jobs/purge-expired-trash.js';
import { scheduleEvidenceChecks } from './schedule-evidence.js';
import { scheduleReconciler } from './schedule-reconciler.js';

const DAY_MS = 86_400_000;

/**
 * The periodic jobs every `serve` and `worker` process schedules: the generation reconciler each minute, the
 * document, trash and session retention purges daily, and the evidence link checks (queued by one elected leader). Job ids are time
 * slots, so many processes scheduling at once still queue one job per slot. Returns a stop function for
 * graceful shutdown.
 */
export function scheduleMaintenance(services: Services): () => Promise<void> {
  const stopReconciler = scheduleReconciler(services);
  // The daily retention runs: unsaved documents past their expiry, the trash past its purge date, and expired
  // refresh tokens and session revocations.
  const purgeJobs = [
    createPurgeExpiredDocumentsJob(services),
    createPurgeExpiredTrashJob(services),
    createPurgeExpiredSessionsJob(services),
  ];
  const purge = () => {
    const day = new Date(services.clock().getTime()).toISOString().slice(0, 10);
    for (const job of purgeJobs) {
      services.queue
        .enqueue(job, {}, { jobId: `${job.id}:${day}` })
        .catch((err: Error) =>
          services.logger.warn({ err: err.message, job: job.id }, 'retention purge not queued'),
        );
    }
  };
  purge();
  const timer = setInterval(purge, DAY_MS);
  timer.unref();
  const stopEvidence = services.config.evidence.scheduler ? scheduleEvidenceChecks(services) : undefined;
  return async () => {
    stopReconciler();
    clearInterval(timer);
    await stopEvidence?.();
  };
}
