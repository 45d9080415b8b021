import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, EvidenceLink } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';

type User = Awaited<ReturnType<TestContext['signUp']>>;

let t: TestContext;
let alice: User;
let bob: User;

beforeAll(async () => {
  t = await createTestContext();
  alice = await t.signUp();
  bob = await t.signUp();
});
afterAll(() => t.close());

const MISSING = '00000000-0000-4000-8000-000000000000';

async function createArtifact(user: User, evidence: Array<{ url: string; title?: string }> = []) {
  const res = await t.request('POST', '/api/v1/artifacts', {
    token: user.token,
    body: { title: 'Payments API', summary: 'Rebuilt it', startDate: '2023-05-01', evidence },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; updatedAt: string; evidence: Array<{ id: string }> };
}

async function addEvidence(user: User, artifactId: string, body: Record<string, unknown>) {
  const res = await t.request('POST', `/api/v1/artifacts/${artifactId}/evidence`, {
    token: user.token,
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; url: string; status: string };
}

const audits = (where: Record<string, unknown>) => t.services.orm.em.fork().count(AuditEvent, where);
const issuePaths = (body: { error: { details: { issues: Array<{ path: string }> } } }) =>
  body.error.details.issues.map((i) => i.path);
const evidencePath = (artifactId: string, evidenceId?: string) =>
  `/api/v1/artifacts/${artifactId}/evidence${evidenceId ? `/${evidenceId}` : ''}`;

describe('GET /artifacts/:id/evidence', () => {
  it("lists the artifact's evidence in the order added", async () => {
    const artifact = await createArtifact(alice, [
      { url: 'https://github.com/acme/payments', title: 'Repo' },
      { url: 'https://payments.example.com/' },
    ]);
    const res = await t.request('GET', evidencePath(artifact.id), { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0]).toEqual({
      id: artifact.evidence[0]!.id,
      url: 'https://github.com/acme/payments',
      title: 'Repo',
      kind: expect.any(String),
      status: 'unchecked',
      httpStatus: null,
      finalUrl: null,
      lastCheckedAt: null,
      consecutiveFailures: 0,
      reason: null,
      failing: false,
      archiveUrl: null,
      nextCheckAt: null,
    });
    expect(res.body.items[1].url).toBe('https://payments.example.com/');
  });

  it('is an empty list for an artifact without evidence', async () => {
    const artifact = await createArtifact(alice);
    const res = await t.request('GET', evidencePath(artifact.id), { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it("is 404 for a missing artifact, a malformed id and another user's artifact", async () => {
    const artifact = await createArtifact(alice, [{ url: 'https://secret.example.com/' }]);
    for (const [path, token] of [
      [evidencePath(MISSING), alice.token],
      [evidencePath('abc'), alice.token],
      [evidencePath(artifact.id), bob.token],
    ] as const) {
      const res = await t.request('GET', path, { token });
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('secret.example.com');
    }
  });

  it('is 401 without a token', async () => {
    expect((await t.request('GET', evidencePath(MISSING))).status).toBe(401);
  });
});

describe('POST /artifacts/:id/evidence', () => {
  it('adds a link, detects its kind, encrypts it, audits it and touches the artifact', async () => {
    const artifact = await createArtifact(alice);
    const res = await t.request('POST', evidencePath(artifact.id), {
      token: alice.token,
      body: { url: 'https://github.com/acme/payments/pull/42', title: 'The big PR' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      url: 'https://github.com/acme/payments/pull/42',
      title: 'The big PR',
      kind: 'pull-request',
      status: 'unchecked',
    });
    expect(res.headers.get('location')).toBe(evidencePath(artifact.id, res.body.id));
    const row = await t.services.orm.em.fork().findOneOrFail(EvidenceLink, { id: res.body.id });
    expect(row.urlEncrypted).not.toContain('github.com');
    expect(await audits({ actorId: alice.userId, action: 'evidence.create', entityId: res.body.id })).toBe(1);
    const after = await t.request('GET', `/api/v1/artifacts/${artifact.id}`, { token: alice.token });
    expect(after.body.evidence.map((e: { id: string }) => e.id)).toEqual([res.body.id]);
    expect(after.body.updatedAt > artifact.updatedAt).toBe(true);
  });

  it('keeps an explicit kind', async () => {
    const artifact = await createArtifact(alice);
    const link = await addEvidence(alice, artifact.id, { url: 'https://example.com/talk', kind: 'video' });
    expect(link).toMatchObject({ kind: 'video' });
  });

  it('is 409 for the same URL twice on one artifact, but fine on another artifact', async () => {
    const artifact = await createArtifact(alice);
    await addEvidence(alice, artifact.id, { url: 'https://example.com/dup' });
    const res = await t.request('POST', evidencePath(artifact.id), {
      token: alice.token,
      body: { url: 'https://EXAMPLE.com/dup#section' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    const second = await createArtifact(alice);
    await addEvidence(alice, second.id, { url: 'https://example.com/dup' });
  });

  it('is 422 INVALID_URL for a URL that is not http(s)', async () => {
    const artifact = await createArtifact(alice);
    for (const url of ['javascript:alert(1)', 'ftp://x', 'not a url', '/relative/path']) {
      const res = await t.request('POST', evidencePath(artifact.id), { token: alice.token, body: { url } });
      expect(res.status, url).toBe(422);
      expect(res.body.error.code).toBe('INVALID_URL');
      expect(issuePaths(res.body)).toEqual(['body.url']);
    }
    const list = await t.request('GET', evidencePath(artifact.id), { token: alice.token });
    expect(list.body.items).toEqual([]);
  });

  it('gives field details for bad fields and rejects server-owned ones such as status', async () => {
    const artifact = await createArtifact(alice);
    const bad = await t.request('POST', evidencePath(artifact.id), {
      token: alice.token,
      body: { title: 'x'.repeat(301), kind: 'tweet' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(issuePaths(bad.body)).toEqual(expect.arrayContaining(['body.url', 'body.title', 'body.kind']));

    const owned = await t.request('POST', evidencePath(artifact.id), {
      token: alice.token,
      body: { url: 'https://example.com/ok', status: 'valid' },
    });
    expect(owned.status).toBe(400);
    expect(owned.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(owned.body.error.details)).toContain('status');
  });

  it('stores HTML- and SQL-looking titles verbatim', async () => {
    const artifact = await createArtifact(alice);
    const titles = ['<script>alert(1)</script>', "'; drop table labels; --"];
    for (const [i, title] of titles.entries()) {
      await addEvidence(alice, artifact.id, { url: `https://example.com/${i}`, title });
    }
    const list = await t.request('GET', evidencePath(artifact.id), { token: alice.token });
    expect(list.body.items.map((e: { title: string }) => e.title)).toEqual(titles);
  });

  it("is 404 on another user's artifact and adds nothing", async () => {
    const artifact = await createArtifact(alice);
    const res = await t.request('POST', evidencePath(artifact.id), {
      token: bob.token,
      body: { url: 'https://example.com/bob' },
    });
    expect(res.status).toBe(404);
    expect((await t.request('GET', evidencePath(artifact.id), { token: alice.token })).body.items).toEqual(
      [],
    );
    expect(
      (
        await t.request('POST', evidencePath(MISSING), {
          token: alice.token,
          body: { url: 'https://x.test/' },
        })
      ).status,
    ).toBe(404);
  });

  it('is 401 without a token', async () => {
    const res = await t.request('POST', evidencePath(MISSING), { body: { url: 'https://example.com/' } });
    expect(res.status).toBe(401);
  });
});

describe('PATCH /artifacts/:id/evidence/:evidenceId', () => {
  async function checkedLink() {
    const artifact = await createArtifact(alice);
    const link = await addEvidence(alice, artifact.id, { url: 'https://example.com/old', title: 'Old' });
    // Simulate an earlier check by the evidence worker.
    const em = t.services.orm.em.fork();
    await em.nativeUpdate(
      EvidenceLink,
      { id: link.id },
      {
        status: 'broken',
        httpStatus: 404,
        finalUrlEncrypted: t.services.cipher.encrypt('https://example.com/final'),
        lastCheckedAt: new Date(),
        consecutiveFailures: 3,
        history: [{ at: new Date().toISOString(), status: 'broken', httpStatus: 404, reason: 'not found' }],
      },
    );
    return { artifact, link };
  }

  it('changing the title keeps the check results', async () => {
    const { artifact, link } = await checkedLink();
    const res = await t.request('PATCH', evidencePath(artifact.id, link.id), {
      token: alice.token,
      body: { title: 'Renamed' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Renamed',
      url: 'https://example.com/old',
      status: 'broken',
      httpStatus: 404,
      finalUrl: 'https://example.com/final',
      consecutiveFailures: 3,
    });
  });

  it('a changed URL resets the status and clears the check results and history', async () => {
    const { artifact, link } = await checkedLink();
    const before = await t.request('GET', `/api/v1/artifacts/${artifact.id}`, { token: alice.token });
    const res = await t.request('PATCH', evidencePath(artifact.id, link.id), {
      token: alice.token,
      body: { url: 'https://github.com/acme/new' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: link.id,
      url: 'https://github.com/acme/new',
      title: 'Old',
      kind: 'repo',
      status: 'unchecked',
      httpStatus: null,
      finalUrl: null,
      lastCheckedAt: null,
      consecutiveFailures: 0,
      reason: null,
      failing: false,
      archiveUrl: null,
      nextCheckAt: null,
    });
    const row = await t.services.orm.em.fork().findOneOrFail(EvidenceLink, { id: link.id });
    expect(row.history).toEqual([]);
    expect(row.urlHash).toBe(t.services.cipher.hash('https://github.com/acme/new'));
    expect(await audits({ actorId: alice.userId, action: 'evidence.update', entityId: link.id })).toBe(1);
    const after = await t.request('GET', `/api/v1/artifacts/${artifact.id}`, { token: alice.token });
    expect(after.body.updatedAt > before.body.updatedAt).toBe(true);
  });

  it('clears the title with null', async () => {
    const { artifact, link } = await checkedLink();
    const res = await t.request('PATCH', evidencePath(artifact.id, link.id), {
      token: alice.token,
      body: { title: null, kind: 'article' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: null, kind: 'article' });
  });

  it('is 409 when the new URL is already on the artifact', async () => {
    const artifact = await createArtifact(alice);
    await addEvidence(alice, artifact.id, { url: 'https://example.com/a' });
    const b = await addEvidence(alice, artifact.id, { url: 'https://example.com/b' });
    const res = await t.request('PATCH', evidencePath(artifact.id, b.id), {
      token: alice.token,
      body: { url: 'https://example.com/a' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });

  it('is 422 for a non-http(s) URL and 400 for status or unknown fields', async () => {
    const { artifact, link } = await checkedLink();
    for (const url of ['javascript:alert(1)', 'ftp://x']) {
      const res = await t.request('PATCH', evidencePath(artifact.id, link.id), {
        token: alice.token,
        body: { url },
      });
      expect(res.status, url).toBe(422);
      expect(res.body.error.code).toBe('INVALID_URL');
    }
    const status = await t.request('PATCH', evidencePath(artifact.id, link.id), {
      token: alice.token,
      body: { status: 'valid' },
    });
    expect(status.status).toBe(400);
    expect(status.body.error.code).toBe('VALIDATION_FAILED');
    const kind = await t.request('PATCH', evidencePath(artifact.id, link.id), {
      token: alice.token,
      body: { kind: 'tweet' },
    });
    expect(kind.status).toBe(400);
    expect(issuePaths(kind.body)).toEqual(['body.kind']);
    const row = await t.services.orm.em.fork().findOneOrFail(EvidenceLink, { id: link.id });
    expect(row.status).toBe('broken');
  });

  it('is 404 for another user, a missing link, and a link of another artifact', async () => {
    const { artifact, link } = await checkedLink();
    const otherArtifact = await createArtifact(alice);
    const cases = [
      [evidencePath(artifact.id, link.id), bob.token],
      [evidencePath(artifact.id, MISSING), alice.token],
      [evidencePath(otherArtifact.id, link.id), alice.token],
      [evidencePath(artifact.id, 'nope'), alice.token],
    ] as const;
    for (const [path, token] of cases) {
      const res = await t.request('PATCH', path, { token, body: { title: 'Hijacked' } });
      expect(res.status, path).toBe(404);
    }
    const row = await t.services.orm.em.fork().findOneOrFail(EvidenceLink, { id: link.id });
    expect(row.title).toBe('Old');
  });

  it('is 401 without a token', async () => {
    expect((await t.request('PATCH', evidencePath(MISSING, MISSING), { body: { title: 'x' } })).status).toBe(
      401,
    );
  });
});

describe('DELETE /artifacts/:id/evidence/:evidenceId', () => {
  it('removes the link, audits it and touches the artifact', async () => {
    const artifact = await createArtifact(alice);
    const link = await addEvidence(alice, artifact.id, { url: 'https://example.com/gone' });
    const before = await t.request('GET', `/api/v1/artifacts/${artifact.id}`, { token: alice.token });
    const res = await t.request('DELETE', evidencePath(artifact.id, link.id), { token: alice.token });
    expect(res.status).toBe(204);
    const after = await t.request('GET', `/api/v1/artifacts/${artifact.id}`, { token: alice.token });
    expect(after.body.evidence).toEqual([]);
    expect(after.body.updatedAt > before.body.updatedAt).toBe(true);
    expect(await audits({ actorId: alice.userId, action: 'evidence.delete', entityId: link.id })).toBe(1);
    expect(
      (await t.request('DELETE', evidencePath(artifact.id, link.id), { token: alice.token })).status,
    ).toBe(404);
  });

  it("is 404 on another user's link, which survives", async () => {
    const artifact = await createArtifact(alice);
    const link = await addEvidence(alice, artifact.id, { url: 'https://example.com/kept' });
    expect((await t.request('DELETE', evidencePath(artifact.id, link.id), { token: bob.token })).status).toBe(
      404,
    );
    const list = await t.request('GET', evidencePath(artifact.id), { token: alice.token });
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([link.id]);
  });

  it('is 401 without a token', async () => {
    expect((await t.request('DELETE', evidencePath(MISSING, MISSING))).status).toBe(401);
  });
});

describe('rate limit', () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await createTestContext({ DOSSIER_RATE_LIMIT_PER_HOUR: '3' });
  });
  afterAll(() => limited.close());

  it('answers the fourth request with 429 and Retry-After', async () => {
    const u = await limited.signUp();
    for (let i = 0; i < 3; i++) {
      expect((await limited.request('GET', evidencePath(MISSING), { token: u.token })).status).toBe(404);
    }
    const res = await limited.request('POST', evidencePath(MISSING), {
      token: u.token,
      body: { url: 'https://example.com/' },
    });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
