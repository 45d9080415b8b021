import { hasEvidenceValidators } from '../commands/check-evidence.js';
import { enqueueDueEvidence } from '../commands/schedule-evidence-checks.js';
import type { Services } from '../services/create-services.js';
import { createLocalLeaderLock, createRedisLeaderLock, type LeaderLock } from '../services/leader-lock.js';
import { checkEvidenceBatchJob } from './jobs/check-evidence-batch.js';

export const EVIDENCE_LEADER_KEY = 'dossier:evidence:scheduler-leader';

export interface EvidenceSchedulerOptions {
  /** How often the leader looks for due links. */
  tickMs?: number;
  /** How long leadership lasts without renewal; renewed every third of it. */
  leaseMs?: number;
  lock?: LeaderLock;
}

/**
 * Every `serve` and `worker` process runs this; only the elected leader (a Redis lock with renewal and expiry;
 * always this process on the in-process queue) looks for due links and queues them, so the database is scanned
 * once per tick however many processes run. Returns a stop function that gives leadership up at once.
 */
export function scheduleEvidenceChecks(
  services: Services,
  { tickMs = 60_000, leaseMs = 30_000, lock }: EvidenceSchedulerOptions = {},
): () => Promise<void> {
  const leader =
    lock ??
    (services.redis && services.queue.kind === 'redis'
      ? createRedisLeaderLock(services.redis, EVIDENCE_LEADER_KEY, leaseMs)
      : createLocalLeaderLock());
  let stopped = false;
  let lastTick = 0;
  let busy = false;
  if (!hasEvidenceValidators(services)) {
    // Checking without validators would mark every link unverifiable for a whole period.
    services.logger.info('no evidence-validator plugin is loaded: evidence links are not checked');
    return async () => {};
  }

  const beat = async () => {
    if (stopped || busy) return;
    busy = true;
    try {
      const was = leader.isLeader;
      const leads = await leader.tryLead();
      if (leads !== was) services.logger.info({ leader: leads }, 'evidence scheduler leadership changed');
      if (leads && Date.now() - lastTick >= tickMs) {
        lastTick = Date.now();
        const queued = await enqueueDueEvidence({ services, job: checkEvidenceBatchJob });
        if (queued.length > 0) services.logger.info({ queued: queued.length }, 'evidence checks queued');
      }
    } catch (err) {
      services.logger.warn({ err: (err as Error).message }, 'evidence scheduler tick failed');
    } finally {
      busy = false;
    }
  };

  void beat();
  const timer = setInterval(beat, Math.max(100, Math.min(tickMs, Math.floor(leaseMs / 3))));
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await leader.release();
  };
}
