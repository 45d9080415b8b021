import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceLink, Notification } from '../../db/entities/index.js';
import { scheduleEvidenceChecks } from '../../queue/schedule-evidence.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import { createTestDocument } from '../../test-support/create-test-document.js';
import {
  type EvidenceTestServer,
  evidenceTestEnv,
  startEvidenceTestServer,
  writePipelineConfigWithoutValidators,
} from '../../test-support/evidence-test-server.js';

type User = Awaited<ReturnType<TestContext['signUp']>>;

const HOUR = 3_600_000;
const MISSING = '00000000-0000-4000-8000-000000000000';

let server: EvidenceTestServer;
let t: TestContext;
let alice: User;
let bob: User;
let now = new Date('2026-05-01T08:00:00Z');
const advance = (hours: number) => {
  now = new Date(now.getTime() + hours * HOUR);
};

beforeAll(async () => {
  server = await startEvidenceTestServer();
  t = await createTestContext({
    ...evidenceTestEnv(server),
    DOSSIER_EVIDENCE_HOST_INTERVAL_MS: '0',
    DOSSIER_EVIDENCE_CHECKS_PER_MINUTE: '1000',
  });
  t.services.clock = () => now;
  alice = await t.signUp();
  bob = await t.signUp();
});
afterAll(async () => {
  await t.close();
  await server.close();
});
beforeEach(() => server.reset());

