import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../services/create-logger.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { createBeeQueue, createInProcessQueue, type JobQueue } from './create-queue.js';
import { defineJob } from './define-job.js';
import { createRederiveSkillsJob } from './jobs/rederive-skills.js';

const logger = createLogger('silent');

function countingJob(id: string, opts: { failTimes?: number } = {}) {
  const seen: string[] = [];
  let failures = 0;
  const def = defineJob({
    id,
    version: 1,
    payload: z.object({ n: z.number() }),
    retries: 2,
    backoffMs: 20,
    timeoutMs: 5_000,
    async handler(payload, ctx) {
      if (failures < (opts.failTimes ?? 0)) {
        failures += 1;
        throw new Error('transient');
      }
      seen.push(`${ctx.jobId}:${payload.n}`);
    },
  });
  return { def, seen };
}

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const kind of ['in-process', 'redis'] as const) {
  describe(`${kind} queue`, () => {
    let queue: JobQueue;
    beforeAll(() => {
      queue =
        kind === 'redis'
          ? createBeeQueue(inject('redisUrl'), logger, `dossier-test-${Date.now()}`)
          : createInProcessQueue(logger);
    });
    afterAll(() => queue.close(2_000));

    it('runs a job once per id, even when enqueued twice', async () => {
      const { def, seen } = countingJob(`count-${kind}`);
      queue.process([def], 2);
      await queue.enqueue(def, { n: 1 }, { jobId: 'same-id' });
      await queue.enqueue(def, { n: 2 }, { jobId: 'same-id' });
      await queue.enqueue(def, { n: 3 }, { jobId: 'other-id' });
      await until(() => seen.length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(seen.sort()).toEqual(['other-id:3', 'same-id:1']);
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      const { def, seen } = countingJob(`retry-${kind}`, { failTimes: 2 });
      queue.process([def], 1);
      await queue.enqueue(def, { n: 7 }, { jobId: 'retry-me' });
      await until(() => seen.length === 1);
      expect(seen).toEqual(['retry-me:7']);
    });

    it('reports its depth and health', async () => {
      expect(await queue.ping()).toBe(true);
      const depth = await queue.depth();
      expect(Array.isArray(depth)).toBe(true);
    });
  });
}

describe('skills.rederive job', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('recomputes stale derived skills and is idempotent', async () => {
    const u = await t.signUp();
    const made = await t.request('POST', '/api/v1/artifacts', {
      token: u.token,
      body: {
        title: 'Cluster work',
        summary: 'Ran services',
        technologies: ['k8s'],
        startDate: '2024-01-01',
      },
    });
    const conn = t.services.orm.em.getConnection();
    // Simulate artifacts derived under an older taxonomy.
    await conn.execute(`update artifacts set skills = '{}' where id = ?`, [made.body.id]);
    const job = createRederiveSkillsJob(t.services);
    const ctx = { jobId: 'x', attempt: 1, signal: new AbortController().signal, reportProgress: () => {} };
    await job.handler({ taxonomyVersion: 'test' }, ctx);
    const [row] = await conn.execute<Array<{ skills: string[] }>>(
      'select skills from artifacts where id = ?',
      [made.body.id],
    );
    expect(row!.skills).toContain('kubernetes');
    await job.handler({ taxonomyVersion: 'test' }, ctx);
    const [again] = await conn.execute<Array<{ skills: string[] }>>(
      'select skills from artifacts where id = ?',
      [made.body.id],
    );
    expect(again!.skills).toEqual(row!.skills);
  });
});
