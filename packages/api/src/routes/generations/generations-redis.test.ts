import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs } from '../../queue/jobs.js';
import { createLogger } from '../../services/create-logger.js';
import { createServices, type Services } from '../../services/create-services.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import {
  readEvents,
  redisDatabase,
  userWithGeneration,
  waitFor,
  waitForStatus,
  writePipelineConfig,
} from './generations.test-support.js';

// The API and the worker as separate processes would be: two service containers sharing only PostgreSQL and
// Redis. The API's container never processes jobs; the worker's runs them through bee-queue, and progress,
// `done` and `cancel` travel over Redis pub/sub. A Redis database of its own keeps other suites' workers (same
// queue names) from taking these jobs.
let t: TestContext;
let worker: Services;
// biome-ignore lint/suspicious/noExplicitAny: SQL rows are read loosely in assertions
const sql = <T = any>(query: string, params: unknown[] = []) =>
  t.services.orm.em.fork().execute<T[]>(query, params);

beforeAll(async () => {
  const config = writePipelineConfig({
    slow: { delayMs: 60_000, giveUp: true },
    generators: { cv: ['template-cv'], 'cover-letter': ['slow-cv', 'template-cover-letter'] },
  });
  t = await createTestContext(
    { REDIS_URL: redisDatabase(11), DOSSIER_PIPELINE_CONFIG: config },
    { redis: true },
  );
  const { config: appConfig } = t.services;
  expect(t.services.queue.kind).toBe('redis');
  expect(t.services.events.kind).toBe('redis');
  await t.services.redis!.flushdb();
  worker = await createServices({
    config: appConfig,
    databaseUrl: t.databaseUrl,
    secrets: { encryptionKey: appConfig.encryptionKey!, jwtSecret: appConfig.jwtSecret! },
    logger: createLogger('silent'),
  });
  worker.queue.process(createJobs(worker), 2);
});
afterAll(async () => {
  await worker?.close();
  await t?.close();
});

describe('generations over Redis', () => {
  it('runs in the worker and streams its events to the API', async () => {
    const { user, id } = await userWithGeneration(t);
    const { events } = await readEvents(t, user.token, id);
    const done = events.at(-1)!;
    expect(done).toMatchObject({
      event: 'done',
      data: { status: 'succeeded', documentId: expect.any(String) },
    });
    expect(events.some((e) => e.event === 'progress')).toBe(true);
    const docs = await sql('select id from documents where owner_id = ?', [user.userId]);
    expect(docs.map((d) => d.id)).toEqual([done.data.documentId]);
    const notes = await sql('select type from notifications where owner_id = ?', [user.userId]);
    expect(notes).toEqual([{ type: 'generation.succeeded' }]);
  });

  it('carries a cancel from the API to the worker mid-stage, within a second', async () => {
    const { user, id } = await userWithGeneration(t, 'cover-letter');
    await waitFor(async () => {
      const [row] = await sql('select status, stage from generations where id = ?', [id]);
      return row.status === 'running' && row.stage === 'generate';
    });
    const stream = readEvents(t, user.token, id);
    await new Promise((r) => setTimeout(r, 100));
    const asked = Date.now();
    const cancel = await t.request('POST', `/api/v1/generations/${id}/cancel`, { token: user.token });
    expect(cancel.status).toBe(202);
    const { events } = await stream;
    expect(Date.now() - asked).toBeLessThan(1_000);
    expect(events.at(-1)).toEqual({ event: 'done', data: { status: 'cancelled', documentId: null } });
    expect(await sql('select id from documents where owner_id = ?', [user.userId])).toHaveLength(0);
  });

  it('does not run a generation twice when its job is queued twice', async () => {
    const { user, id } = await userWithGeneration(t);
    // A retry id and a reconciler id for the same row, on top of the original.
    const spec = { id: 'generation.run', retries: 2, backoffMs: 1_000, timeoutMs: 60_000 };
    await t.services.queue.enqueue(spec, { generationId: id }, { jobId: `${id}:0` });
    await t.services.queue.enqueue(spec, { generationId: id }, { jobId: `${id}:1` });
    await waitForStatus(t, user.token, id, ['succeeded']);
    await new Promise((r) => setTimeout(r, 500));
    const versions = await sql('select id from document_versions where generation_id = ?', [id]);
    expect(versions).toHaveLength(1);
    const notes = await sql('select id from notifications where owner_id = ?', [user.userId]);
    expect(notes).toHaveLength(1);
  });
});
