import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Politeness towards one host: requests in flight at once, and the gap between the starts of two requests. */
export interface HostLimits {
  concurrency: number;
  intervalMs: number;
}

export interface HostSlot {
  /** When the slot was granted, in ms since the epoch on the limiter's clock (Redis's, for the shared one). */
  grantedAt: number;
  release(): Promise<void>;
}

export interface HostLimiter {
  /**
   * Waits for a slot on `host` (at most `concurrency` held at once, starts at least `intervalMs` apart).
   * Rejects with the signal's reason when it aborts first. A holder that dies keeps its slot only until
   * `leaseMs` has passed.
   */
  acquire(host: string, signal?: AbortSignal): Promise<HostSlot>;
  close(): Promise<void>;
}

export interface HostLimiterOptions extends HostLimits {
  /** How long a slot survives a holder that never releases it (a killed worker). */
  leaseMs?: number;
  /** Longest single wait between two attempts when the host is busy. */
  pollMs?: number;
}

// Longer than the longest evidence check, so a slot never lapses while its holder still uses it.
const DEFAULT_LEASE_MS = 180_000;
const DEFAULT_POLL_MS = 50;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `attempt` answers the grant time when the slot is taken, else how long to wait before trying again. */
async function acquireWith(
  attempt: () => Promise<{ granted: true; at: number } | { granted: false; waitMs: number }>,
  pollMs: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  for (;;) {
    signal?.throwIfAborted();
    const result = await attempt();
    if (result.granted) return result.at;
    await sleep(Math.max(1, Math.min(result.waitMs, pollMs)), signal);
  }
}

/** One process's limiter (the in-process queue adapter): the same rules as the Redis one, in memory. */
export function createMemoryHostLimiter(opts: HostLimiterOptions, now: () => number = Date.now): HostLimiter {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  const hosts = new Map<string, { slots: Map<string, number>; nextStart: number }>();
  return {
    async acquire(host, signal) {
      const token = randomUUID();
      const grantedAt = await acquireWith(
        async () => {
          const t = now();
          let state = hosts.get(host);
          if (!state) {
            state = { slots: new Map(), nextStart: 0 };
            hosts.set(host, state);
          }
          for (const [k, expires] of state.slots) if (expires <= t) state.slots.delete(k);
          if (state.slots.size >= opts.concurrency) return { granted: false, waitMs: pollMs };
          if (state.nextStart > t) return { granted: false, waitMs: state.nextStart - t };
          state.slots.set(token, t + leaseMs);
          state.nextStart = t + opts.intervalMs;
          return { granted: true, at: t };
        },
        pollMs,
        signal,
      );
      return {
        grantedAt,
        async release() {
          const state = hosts.get(host);
          state?.slots.delete(token);
          if (state && state.slots.size === 0 && state.nextStart <= now()) hosts.delete(host);
        },
      };
    },
    async close() {
      hosts.clear();
    },
  };
}

// One atomic step on Redis's own clock, so workers on machines with skewed clocks still agree. KEYS[1] is a
// sorted set of slot tokens scored by lease expiry, KEYS[2] the earliest time the next request may start.
// Returns {1, now} when the slot was taken, else {0, milliseconds to wait}.
const ACQUIRE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local concurrency = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= concurrency then
  return {0, tonumber(ARGV[5])}
end
local nextStart = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextStart > now then return {0, nextStart - now} end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
if interval > 0 then redis.call('SET', KEYS[2], now + interval, 'PX', interval) end
return {1, now}`;

/**
 * Shared by every worker on one Redis: the per-host limits hold however many worker processes run. The keys
 * hold the host name, never a full URL.
 */
export function createRedisHostLimiter(
  redis: Redis,
  opts: HostLimiterOptions,
  prefix = 'dossier:evidence:host:',
): HostLimiter {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  const keys = (host: string) => [`${prefix}${host}:slots`, `${prefix}${host}:next`] as const;
  return {
    async acquire(host, signal) {
      const token = randomUUID();
      const [slots, next] = keys(host);
      const grantedAt = await acquireWith(
        async () => {
          const [ok, value] = (await redis.eval(
            ACQUIRE_LUA,
            2,
            slots,
            next,
            token,
            String(opts.concurrency),
            String(opts.intervalMs),
            String(leaseMs),
            String(pollMs),
          )) as [number, number];
          return ok === 1 ? { granted: true, at: Number(value) } : { granted: false, waitMs: Number(value) };
        },
        pollMs,
        signal,
      );
      return {
        grantedAt,
        async release() {
          await redis.zrem(slots, token).catch(() => {});
        },
      };
    },
    async close() {},
  };
}
