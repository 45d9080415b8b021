// Kept free of relative imports: leader-election tests load this file in plain Node child processes.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface LeaderLock {
  /** Whether this process held the lock at its last acquire or renewal. */
  readonly isLeader: boolean;
  /** Takes the lock when it is free, or extends it when this process holds it; returns whether it leads. */
  tryLead(): Promise<boolean>;
  /** Gives the lock up at once (graceful shutdown), so another process takes over without waiting for expiry. */
  release(): Promise<void>;
}

// Extend or delete only while the lock still holds our token: a process that stalled past the expiry must not
// extend or free a lock another process has since taken.
const RENEW_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;
const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Leader election over Redis: `SET key token NX PX ttl` takes the lock, a compare-and-extend keeps it. A leader
 * that dies without releasing stops renewing, and the lock passes to another process after `ttlMs`.
 */
export function createRedisLeaderLock(redis: Redis, key: string, ttlMs: number): LeaderLock {
  const token = randomUUID();
  let leading = false;
  return {
    get isLeader() {
      return leading;
    },
    async tryLead() {
      try {
        if (leading && Number(await redis.eval(RENEW_LUA, 1, key, token, String(ttlMs))) === 1) return true;
        leading = (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
      } catch {
        // Without Redis nobody can prove leadership; stepping down avoids two leaders after a partition.
        leading = false;
      }
      return leading;
    },
    async release() {
      if (!leading) return;
      leading = false;
      await redis.eval(RELEASE_LUA, 1, key, token).catch(() => {});
    },
  };
}

/** A single process (the in-process queue adapter) always leads. */
export function createLocalLeaderLock(): LeaderLock {
  let leading = false;
  return {
    get isLeader() {
      return leading;
    },
    async tryLead() {
      leading = true;
      return true;
    },
    async release() {
      leading = false;
    },
  };
}
