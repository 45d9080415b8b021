import { type FakeLlmServer, startFakeLlmServer } from '@dossier/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs } from '../../queue/jobs.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import {
  JOB_TEXT,
  readEvents,
  seedPortfolio,
  waitFor,
  waitForStatus,
  writePipelineConfig,
} from './generations.test-support.js';

type User = Awaited<ReturnType<TestContext['signUp']>>;

const sqlOf =
  (t: TestContext) =>
  // biome-ignore lint/suspicious/noExplicitAny: SQL rows are read loosely in assertions
  <T = any>(query: string, params: unknown[] = []) =>
    t.services.orm.em.fork().execute<T[]>(query, params);

async function start(env: Record<string, string>) {
  const t = await createTestContext(env);
  t.services.queue.process(createJobs(t.services), 2);
  return t;
}

async function userWithPortfolio(t: TestContext): Promise<User> {
  const user = await t.signUp();
  await seedPortfolio(t, user.token);
  return user;
}

describe('with a generator whose document carries a NUL character', () => {
  let t: TestContext;
  beforeAll(async () => {
    const config = writePipelineConfig({
      slow: { delayMs: 0, nul: true },
      generators: { cv: ['slow-cv'], 'cover-letter': ['slow-cv'] },
    });
    t = await start({ DOSSIER_PIPELINE_CONFIG: config });
  });
  afterAll(() => t.close());

  it('stores the document without it (PostgreSQL stores none) instead of failing the generation', async () => {
    const user = await userWithPortfolio(t);
    const res = await t.request('POST', '/api/v1/generate/cv', {
      token: user.token,
      body: { jobDescriptionText: JOB_TEXT, generator: 'llm' },
    });
    expect(res.status).toBe(202);
    const done = await waitForStatus(t, user.token, res.body.id, ['failed', 'succeeded']);
    expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'succeeded', generator: 'slow-cv' });
    const doc = await t.request('GET', `/api/v1/documents/${done.documentId}`, { token: user.token });
    expect(doc.status).toBe(200);
    expect(doc.body.version.content.sections[0].heading).toBe('Highlights');
  });
});

