import type { Redis } from 'ioredis';

export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets. */
  retryAfter: number;
}

/** Fixed-window counters: cheap, and exact enough for "N per hour" budgets. */
export interface RateLimiter {
  consume(key: string, limit: number, windowSeconds: number): Promise<RateDecision>;
  /** The current count and seconds left in the window, without counting. */
  peek(key: string): Promise<{ count: number; retryAfter: number }>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  // Expired windows are swept lazily so a long-running process does not grow without bound.
  let lastSweep = now();
  const sweep = () => {
    const t = now();
    if (t - lastSweep < 60_000) return;
    lastSweep = t;
    for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
  };
  return {
    async consume(key, limit, windowSeconds) {
      sweep();
      const t = now();
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowSeconds * 1000 };
        windows.set(key, w);
      }
      w.count += 1;
      const retryAfter = Math.max(1, Math.ceil((w.resetAt - t) / 1000));
      return { allowed: w.count <= limit, remaining: Math.max(0, limit - w.count), retryAfter };
    },
    async peek(key) {
      const t = now();
      const w = windows.get(key);
      if (!w || w.resetAt <= t) return { count: 0, retryAfter: 0 };
      return { count: w.count, retryAfter: Math.max(1, Math.ceil((w.resetAt - t) / 1000)) };
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}

// INCR and set the expiry on first use, atomically; returns the count and the window's remaining ms.
const CONSUME_LUA = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}`;

type ConsumeCommand = (key: string, windowMs: string) => Promise<[number, number]>;

/**
 * Shared across API processes, so the budget holds however many instances run. The script is sent once and
 * then called by its hash (ioredis `defineCommand`: EVALSHA, and EVAL again if the server has forgotten it),
 * so a request does not ship and re-hash the script text.
 */
export function createRedisRateLimiter(redis: Redis, prefix = 'dossier:rl:'): RateLimiter {
  const commands = redis as unknown as { dossierRateConsume?: ConsumeCommand };
  if (!commands.dossierRateConsume) {
    redis.defineCommand('dossierRateConsume', { numberOfKeys: 1, lua: CONSUME_LUA });
  }
  const consume = commands.dossierRateConsume!.bind(redis);
  return {
    async consume(key, limit, windowSeconds) {
      const [count, ttl] = await consume(prefix + key, String(windowSeconds * 1000));
      return {
        allowed: count <= limit,
        remaining: Math.max(0, limit - count),
        retryAfter: Math.max(1, Math.ceil(ttl / 1000)),
      };
    },
    async peek(key) {
      const [count, ttl] = await Promise.all([redis.get(prefix + key), redis.pttl(prefix + key)]);
      return { count: Number(count ?? 0), retryAfter: ttl > 0 ? Math.ceil(ttl / 1000) : 0 };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {},
  };
}
