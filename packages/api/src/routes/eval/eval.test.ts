import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reconcileEvalRuns } from '../../commands/reconcile-eval-runs.js';
import { createEvaluationService } from '../../eval/evaluation-service.js';
import { createRunEvalJob } from '../../queue/jobs/run-eval.js';
import {
  type ApiResponse,
  createTestContext,
  type TestContext,
} from '../../test-support/create-test-context.js';
import { createFakeEvaluation, type FakeEvaluation, fakeReport } from '../../test-support/fake-evaluation.js';
import { signUpAdmin } from '../../test-support/sign-up-admin.js';

const MINI_GOLDEN = fileURLToPath(new URL('../../eval/test-fixtures/golden-mini', import.meta.url));

let t: TestContext;
let admin: string;
let member: string;

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met in time; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const getRun = (id: string) => t.request('GET', `/api/v1/eval/runs/${id}`, { token: admin });
const startRun = (body: Record<string, unknown> = {}) =>
  t.request('POST', '/api/v1/eval/runs', { token: admin, body });
const settled = (id: string) =>
  waitFor(
    () => getRun(id),
    (r) => ['succeeded', 'failed', 'cancelled'].includes(r.body.status),
  );

beforeAll(async () => {
  t = await createTestContext({ DOSSIER_GOLDEN_DIR: '/srv/golden-test' });
  admin = await signUpAdmin(t);
  member = (await t.signUp()).token;
  t.services.queue.process([createRunEvalJob(t.services, { progressIntervalMs: 40 })], 1);
});
afterAll(() => t.close());
// A test that fails while a run waits at its gate must not leave the one worker slot taken for the next.
afterEach(() => (t.services.evaluation as Partial<FakeEvaluation>).release?.());

describe('evaluation runs: access', () => {
  it('are for administrators only: members get 403, anonymous callers 401', async () => {
    t.services.evaluation = createFakeEvaluation();
    for (const [method, path] of [
      ['POST', '/api/v1/eval/runs'],
      ['GET', '/api/v1/eval/runs'],
      ['GET', `/api/v1/eval/runs/${crypto.randomUUID()}`],
    ] as const) {
      const body = method === 'POST' ? {} : undefined;
      const asMember = await t.request(method, path, { token: member, body });
      expect(asMember.status, `${method} ${path}`).toBe(403);
      expect(asMember.body.error.code).toBe('FORBIDDEN');
      const anonymous = await t.request(method, path, { body });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
    }
    const list = await t.request('GET', '/api/v1/eval/runs', { token: admin });
    expect(list.status).toBe(200);
  });

  it('validate the request body and ids', async () => {
    expect((await startRun({ limit: 0 })).status).toBe(400);
    expect((await startRun({ surprise: true })).status).toBe(400);
    expect((await startRun({ pipelineConfig: 'not an object' })).status).toBe(400);
    const unknown = await startRun({ compareWith: crypto.randomUUID() });
    expect(unknown.status).toBe(404);
    expect((await getRun('not-a-uuid')).status).toBe(404);
    expect((await getRun(crypto.randomUUID())).status).toBe(404);
  });
});