describe('with a slow and a flaky generator', () => {
  let t: TestContext;
  let sql: ReturnType<typeof sqlOf>;
  beforeAll(async () => {
    const config = writePipelineConfig({
      slow: { delayMs: 60_000, giveUp: true },
      flaky: { failFirst: 1 },
      generators: {
        cv: ['slow-cv', 'template-cv'],
        'cover-letter': ['flaky-writer', 'template-cover-letter'],
      },
    });
    t = await start({ DOSSIER_PIPELINE_CONFIG: config });
    sql = sqlOf(t);
  });
  afterAll(() => t.close());

  /** Asks for a CV, waits until the slow generator holds it in the generate stage, and opens its event stream. */
  async function watchRunningCv(user: User) {
    const res = await t.request('POST', '/api/v1/generate/cv', {
      token: user.token,
      body: { jobDescriptionText: JOB_TEXT },
    });
    expect(res.status).toBe(202);
    const id: string = res.body.id;
    await waitFor(async () => {
      const [row] = await sql('select status, stage from generations where id = ?', [id]);
      return row.status === 'running' && row.stage === 'generate';
    });
    const stream = readEvents(t, user.token, id);
    await new Promise((r) => setTimeout(r, 100));
    return { id, stream };
  }

  it('cancels a generation mid-stage within a second, leaving no document', async () => {
    const user = await userWithPortfolio(t);
    const { id, stream } = await watchRunningCv(user);

    const asked = Date.now();
    const cancel = await t.request('POST', `/api/v1/generations/${id}/cancel`, { token: user.token });
    expect(cancel.status).toBe(202);
    expect(cancel.body).toEqual({ id, status: 'running' });
    const { events } = await stream;
    const elapsed = Date.now() - asked;
    expect(elapsed).toBeLessThan(1_000);
    expect(events.at(-1)).toEqual({ event: 'done', data: { status: 'cancelled', documentId: null } });

    const got = await t.request('GET', `/api/v1/generations/${id}`, { token: user.token });
    expect(got.body).toMatchObject({ status: 'cancelled', documentId: null, error: null });
    expect(await sql('select id from documents where owner_id = ?', [user.userId])).toHaveLength(0);
    expect(await sql('select id from notifications where owner_id = ?', [user.userId])).toHaveLength(0);
    const audits = await sql(
      "select id from audit_events where entity_id = ? and action = 'generation.cancel'",
      [id],
    );
    expect(audits).toHaveLength(1);
  });

  it('ends an open event stream once its session is signed out, and refuses the reconnect', async () => {
    const user = await userWithPortfolio(t);
    const { id, stream } = await watchRunningCv(user);

    const out = await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: user.refreshToken } });
    expect(out.status).toBe(204);
    const signedOut = Date.now();
    const { events, status } = await stream;
    expect(status).toBe(200);
    // The stream's poll (every 2 s) notices; it ends without `done`, since the generation is not over.
    expect(Date.now() - signedOut).toBeLessThan(5_000);
    expect(events.map((e) => e.event)).not.toContain('done');
    expect((await readEvents(t, user.token, id)).status).toBe(401);

    // The generation itself goes on for the account; another session can still cancel it.
    const login = await t.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    const [row] = await sql('select status from generations where id = ?', [id]);
    expect(row.status).toBe('running');
    await t.request('POST', `/api/v1/generations/${id}/cancel`, { token: login.body.accessToken });
    await waitForStatus(t, login.body.accessToken, id, ['cancelled', 'failed', 'succeeded']);
  });

  it('hands back the same request while it is under way (one generation for a double click); force makes another', async () => {
    const user = await userWithPortfolio(t);
    const post = (body: Record<string, unknown>) =>
      t.request('POST', '/api/v1/generate/cv', {
        token: user.token,
        body: { jobDescriptionText: JOB_TEXT, ...body },
      });
    const together = await Promise.all([post({}), post({}), post({})]);
    expect(together.map((r) => r.status)).toEqual([202, 202, 202]);
    const id = together.find((r) => !r.body.reused)!.body.id;
    expect(together.map((r) => r.body.id)).toEqual([id, id, id]);
    expect(together.filter((r) => r.body.reused === true)).toHaveLength(2);
    await waitFor(async () => {
      const [row] = await sql('select status from generations where id = ?', [id]);
      return row.status === 'running';
    });
    const later = await post({ tone: 'formal' });
    expect(later.status).toBe(202);
    expect(later.body).toEqual({ id, status: 'running', reused: true });
    expect(later.headers.get('location')).toBe(`/api/v1/generations/${id}`);
    const forced = await post({ force: true });
    expect(forced.status).toBe(202);
    expect(forced.body.id).not.toBe(id);
    const rows = await sql('select id from generations where owner_id = ?', [user.userId]);
    expect(rows).toHaveLength(2);
    const audits = await sql(
      "select id from audit_events where actor_id = ? and action = 'generation.request'",
      [user.userId],
    );
    expect(audits).toHaveLength(2);
    for (const g of [id, forced.body.id]) {
      await t.request('POST', `/api/v1/generations/${g}/cancel`, { token: user.token });
      await waitForStatus(t, user.token, g, ['cancelled', 'failed', 'succeeded']);
    }
    // Once it is over (cancelled), the same request makes a new generation.
    const again = await post({});
    expect(again.status).toBe(202);
    expect(again.body.reused).toBeUndefined();
    expect([id, forced.body.id]).not.toContain(again.body.id);
    await t.request('POST', `/api/v1/generations/${again.body.id}/cancel`, { token: user.token });
  });

  it('records a failure without fallback for generator "llm", and a retry then succeeds', async () => {
    const user = await userWithPortfolio(t);
    const res = await t.request('POST', '/api/v1/generate/cover-letter', {
      token: user.token,
      body: { jobDescriptionText: JOB_TEXT, generator: 'llm' },
    });
    expect(res.status).toBe(202);
    const id = res.body.id;
    const failed = await waitForStatus(t, user.token, id, ['failed', 'succeeded']);
    expect(failed).toMatchObject({ status: 'failed', documentId: null });
    expect(failed.error).toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining('flaky-writer'),
    });
    const [note] = await sql('select * from notifications where owner_id = ?', [user.userId]);
    expect(note).toMatchObject({ type: 'generation.failed', link: '/tailor' });

    const retry = await t.request('POST', `/api/v1/generations/${id}/retry`, { token: user.token });
    expect(retry.status).toBe(202);
    const done = await waitForStatus(t, user.token, id, ['failed', 'succeeded']);
    expect(done).toMatchObject({
      status: 'succeeded',
      generator: 'flaky-writer',
      fallbackReason: null,
      error: null,
      tokens: 150,
      documentId: expect.any(String),
    });
    expect(done.cost).toBeCloseTo(0.001);
    const [row] = await sql('select attempts from generations where id = ?', [id]);
    expect(row.attempts).toBe(2);
    const usage = await sql('select tokens, cost from token_usage where owner_id = ?', [user.userId]);
    expect(usage).toEqual([{ tokens: 150, cost: 0.001 }]);
    const notes = await sql('select type from notifications where owner_id = ? order by created_at', [
      user.userId,
    ]);
    expect(notes.map((n) => n.type)).toEqual(['generation.failed', 'generation.succeeded']);
  });

  it('runs the template only for generator "template"', async () => {
    const user = await userWithPortfolio(t);
    const res = await t.request('POST', '/api/v1/generate/cv', {
      token: user.token,
      body: { jobDescriptionText: JOB_TEXT, generator: 'template' },
    });
    const done = await waitForStatus(t, user.token, res.body.id, ['failed', 'succeeded']);
    expect(done).toMatchObject({ status: 'succeeded', generator: 'template-cv', fallbackReason: null });
  });
});