let seq = 0;
async function artifactWith(user: User, urls: string[], title = 'Payments API') {
  const res = await t.request('POST', '/api/v1/artifacts', {
    token: user.token,
    body: { title, summary: 'Rebuilt it', startDate: '2023-05-01', evidence: urls.map((url) => ({ url })) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; evidence: Array<{ id: string; url: string }> };
}
const uniqueUrl = (host = 'docs.example.test') => `https://${host}/page-${++seq}`;
const check = (user: User, id: string) =>
  t.request('POST', `/api/v1/evidence/${id}/check`, { token: user.token });

describe('POST /evidence/:id/check', () => {
  it('checks with the validator plugin and returns the link with its verdict', async () => {
    const url = uniqueUrl();
    const a = await artifactWith(alice, [url]);
    const res = await check(alice, a.evidence[0]!.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.evidence).toMatchObject({
      id: a.evidence[0]!.id,
      url,
      status: 'valid',
      httpStatus: 200,
      reason: null,
      failing: false,
      archiveUrl: null,
      consecutiveFailures: 0,
      lastCheckedAt: now.toISOString(),
    });
    expect(new Date(res.body.evidence.nextCheckAt).getTime()).toBeGreaterThan(now.getTime() + 14 * 24 * HOUR);
    expect(server.requests.map((r) => `${r.host}${r.path}`)).toEqual([url.slice('https://'.length)]);
  });

  it('turns broken after three failures over 48 hours, notifies once, and suggests an archive copy', async () => {
    const url = uniqueUrl();
    server.answer(url, { status: 404, reason: 'not found' });
    const a = await artifactWith(alice, [url], 'Ledger launch');
    const id = a.evidence[0]!.id;
    const valid = uniqueUrl();
    const b = await artifactWith(alice, [valid]);
    expect((await check(alice, b.evidence[0]!.id)).body.evidence.status).toBe('valid');

    const first = await check(alice, id);
    expect(first.body.evidence).toMatchObject({
      status: 'unchecked',
      failing: true,
      consecutiveFailures: 1,
      httpStatus: 404,
      reason: 'not found',
      archiveUrl: null,
    });
    expect(first.body.evidence.nextCheckAt).toBe(new Date(now.getTime() + 24 * HOUR).toISOString());
    advance(1);
    expect((await check(alice, id)).body.evidence).toMatchObject({
      status: 'unchecked',
      consecutiveFailures: 2,
    });
    advance(1);
    expect((await check(alice, id)).body.evidence).toMatchObject({
      status: 'unchecked',
      consecutiveFailures: 3,
    });
    const health = await t.request('GET', '/api/v1/evidence/health', { token: alice.token });
    expect(health.body.attention.map((e: { id: string }) => e.id)).toContain(id);

    advance(46);
    const broken = await check(alice, id);
    expect(broken.body.evidence).toMatchObject({
      status: 'broken',
      failing: false,
      consecutiveFailures: 4,
      archiveUrl: `https://web.archive.org/web/${url}`,
    });
    advance(24);
    expect((await check(alice, id)).body.evidence.status).toBe('broken');
    const notes = await t.services.orm.em
      .fork()
      .find(Notification, { owner: alice.userId, type: 'evidence.broken' });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain('Ledger launch');
    expect(notes[0]!.link).toBe(`/artifacts/${a.id}`);
    expect(JSON.stringify(notes)).not.toContain(url);

    // A success clears it at once.
    server.answer(url, { status: 200 });
    expect((await check(alice, id)).body.evidence).toMatchObject({
      status: 'valid',
      consecutiveFailures: 0,
      failing: false,
      archiveUrl: null,
    });

    const checks = await t.request('GET', `/api/v1/evidence/${id}/checks`, { token: alice.token });
    expect(checks.status).toBe(200);
    expect(checks.body.items.map((c: { status: string }) => c.status)).toEqual([
      'valid',
      'broken',
      'broken',
      'broken',
      'broken',
      'broken',
    ]);
    expect(checks.body.items[1]).toEqual({
      at: expect.any(String),
      status: 'broken',
      httpStatus: 404,
      reason: 'not found',
      finalUrl: null,
      validator: 'test-evidence-validator',
    });
  });

  it('a rate-limited answer with Retry-After keeps the status and asks again when the server said', async () => {
    const url = uniqueUrl();
    const a = await artifactWith(alice, [url]);
    const id = a.evidence[0]!.id;
    expect((await check(alice, id)).body.evidence.status).toBe('valid');
    server.answer(url, { status: 429, retryAfter: 7200, reason: 'slow down' });
    advance(1);
    const limited = await check(alice, id);
    expect(limited.body.evidence).toMatchObject({ status: 'valid', httpStatus: 200, failing: false });
    expect(limited.body.evidence.lastCheckedAt).toBe(now.toISOString());
    expect(limited.body.evidence.nextCheckAt).toBe(new Date(now.getTime() + 2 * HOUR).toISOString());
    const checks = await t.request('GET', `/api/v1/evidence/${id}/checks`, { token: alice.token });
    expect(checks.body.items[0]).toMatchObject({
      status: 'unverifiable',
      httpStatus: 429,
      reason: 'slow down',
    });
  });

  it('says unverifiable for a URL no validator handles, and counts it apart in health', async () => {
    const u = await t.signUp();
    const a = await artifactWith(u, ['https://nobody-handles.example.com/x', uniqueUrl()]);
    const res = await check(u, a.evidence[0]!.id);
    expect(res.body.evidence).toMatchObject({
      status: 'unverifiable',
      reason: 'no validator handles this URL',
    });
    await check(u, a.evidence[1]!.id);
    const health = await t.request('GET', '/api/v1/evidence/health', { token: u.token });
    expect(health.body.health).toEqual({
      total: 2,
      checked: 2,
      verifiable: 1,
      valid: 1,
      redirected: 0,
      broken: 0,
      failing: 0,
      blocked: 0,
      unverifiable: 1,
      unchecked: 0,
      share: 1,
      target: 0.95,
    });
  });

  it("is 404 for another user's link, a missing id and a malformed id; 401 without a token", async () => {
    const a = await artifactWith(alice, [uniqueUrl()]);
    for (const [id, user] of [
      [a.evidence[0]!.id, bob],
      [MISSING, alice],
      ['nope', alice],
    ] as const) {
      expect((await check(user, id)).status, id).toBe(404);
      expect((await t.request('GET', `/api/v1/evidence/${id}/checks`, { token: user.token })).status).toBe(
        404,
      );
      expect(
        (await t.request('POST', `/api/v1/evidence/${id}/apply-redirect`, { token: user.token })).status,
      ).toBe(404);
    }
    expect(server.requests).toEqual([]);
    expect((await t.request('POST', `/api/v1/evidence/${a.evidence[0]!.id}/check`)).status).toBe(401);
    expect((await t.request('GET', '/api/v1/evidence/health')).status).toBe(401);
  });
});

describe('redirects', () => {
  it('records the permanent target, notifies, and applies it on request', async () => {
    const url = uniqueUrl();
    const moved = `${new URL(url).origin}/moved-${seq}`;
    server.answer(url, { status: 301, location: new URL(moved).pathname });
    const a = await artifactWith(alice, [url], 'Moved docs');
    const id = a.evidence[0]!.id;
    const res = await check(alice, id);
    expect(res.body.evidence).toMatchObject({
      status: 'redirected',
      finalUrl: moved,
      reason: 'moved permanently',
    });
    const notes = await t.services.orm.em
      .fork()
      .find(Notification, { owner: alice.userId, type: 'evidence.redirected' });
    expect(notes.some((n) => n.title.includes('Moved docs'))).toBe(true);

    const health = await t.request('GET', '/api/v1/evidence/health', { token: alice.token });
    const listed = health.body.attention.find((e: { id: string }) => e.id === id);
    expect(listed).toMatchObject({
      status: 'redirected',
      artifactId: a.id,
      artifactTitle: 'Moved docs',
      finalUrl: moved,
    });

    const applied = await t.request('POST', `/api/v1/evidence/${id}/apply-redirect`, { token: alice.token });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.evidence).toMatchObject({
      id,
      url: moved,
      status: 'unchecked',
      finalUrl: null,
      nextCheckAt: null,
    });
    const row = await t.services.orm.em.fork().findOneOrFail(EvidenceLink, { id });
    expect(row.urlHash).toBe(t.services.cipher.hash(moved));

    const again = await t.request('POST', `/api/v1/evidence/${id}/apply-redirect`, { token: alice.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });
});

describe('GET /evidence/health', () => {
  it('counts per status; share is (valid + redirected) / verifiable; attention lists broken, redirected, failing', async () => {
    const u = await t.signUp();
    const urls = {
      ok1: uniqueUrl('a.example.test'),
      ok2: uniqueUrl('a.example.test'),
      moved: uniqueUrl('b.example.test'),
      down: uniqueUrl('c.example.test'),
      wall: uniqueUrl('d.example.test'),
      fresh: uniqueUrl('e.example.test'),
    };
    server.answer(urls.moved, { status: 301, location: '/elsewhere' });
    server.answer(urls.down, { status: 500 });
    server.answer(urls.wall, { status: 999, reason: 'bot wall' });
    const a = await artifactWith(u, Object.values(urls), 'Health sample');
    const ids = Object.fromEntries(Object.keys(urls).map((k, i) => [k, a.evidence[i]!.id]));
    for (const k of ['ok1', 'ok2', 'moved', 'down', 'wall']) await check(u, ids[k]!);

    const res = await t.request('GET', '/api/v1/evidence/health', { token: u.token });
    expect(res.status).toBe(200);
    // The failing link has not been broken long enough: it keeps its status (unchecked) and shows as failing.
    expect(res.body.health).toEqual({
      total: 6,
      checked: 4,
      verifiable: 3,
      valid: 2,
      redirected: 1,
      broken: 0,
      failing: 1,
      blocked: 0,
      unverifiable: 1,
      unchecked: 2,
      share: 1,
      target: 0.95,
    });
    expect(res.body.attention.map((e: { id: string }) => e.id).sort()).toEqual([ids.moved, ids.down].sort());
    const down = res.body.attention.find((e: { id: string }) => e.id === ids.down);
    expect(down).toMatchObject({
      failing: true,
      status: 'unchecked',
      httpStatus: 500,
      artifactTitle: 'Health sample',
    });

    const empty = await t.signUp();
    const none = await t.request('GET', '/api/v1/evidence/health', { token: empty.token });
    expect(none.body).toEqual({
      health: expect.objectContaining({ total: 0, verifiable: 0, share: null, target: 0.95 }),
      attention: [],
    });
  });

  it('the artifact view carries the same evidence fields', async () => {
    const u = await t.signUp();
    const url = uniqueUrl();
    const a = await artifactWith(u, [url]);
    await check(u, a.evidence[0]!.id);
    const view = await t.request('GET', `/api/v1/artifacts/${a.id}`, { token: u.token });
    expect(view.body.evidence[0]).toEqual({
      id: a.evidence[0]!.id,
      url,
      title: null,
      kind: expect.any(String),
      status: 'valid',
      httpStatus: 200,
      finalUrl: null,
      lastCheckedAt: now.toISOString(),
      consecutiveFailures: 0,
      reason: null,
      failing: false,
      archiveUrl: null,
      nextCheckAt: expect.any(String),
    });
  });
});

describe('export option for broken evidence', () => {
  it('include (default), mark or omit the links the checker found broken', async () => {
    const u = await t.signUp();
    const doc = await createTestDocument(t, u);
    const { evidenceId, evidenceUrl } = doc.artifacts.ledger;
    const badUrl = uniqueUrl('gone.example.test');
    server.answer(badUrl, { status: 410 });
    // Point the stored evidence at a URL the test validator answers for; the document keeps its own text.
    const patched = await t.request(
      'PATCH',
      `/api/v1/artifacts/${doc.artifacts.ledger.id}/evidence/${evidenceId}`,
      {
        token: u.token,
        body: { url: badUrl },
      },
    );
    expect(patched.status).toBe(200);
    for (const hours of [0, 24, 24]) {
      advance(hours);
      await check(u, evidenceId);
    }
    expect((await t.services.orm.em.fork().findOneOrFail(EvidenceLink, { id: evidenceId })).status).toBe(
      'broken',
    );

    const download = async (body: Record<string, unknown>) => {
      const res = await fetch(`${t.url}/api/v1/export/${doc.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const byDefault = await download({ format: 'md' });
    const included = await download({ format: 'md', brokenEvidence: 'include' });
    expect(byDefault).toContain(evidenceUrl);
    expect(included).toBe(byDefault);
    expect(await download({ format: 'md', brokenEvidence: 'mark' })).toContain('(link unavailable)');
    expect(await download({ format: 'md', brokenEvidence: 'omit' })).not.toContain(evidenceUrl);
  });
});

describe('rate limit on check now', () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await createTestContext({
      ...evidenceTestEnv(server),
      DOSSIER_EVIDENCE_CHECKS_PER_MINUTE: '2',
    });
  });
  afterAll(() => limited.close());

  it('answers the third check in a minute with 429 and Retry-After, per user', async () => {
    const u = await limited.signUp();
    const other = await limited.signUp();
    const res = await limited.request('POST', '/api/v1/artifacts', {
      token: u.token,
      body: { title: 'x', summary: 'y', startDate: '2024-01-01', evidence: [{ url: uniqueUrl() }] },
    });
    const id = res.body.evidence[0].id;
    for (let i = 0; i < 2; i++) {
      expect((await limited.request('POST', `/api/v1/evidence/${id}/check`, { token: u.token })).status).toBe(
        200,
      );
    }
    const third = await limited.request('POST', `/api/v1/evidence/${id}/check`, { token: u.token });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(third.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another user's budget is their own.
    const theirs = await limited.request('POST', '/api/v1/artifacts', {
      token: other.token,
      body: { title: 'x', summary: 'y', startDate: '2024-01-01', evidence: [{ url: uniqueUrl() }] },
    });
    expect(
      (
        await limited.request('POST', `/api/v1/evidence/${theirs.body.evidence[0].id}/check`, {
          token: other.token,
        })
      ).status,
    ).toBe(200);
  });
});

describe('without any evidence validator', () => {
  it('check now answers 503 and the scheduler leaves links unchecked', async () => {
    const bare = await createTestContext({ DOSSIER_PIPELINE_CONFIG: writePipelineConfigWithoutValidators() });
    try {
      const u = await bare.signUp();
      const res = await bare.request('POST', '/api/v1/artifacts', {
        token: u.token,
        body: { title: 'x', summary: 'y', startDate: '2024-01-01', evidence: [{ url: uniqueUrl() }] },
      });
      const id = res.body.evidence[0].id;
      const check = await bare.request('POST', `/api/v1/evidence/${id}/check`, { token: u.token });
      expect(check.status).toBe(503);
      expect(check.body.error.code).toBe('UNAVAILABLE');
      const stop = scheduleEvidenceChecks(bare.services, { tickMs: 50, leaseMs: 150 });
      await new Promise((r) => setTimeout(r, 300));
      await stop();
      const row = await bare.services.orm.em.fork().findOneOrFail(EvidenceLink, { id });
      expect(row).toMatchObject({ status: 'unchecked', lastCheckedAt: null, nextCheckAt: null });
    } finally {
      await bare.close();
    }
  });
});

describe('OpenAPI', () => {
  it('lists the evidence check routes', async () => {
    const doc = await t.request('GET', '/api/v1/openapi.json');
    const paths = doc.body.paths;
    expect(paths['/evidence/{id}/check'].post).toBeTruthy();
    expect(paths['/evidence/{id}/apply-redirect'].post).toBeTruthy();
    expect(paths['/evidence/{id}/checks'].get).toBeTruthy();
    expect(JSON.stringify(paths['/evidence/health'].get)).toContain('unverifiable');
  });
});