describe('evaluation runs: lifecycle', () => {
  it('go queued → running (with progress saved as it goes) → succeeded with the report', async () => {
    const fake = createFakeEvaluation({ gate: true });
    t.services.evaluation = fake;
    const res = await startRun({
      configName: 'template baseline',
      limit: 3,
      pipelineConfig: { generator: 'x' },
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/v1/eval/runs/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'queued',
      configName: 'template baseline',
      limit: 3,
      progress: { done: 0, total: 0 },
      summary: null,
      error: null,
    });

    const running = await waitFor(
      () => getRun(res.body.id),
      (r) => r.body.status === 'running' && r.body.progress.done >= 1,
    );
    expect(running.body.progress).toEqual({ done: 1, total: 3 });
    expect(running.body.startedAt).not.toBeNull();
    expect(running.body.report).toBeNull();
    expect(fake.calls[0]).toMatchObject({
      goldenDir: '/srv/golden-test',
      configName: 'template baseline',
      limit: 3,
      pipelineConfig: { generator: 'x' },
    });

    fake.release();
    const done = await settled(res.body.id);
    expect(done.body.status).toBe('succeeded');
    expect(done.body.progress).toEqual({ done: 3, total: 3 });
    expect(done.body.summary.cases).toBe(3);
    expect(done.body.report.config.name).toBe('template baseline');
    expect(done.body.report.cases.map((c: { caseId: string }) => c.caseId)).toEqual([
      'case-1',
      'case-2',
      'case-3',
    ]);
    expect(done.body.finishedAt).not.toBeNull();
    expect(done.body.comparison).toBeNull();
  });

  it('take the configuration name from the report when none was given', async () => {
    t.services.evaluation = createFakeEvaluation({ report: () => fakeReport({ configName: 'llm-gpt' }) });
    const res = await startRun();
    const done = await settled(res.body.id);
    expect(done.body).toMatchObject({ status: 'succeeded', configName: 'llm-gpt' });
  });

  it('record a failing harness as a failed run with its message, and no report', async () => {
    t.services.evaluation = createFakeEvaluation({
      fail: new Error('golden/cases.json: case 7 names no persona'),
    });
    const res = await startRun();
    const done = await settled(res.body.id);
    expect(done.body.status).toBe('failed');
    expect(done.body.error).toEqual({
      code: 'EVALUATION_FAILED',
      message: 'golden/cases.json: case 7 names no persona',
    });
    expect(done.body.report).toBeNull();
    const html = await t.request('GET', `/api/v1/eval/runs/${res.body.id}/report.html`, { token: admin });
    expect(html.status).toBe(409);
  });

  it('run the real harness end to end on a small golden set, and fail clearly on a missing one', async () => {
    const configured = t.services.config.goldenDir;
    t.services.evaluation = createEvaluationService();
    try {
      t.services.config.goldenDir = MINI_GOLDEN;
      const res = await startRun({ configName: 'template', limit: 1 });
      const done = await settled(res.body.id);
      expect(done.body.status).toBe('succeeded');
      expect(done.body.summary.cases).toBe(1);
      expect(done.body.summary.metrics.grounding.mean).toBe(1);
      expect(done.body.progress).toEqual({ done: 1, total: 1 });
      const html = await t.request('GET', `/api/v1/eval/runs/${res.body.id}/report.html`, { token: admin });
      expect(html.status).toBe(200);
      expect(html.body).toContain('<svg');

      t.services.config.goldenDir = '/srv/no-such-golden-set';
      const missing = await settled((await startRun()).body.id);
      expect(missing.body.status).toBe('failed');
      expect(missing.body.error.code).toBe('EVALUATION_FAILED');
      expect(missing.body.error.message).toMatch(/no-such-golden-set/);
    } finally {
      t.services.config.goldenDir = configured;
    }
  });

  it('cancel a running run (the harness sees its signal abort) and a queued one at once', async () => {
    const fake = createFakeEvaluation({ gate: true });
    t.services.evaluation = fake;
    const first = await startRun();
    await waitFor(
      () => getRun(first.body.id),
      (r) => r.body.status === 'running',
    );
    // The worker runs one job at a time, so this one waits in the queue.
    const second = await startRun();
    const cancelQueued = await t.request('POST', `/api/v1/eval/runs/${second.body.id}/cancel`, {
      token: admin,
    });
    expect(cancelQueued.status).toBe(202);
    expect(cancelQueued.body.status).toBe('cancelled');

    const cancelRunning = await t.request('POST', `/api/v1/eval/runs/${first.body.id}/cancel`, {
      token: admin,
    });
    expect(cancelRunning.status).toBe(202);
    const done = await settled(first.body.id);
    expect(done.body.status).toBe('cancelled');
    expect(fake.calls[0]?.signal?.aborted).toBe(true);
    expect(fake.calls).toHaveLength(1);
    expect((await settled(second.body.id)).body.status).toBe('cancelled');

    const again = await t.request('POST', `/api/v1/eval/runs/${first.body.id}/cancel`, { token: admin });
    expect(again.status).toBe(202);
    t.services.evaluation = createFakeEvaluation();
    const finished = await startRun();
    await settled(finished.body.id);
    const late = await t.request('POST', `/api/v1/eval/runs/${finished.body.id}/cancel`, { token: admin });
    expect(late.status).toBe(409);
  });
});

describe('evaluation runs: reconciliation', () => {
  it('re-queues a run whose job was lost, and leaves live and finished ones alone', async () => {
    t.services.evaluation = createFakeEvaluation();
    const em = t.services.orm.em.fork();
    const lost = crypto.randomUUID();
    const fresh = crypto.randomUUID();
    for (const [id, age] of [
      [lost, '10 minutes'],
      [fresh, '5 seconds'],
    ] as const) {
      await em.execute(
        `insert into eval_runs (id, status, attempts, created_at, started_at, updated_at)
         values (?, 'running', 1, now() - interval '${age}', now() - interval '${age}', now() - interval '${age}')`,
        [id],
      );
    }
    const requeued = await reconcileEvalRuns(t.services);
    expect(requeued).toContain(lost);
    expect(requeued).not.toContain(fresh);
    const done = await settled(lost);
    expect(done.body).toMatchObject({ status: 'succeeded', progress: { done: 3, total: 3 } });
    expect(await reconcileEvalRuns(t.services)).not.toContain(lost);
    await em.execute(`update eval_runs set status = 'failed', finished_at = now() where id = ?`, [fresh]);
  });
});