describe('with the LLM down', () => {
  let t: TestContext;
  let llm: FakeLlmServer;
  let sql: ReturnType<typeof sqlOf>;
  beforeAll(async () => {
    llm = await startFakeLlmServer({ defaultReply: () => ({ status: 500 }) });
    t = await start({
      DOSSIER_LLM_BASE_URL: `${llm.url}/v1`,
      DOSSIER_OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      DOSSIER_LLM_MODEL: 'x',
      DOSSIER_LLM_DAILY_TOKENS: '5000',
    });
    sql = sqlOf(t);
  });
  afterAll(async () => {
    await t.close();
    await llm.close();
  });

  it('falls back to the template generator and says why', async () => {
    const user = await userWithPortfolio(t);
    const before = llm.requests.length;
    const res = await t.request('POST', '/api/v1/generate/cv', {
      token: user.token,
      body: { jobDescriptionText: JOB_TEXT },
    });
    const done = await waitForStatus(t, user.token, res.body.id, ['failed', 'succeeded'], 60_000);
    expect(done).toMatchObject({ status: 'succeeded', generator: 'template-cv', tokens: 0 });
    expect(done.fallbackReason).toMatch(/llm-cv/);
    expect(llm.requests.length).toBeGreaterThan(before);
  }, 60_000);

  it('fails with UPSTREAM_FAILED for generator "llm"', async () => {
    const user = await userWithPortfolio(t);
    const res = await t.request('POST', '/api/v1/generate/cv', {
      token: user.token,
      body: { jobDescriptionText: JOB_TEXT, generator: 'llm' },
    });
    const done = await waitForStatus(t, user.token, res.body.id, ['failed', 'succeeded'], 60_000);
    expect(done).toMatchObject({ status: 'failed', generator: null, documentId: null });
    expect(done.error.code).toBe('UPSTREAM_FAILED');
    expect(await sql('select id from documents where owner_id = ?', [user.userId])).toHaveLength(0);
  }, 60_000);

  it('keeps to the daily token budget: no model call once it is spent', async () => {
    const user = await userWithPortfolio(t);
    await sql(
      "insert into token_usage (owner_id, day, tokens, cost) values (?, (now() at time zone 'utc')::date, 5000, 0)",
      [user.userId],
    );
    const before = llm.requests.length;
    const strict = await t.request('POST', '/api/v1/generate/cv', {
      token: user.token,
      body: { jobDescriptionText: JOB_TEXT, generator: 'llm' },
    });
    const failed = await waitForStatus(t, user.token, strict.body.id, ['failed', 'succeeded']);
    expect(failed.error.code).toBe('BUDGET_EXCEEDED');
    const auto = await t.request('POST', '/api/v1/generate/cv', {
      token: user.token,
      body: { jobDescriptionText: JOB_TEXT },
    });
    const done = await waitForStatus(t, user.token, auto.body.id, ['failed', 'succeeded']);
    expect(done).toMatchObject({ status: 'succeeded', generator: 'template-cv' });
    expect(done.fallbackReason).toMatch(/daily token budget/);
    expect(llm.requests.length).toBe(before);
  });
});
