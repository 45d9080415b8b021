import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisDatabase } from '../routes/generations/generations.test-support.js';
import { createMemoryHostLimiter, createRedisHostLimiter, type HostLimiter } from './host-limiter.js';

const redis = new Redis(redisDatabase(13));
afterAll(() => redis.disconnect());

const limits = { concurrency: 2, intervalMs: 100, pollMs: 10 };
const kinds: Array<[string, () => HostLimiter]> = [
  ['in memory', () => createMemoryHostLimiter(limits)],
  ['on Redis', () => createRedisHostLimiter(redis, limits, `test:${randomBytes(4).toString('hex')}:`)],
];

describe.each(kinds)('host limiter %s', (_name, make) => {
  it('grants at most two slots at once, starts at least the interval apart', async () => {
    const limiter = make();
    const a = await limiter.acquire('h.example');
    const b = await limiter.acquire('h.example');
    expect(b.grantedAt - a.grantedAt).toBeGreaterThanOrEqual(100);
    let third = false;
    const pending = limiter.acquire('h.example').then((slot) => {
      third = true;
      return slot;
    });
    await new Promise((r) => setTimeout(r, 250));
    expect(third).toBe(false);
    await a.release();
    const c = await pending;
    expect(c.grantedAt - b.grantedAt).toBeGreaterThanOrEqual(100);
    // Another host is not held up.
    const other = await limiter.acquire('other.example');
    expect(other.grantedAt).toBeGreaterThanOrEqual(c.grantedAt);
    await Promise.all([b.release(), c.release(), other.release()]);
  });

  it('gives up waiting when the signal aborts', async () => {
    const limiter = make();
    const held = [await limiter.acquire('busy.example'), await limiter.acquire('busy.example')];
    await expect(limiter.acquire('busy.example', AbortSignal.timeout(150))).rejects.toThrow();
    await Promise.all(held.map((s) => s.release()));
  });

  it('frees a slot whose holder never released it once its lease runs out', async () => {
    const limiter =
      _name === 'on Redis'
        ? createRedisHostLimiter(
            redis,
            { ...limits, leaseMs: 200 },
            `test:${randomBytes(4).toString('hex')}:`,
          )
        : createMemoryHostLimiter({ ...limits, leaseMs: 200 });
    await limiter.acquire('lost.example');
    await limiter.acquire('lost.example');
    const started = Date.now();
    const slot = await limiter.acquire('lost.example', AbortSignal.timeout(2_000));
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await slot.release();
  });
});
