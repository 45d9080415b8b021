import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from './create-logger.js';
import {
  createMemoryGenerationEvents,
  createRedisGenerationEvents,
  type GenerationEvent,
  type GenerationEvents,
} from './generation-events.js';

const logger = createLogger('silent');
const publishers: Redis[] = [];
afterAll(() => {
  for (const p of publishers) p.disconnect();
});

function redisBus(): GenerationEvents {
  const publisher = new Redis(inject('redisUrl'));
  publishers.push(publisher);
  return createRedisGenerationEvents({ redisUrl: inject('redisUrl'), publisher, logger });
}

const progress = (percent: number): GenerationEvent => ({
  type: 'progress',
  stage: 'match',
  percent,
  message: 'm',
});

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

for (const kind of ['in-process', 'redis'] as const) {
  describe(`${kind} generation events`, () => {
    it('delivers a generation’s events to its subscribers only, until they unsubscribe', async () => {
      const bus = kind === 'redis' ? redisBus() : createMemoryGenerationEvents();
      const a: GenerationEvent[] = [];
      const b: GenerationEvent[] = [];
      const other: GenerationEvent[] = [];
      const offA = bus.subscribe('g1', (e) => a.push(e));
      const offB = bus.subscribe('g1', (e) => b.push(e));
      const offOther = bus.subscribe('g2', (e) => other.push(e));
      await Promise.all([offA.ready, offB.ready, offOther.ready]);
      await bus.publish('g1', progress(10));
      await until(() => a.length === 1 && b.length === 1);
      offA();
      offA(); // idempotent
      await bus.publish('g1', { type: 'cancel' });
      await until(() => b.length === 2);
      expect(a).toEqual([progress(10)]);
      expect(b).toEqual([progress(10), { type: 'cancel' }]);
      expect(other).toEqual([]);
      offB();
      offOther();
      await bus.publish('g1', progress(20));
      await new Promise((r) => setTimeout(r, 100));
      expect(b).toHaveLength(2);
      await bus.close();
    });
  });
}

describe('redis generation events across processes', () => {
  it('reaches a subscriber on another connection, as a worker reaches the API', async () => {
    const api = redisBus();
    const worker = redisBus();
    const seen: GenerationEvent[] = [];
    const off = api.subscribe('g-cross', (e) => seen.push(e));
    await off.ready;
    await worker.publish('g-cross', { type: 'done', status: 'succeeded', documentId: 'd1' });
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual({ type: 'done', status: 'succeeded', documentId: 'd1' });
    off();
    await api.close();
    await worker.close();
  });

  it('never rejects a publish when Redis is unreachable', async () => {
    const publisher = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    publishers.push(publisher);
    const bus = createRedisGenerationEvents({ redisUrl: 'redis://127.0.0.1:1', publisher, logger });
    await expect(bus.publish('g', { type: 'cancel' })).resolves.toBeUndefined();
    await bus.close();
  });
});
