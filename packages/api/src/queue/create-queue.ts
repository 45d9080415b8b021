import BeeQueue from 'bee-queue';
// bee-queue runs its Lua scripts by hash only; after Redis restarts empty they must be loaded again.
// @ts-expect-error: an internal module of bee-queue without type declarations
import beeLua from 'bee-queue/lib/lua/index.js';
import type { Logger } from 'pino';
import type { JobDefinition } from './define-job.js';

export interface EnqueueOptions {
  /** Idempotency: a job with an id that is already queued is not queued twice. */
  jobId?: string;
  delayMs?: number;
}

/** What a producer needs of a job definition (it never needs the handler). */
export type JobSpec = Pick<JobDefinition, 'id' | 'retries' | 'backoffMs' | 'timeoutMs'>;

export interface QueueDepth {
  labels: { queue: string; state: string };
  value: number;
}

/** The queue interface that both the in-process adapter and the bee-queue adapter implement. */
export interface JobQueue {
  readonly kind: 'in-process' | 'redis';
  /** Queues one job of a definition; retries, backoff and timeout come from the definition. */
  enqueue(job: JobSpec, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /** Starts processing; producers never call this, workers (or the embedded single process) do. */
  // biome-ignore lint/suspicious/noExplicitAny: heterogeneous job list
  process(jobs: JobDefinition<any>[], concurrency: number): void;
  depth(): Promise<QueueDepth[]>;
  ping(): Promise<boolean>;
  close(timeoutMs?: number): Promise<void>;
}

export function createQueue(opts: {
  redisUrl: string | undefined;
  logger: Logger;
  prefix?: string;
}): JobQueue {
  return opts.redisUrl
    ? createBeeQueue(opts.redisUrl, opts.logger, opts.prefix)
    : createInProcessQueue(opts.logger);
}

async function runJob(
  def: JobDefinition,
  payload: unknown,
  jobId: string,
  attempt: number,
  logger: Logger,
  report: (p: number, m?: string) => void = () => {},
): Promise<void> {
  const parsed = def.payload.parse(payload);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`job ${def.id} timed out`)), def.timeoutMs);
  try {
    await def.handler(parsed, { jobId, attempt, signal: controller.signal, reportProgress: report });
  } catch (err) {
    logger.warn({ job: def.id, jobId, attempt, err: (err as Error).message }, 'job failed');
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** The embedded default: the same semantics (ids, retries, backoff) without Redis, inside the API process. */
export function createInProcessQueue(logger: Logger): JobQueue {
  const defs = new Map<string, JobDefinition>();
  const pending: Array<{ name: string; payload: unknown; jobId: string; attempt: number }> = [];
  const known = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let active = 0;
  let concurrency = 0;
  let seq = 0;
  let closed = false;
  const idle: Array<() => void> = [];

  const pump = () => {
    while (!closed && active < concurrency && pending.length > 0) {
      const item = pending.shift()!;
      const def = defs.get(item.name);
      if (!def) {
        logger.error({ job: item.name }, 'no handler for job');
        known.delete(item.jobId);
        continue;
      }
      active += 1;
      runJob(def, item.payload, item.jobId, item.attempt, logger)
        .then(() => known.delete(item.jobId))
        .catch(() => {
          if (item.attempt <= def.retries) {
            const t = setTimeout(
              () => {
                timers.delete(t);
                pending.push({ ...item, attempt: item.attempt + 1 });
                pump();
              },
              def.backoffMs * 2 ** (item.attempt - 1),
            );
            timers.add(t);
          } else known.delete(item.jobId);
        })
        .finally(() => {
          active -= 1;
          if (active === 0 && pending.length === 0) for (const r of idle.splice(0)) r();
          pump();
        });
    }
  };

  return {
    kind: 'in-process',
    async enqueue(spec, payload, options = {}) {
      const name = spec.id;
      const jobId = options.jobId ?? `local-${++seq}`;
      if (known.has(jobId)) return jobId;
      known.add(jobId);
      const push = () => {
        pending.push({ name, payload, jobId, attempt: 1 });
        pump();
      };
      if (options.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          push();
        }, options.delayMs);
        timers.add(t);
      } else push();
      return jobId;
    },
    process(jobs, c) {
      for (const j of jobs) defs.set(j.id, j);
      concurrency = c;
      pump();
    },
    async depth() {
      return [
        { labels: { queue: 'jobs', state: 'waiting' }, value: pending.length },
        { labels: { queue: 'jobs', state: 'active' }, value: active },
      ];
    },
    async ping() {
      return !closed;
    },
    async close(timeoutMs = 10_000) {
      closed = true;
      for (const t of timers) clearTimeout(t);
      if (active > 0) {
        await Promise.race([
          new Promise<void>((r) => idle.push(r)),
          new Promise((r) => setTimeout(r, timeoutMs)),
        ]);
      }
    },
  };
}