describe('evaluation runs: list, report and comparison', () => {
  it('list newest first with cursor pagination, without reports', async () => {
    t.services.evaluation = createFakeEvaluation();
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await startRun({ configName: `page-${i}` });
      ids.push(res.body.id);
      await settled(res.body.id);
    }
    const seen: Array<{ id: string; createdAt: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: ApiResponse = await t.request(
        'GET',
        `/api/v1/eval/runs?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        {
          token: admin,
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      for (const item of res.body.items) {
        expect(item).not.toHaveProperty('report');
        seen.push(item);
      }
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const times = seen.map((s) => Date.parse(s.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // The four just made are the newest four, in reverse order of creation.
    expect(seen.slice(0, 4).map((s) => s.id)).toEqual([...ids].reverse());
    expect(pages).toBeGreaterThan(1);

    const succeeded = await t.request('GET', '/api/v1/eval/runs?status=succeeded&limit=100', {
      token: admin,
    });
    expect(succeeded.body.items.every((r: { status: string }) => r.status === 'succeeded')).toBe(true);
    const bad = await t.request('GET', '/api/v1/eval/runs?cursor=nonsense', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('serve the HTML report as sandboxed text/html, escaped by the renderer', async () => {
    t.services.evaluation = createFakeEvaluation();
    const res = await startRun({ configName: '<script>alert("x")</script>' });
    await settled(res.body.id);
    const html = await t.request('GET', `/api/v1/eval/runs/${res.body.id}/report.html`, { token: admin });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toMatch(
      /^sandbox allow-scripts;.*default-src 'none'/,
    );
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html.body).not.toContain('<script>alert');

    const asMember = await t.request('GET', `/api/v1/eval/runs/${res.body.id}/report.html`, {
      token: member,
    });
    expect(asMember.status).toBe(403);
  });

  it('compare two runs: means side by side with deltas, per-case keyword coverage and grounding', async () => {
    t.services.evaluation = createFakeEvaluation({
      report: (o) =>
        o.configName === 'B'
          ? fakeReport({ configName: 'B', coverage: [1, 1, 0.9, 0.7], grounding: 0.95 })
          : fakeReport({ configName: 'A', coverage: [0.9, 0.8, 0.9] }),
    });
    const a = await startRun({ configName: 'A' });
    await settled(a.body.id);
    const b = await startRun({ configName: 'B', compareWith: a.body.id });
    const done = await settled(b.body.id);
    const cmp = done.body.comparison;
    expect(cmp.a).toMatchObject({ id: a.body.id, configName: 'A' });
    expect(cmp.b).toMatchObject({ id: b.body.id, configName: 'B' });
    const kc = cmp.metrics.find((m: { metric: string }) => m.metric === 'keywordCoverage');
    expect(kc.a).toBeCloseTo(2.6 / 3);
    expect(kc.b).toBeCloseTo(0.9);
    expect(kc.delta).toBeCloseTo(0.9 - 2.6 / 3);
    expect(cmp.metrics.find((m: { metric: string }) => m.metric === 'rougeL')).toEqual({
      metric: 'rougeL',
      a: null,
      b: null,
      delta: null,
    });
    expect(cmp.perCase).toHaveLength(3);
    expect(cmp.perCase[1]).toMatchObject({
      caseId: 'case-2',
      keywordCoverage: { a: 0.8, b: 1 },
      grounding: { a: 1, b: 0.95 },
    });
    expect(cmp.perCase[1].keywordCoverage.delta).toBeCloseTo(0.2);
    expect(cmp.onlyInB).toEqual(['case-4']);

    const direct = await t.request('GET', `/api/v1/eval/runs/${b.body.id}/compare/${a.body.id}`, {
      token: admin,
    });
    expect(direct.status).toBe(200);
    expect(direct.body.a.id).toBe(b.body.id);
    expect(direct.body.onlyInA).toEqual(['case-4']);

    t.services.evaluation = createFakeEvaluation({ fail: new Error('boom') });
    const failed = await startRun();
    await settled(failed.body.id);
    const conflict = await t.request('GET', `/api/v1/eval/runs/${a.body.id}/compare/${failed.body.id}`, {
      token: admin,
    });
    expect(conflict.status).toBe(409);
  });
});
