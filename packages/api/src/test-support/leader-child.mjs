// One contender for the evidence scheduler's leadership, run as its own Node process by the leader-lock test:
// node leader-child.mjs <redisUrl> <key> <ttlMs>. Prints "leader <pid>" when it takes the lock and "follower
// <pid>" when it loses it; on SIGTERM it gives the lock up and exits.
import { Redis } from 'ioredis';

const [redisUrl, key, ttl] = process.argv.slice(2);
const { createRedisLeaderLock } = await import(new URL('../services/leader-lock.ts', import.meta.url).href);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
const lock = createRedisLeaderLock(redis, key, Number(ttl));
let was = false;
const beat = async () => {
  const leads = await lock.tryLead();
  if (leads !== was) process.stdout.write(`${leads ? 'leader' : 'follower'} ${process.pid}\n`);
  was = leads;
};
await beat();
process.stdout.write(`started ${process.pid}\n`);
const timer = setInterval(beat, Math.floor(Number(ttl) / 3));
process.on('SIGTERM', async () => {
  clearInterval(timer);
  await lock.release();
  redis.disconnect();
  process.exit(0);
});