function redisOptions(url: string) {
  // bee-queue brings its own redis client: it takes connection options, not an ioredis instance.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
  };
}

export function createBeeQueue(url: string, logger: Logger, prefix = 'dossier'): JobQueue {
  const queues = new Map<string, BeeQueue>();
  let workerMode = false;
  const get = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = new BeeQueue(name, {
        prefix,
        redis: redisOptions(url),
        isWorker: workerMode,
        getEvents: false,
        sendEvents: false,
        removeOnSuccess: true,
        removeOnFailure: false,
        activateDelayedJobs: workerMode,
        stallInterval: 5000,
      });
      q.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'queue error'));
      // Without this, every command after a Redis restart fails with NOSCRIPT until the process restarts. The
      // client exists once the queue is ready; its later 'ready' events are reconnections.
      q.ready()
        .then(() => {
          const client = (q as unknown as { client: { on(event: 'ready', fn: () => void): void } | null })
            .client;
          client?.on('ready', () => {
            (beeLua as { buildCache(c: unknown): Promise<void> })
              .buildCache(client)
              .catch((err: Error) =>
                logger.warn({ queue: name, err: err.message }, 'queue scripts not reloaded'),
              );
          });
        })
        .catch(() => {});
      queues.set(name, q);
    }
    return q;
  };
  const stallTimers: NodeJS.Timeout[] = [];
  return {
    kind: 'redis',
    async enqueue(spec, payload, options = {}) {
      const q = get(spec.id);
      let job = q
        .createJob(payload as object)
        .retries(spec.retries)
        .backoff('exponential', spec.backoffMs)
        .timeout(spec.timeoutMs);
      if (options.jobId) job = job.setId(options.jobId);
      if (options.delayMs) job = job.delayUntil(Date.now() + options.delayMs);
      const saved = await job.save();
      return String(saved.id);
    },
    process(jobs, concurrency) {
      workerMode = true;
      for (const def of jobs) {
        const q = get(def.id);
        q.process(concurrency, async (job) => {
          const attempt = def.retries - (job.options.retries ?? def.retries) + 1;
          await runJob(def, job.data, String(job.id), attempt, logger);
        });
        // A worker that died mid-job leaves it stalled; this hands it to another worker.
        stallTimers.push(setInterval(() => q.checkStalledJobs().catch(() => {}), 5000));
      }
    },
    async depth() {
      const out: QueueDepth[] = [];
      for (const [name, q] of queues) {
        const c = await q.checkHealth();
        out.push({ labels: { queue: name, state: 'waiting' }, value: c.waiting });
        out.push({ labels: { queue: name, state: 'active' }, value: c.active });
        out.push({ labels: { queue: name, state: 'delayed' }, value: c.delayed });
      }
      return out;
    },
    async ping() {
      const q = get('health');
      try {
        await q.checkHealth();
        return true;
      } catch {
        return false;
      }
    },
    async close(timeoutMs = 10_000) {
      stallTimers.forEach(clearInterval);
      await Promise.all([...queues.values()].map((q) => q.close(timeoutMs).catch(() => {})));
    },
  };
}
