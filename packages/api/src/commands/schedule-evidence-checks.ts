import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import type { JobQueue, JobSpec } from '../queue/create-queue.js';
import type { Services } from '../services/create-services.js';

/** Exports this recent put their evidence at the front of the queue. */
export const RECENT_EXPORT_DAYS = 7;
/** URLs per check job: a job checks a few URLs and hands the rest on, so no job holds a worker for long. */
export const CHECK_BATCH_SIZE = 10;
/** How long a claimed URL stays out of the due list; a job lost with Redis is picked up again after it. */
export const CLAIM_LEASE_MS = 60 * 60_000;
/** URLs claimed per scheduler tick at most. */
export const TICK_LIMIT = 2_000;
/**
 * Check jobs waiting in the queue above which a tick claims nothing: when hosts' limits make checking slower
 * than the schedule (a first run over many links), the backlog stays bounded instead of growing each minute.
 */
export const MAX_BACKLOG_JOBS = 200;

const DAY_MS = 86_400_000;

/**
 * The URL hashes due for a check, best first: URLs in a document exported in the last {@link RECENT_EXPORT_DAYS}
 * days, then the longest overdue. Never-checked links (no `next_check_at`) are due at once. One row per URL:
 * identical URLs across users are checked once.
 */
export async function findDueEvidence(
  em: EntityManager,
  { now, limit }: { now: Date; limit: number },
): Promise<Array<{ urlHash: string; recent: boolean }>> {
  const since = new Date(now.getTime() - RECENT_EXPORT_DAYS * DAY_MS);
  const rows = await em.execute<Array<{ url_hash: string; recent: boolean }>>(
    `with recent as (
       select distinct unnest(x.evidence_ids) as id from export_logs x where x.created_at > ?
     )
     select e.url_hash, bool_or(r.id is not null) as recent,
       min(coalesce(e.next_check_at, e.created_at)) as due_at
     from evidence_links e left join recent r on r.id = e.id::text
     where e.next_check_at is null or e.next_check_at <= ?
     group by e.url_hash
     order by recent desc, due_at asc, e.url_hash
     limit ${Math.max(1, Math.floor(limit))}`,
    [since, now],
  );
  return rows.map((r) => ({ urlHash: r.url_hash, recent: Boolean(r.recent) }));
}

/** Jobs of one kind not yet running (the in-process queue counts every kind together). */
async function waitingJobs(queue: JobQueue, jobId: string): Promise<number> {
  const depth = await queue.depth().catch(() => []);
  return depth
    .filter((d) => (d.labels.queue === jobId || queue.kind === 'in-process') && d.labels.state !== 'active')
    .reduce((sum, d) => sum + d.value, 0);
}

/**
 * Claims due URLs (pushes their next check a lease into the future, so the next tick does not queue them
 * again) and queues them in small batches, best first. Returns the hashes queued, in order.
 */
export async function enqueueDueEvidence({
  services,
  job,
  limit = TICK_LIMIT,
  batchSize = CHECK_BATCH_SIZE,
  maxBacklog = MAX_BACKLOG_JOBS,
}: {
  services: Pick<Services, 'orm' | 'queue' | 'clock'>;
  job: JobSpec;
  limit?: number;
  batchSize?: number;
  maxBacklog?: number;
}): Promise<string[]> {
  if ((await waitingJobs(services.queue, job.id)) > maxBacklog) return [];
  const now = services.clock();
  const em = services.orm.em.fork();
  const due = await findDueEvidence(em, { now, limit });
  if (due.length === 0) return [];
  const hashes = due.map((d) => d.urlHash);
  const claimedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  await em.execute(
    `update evidence_links set next_check_at = ?
     where url_hash = any(?::text[]) and (next_check_at is null or next_check_at <= ?)`,
    [claimedUntil, pgArray(hashes), now],
  );
  for (let i = 0; i < hashes.length; i += batchSize) {
    const batch = hashes.slice(i, i + batchSize);
    await services.queue.enqueue(
      job,
      { urlHashes: batch, claimedAt: now.toISOString() },
      // Same tick, same first URL: a scheduler that retries the tick does not queue the batch twice.
      { jobId: `evidence-check:${now.getTime()}:${batch[0]}` },
    );
  }
  return hashes;
}
