import { z } from 'zod';
import { applyVerdictToLinks, type CheckVerdict } from '../../commands/apply-evidence-verdict.js';
import { HostBusyError, runEvidenceCheck } from '../../commands/check-evidence.js';
import { EvidenceLink } from '../../db/entities/index.js';
import type { Services } from '../../services/create-services.js';
import { defineJob, type JobDefinition } from '../define-job.js';

export const ZCheckEvidenceBatchPayload = z
  .object({
    urlHashes: z
      .array(z.string().regex(/^[0-9a-f]{64}$/))
      .min(1)
      .max(100),
    /** When the scheduler claimed them: a URL checked since (by a duplicate job) is skipped. */
    claimedAt: z.string().datetime(),
  })
  .strict();
export type TCheckEvidenceBatchPayload = z.infer<typeof ZCheckEvidenceBatchPayload>;

/** A job hands what it has not reached on to a new job after this long, freeing the worker. */
export const BATCH_BUDGET_MS = 20_000;
/** How long a job waits for a busy host before it moves on to the next URL… */
export const HOST_WAIT_MS = 5_000;
/** …and when the URLs it put aside are tried again, in a job of their own. */
export const DEFER_MS = 5_000;

export const checkEvidenceBatchJob = {
  id: 'evidence.check-batch',
  retries: 2,
  backoffMs: 30_000,
  timeoutMs: 5 * 60_000,
} as const;

/**
 * Checks a few URLs, each once however many links cite it, and records the verdict on every one of those
 * links. Each URL waits a little for its host's turn (per-host limits shared by all workers); a host that stays
 * busy has its URL put aside and queued again shortly in a job of its own. When the time budget runs out the
 * rest goes back on the queue as a new job, so no job holds a worker for long. Idempotent: a URL whose links
 * were all checked after `claimedAt` is skipped.
 */
export async function checkEvidenceBatch(
  services: Services,
  payload: TCheckEvidenceBatchPayload,
  {
    signal,
    budgetMs = BATCH_BUDGET_MS,
    hostWaitMs = HOST_WAIT_MS,
  }: { signal?: AbortSignal; budgetMs?: number; hostWaitMs?: number } = {},
): Promise<{ checked: string[]; handedOn: string[]; deferred: string[] }> {
  const started = Date.now();
  const claimedAt = new Date(payload.claimedAt);
  const checked: string[] = [];
  const deferred: string[] = [];
  let handedOn: string[] = [];
  for (const [i, urlHash] of payload.urlHashes.entries()) {
    // At least one URL per job, so a batch always makes progress however slow its hosts are.
    if (i > 0 && Date.now() - started >= budgetMs) {
      handedOn = payload.urlHashes.slice(i);
      await services.queue.enqueue(
        checkEvidenceBatchJob,
        { urlHashes: handedOn, claimedAt: payload.claimedAt },
        { jobId: `evidence-check:${claimedAt.getTime()}:${handedOn[0]}` },
      );
      break;
    }
    signal?.throwIfAborted();
    const em = services.orm.em.fork();
    const pending = await em.findOne(
      EvidenceLink,
      { urlHash, $or: [{ lastCheckedAt: null }, { lastCheckedAt: { $lt: claimedAt } }] },
      { fields: ['id', 'urlEncrypted'] },
    );
    if (!pending) continue;
    const url = services.cipher.decrypt(pending.urlEncrypted);
    let verdict: CheckVerdict;
    try {
      verdict = await runEvidenceCheck({ services, url, signal, hostWaitMs });
    } catch (err) {
      // A host busy with other workers' checks: put the URL aside rather than hold this worker.
      if (err instanceof HostBusyError) {
        deferred.push(urlHash);
        continue;
      }
      throw err;
    }
    await applyVerdictToLinks({ em, services, urlHash, verdict, now: services.clock() });
    checked.push(urlHash);
  }
  if (deferred.length > 0) {
    await services.queue.enqueue(
      checkEvidenceBatchJob,
      { urlHashes: deferred, claimedAt: payload.claimedAt },
      { jobId: `evidence-check:${claimedAt.getTime()}:${deferred[0]}:${Date.now()}`, delayMs: DEFER_MS },
    );
  }
  return { checked, handedOn, deferred };
}

export function createCheckEvidenceBatchJob(services: Services): JobDefinition<TCheckEvidenceBatchPayload> {
  return defineJob({
    ...checkEvidenceBatchJob,
    version: 1,
    payload: ZCheckEvidenceBatchPayload,
    async handler(payload, ctx) {
      await checkEvidenceBatch(services, payload, { signal: ctx.signal });
    },
  });
}
