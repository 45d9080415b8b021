import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../db/entities/index.js';
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

async function createLabel(user: User, body: Record<string, unknown>) {
  const res = await t.request('POST', '/api/v1/labels', { token: user.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
}

async function createArtifact(user: User, title = 'Search service') {
  const res = await t.request('POST', '/api/v1/artifacts', {
    token: user.token,
    body: { title, summary: 'Built it', startDate: '2024-01-01' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

const audits = (where: Record<string, unknown>) => t.services.orm.em.fork().count(AuditEvent, where);
const issuePaths = (body: { error: { details: { issues: Array<{ path: string }> } } }) =>
  body.error.details.issues.map((i) => i.path);

describe('POST /labels', () => {
  it('creates a label with defaults and returns it with a Location', async () => {
    const res = await t.request('POST', '/api/v1/labels', { token: alice.token, body: { name: 'Backend' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Backend',
      description: null,
      colour: '#4f46e5',
      skillFocus: [],
      artifactCount: 0,
    });
    expect(res.headers.get('location')).toBe(`/api/v1/labels/${res.body.id}`);
    expect(await audits({ actorId: alice.userId, action: 'label.create', entityId: res.body.id })).toBe(1);
  });

  it('stores every field', async () => {
    const res = await t.request('POST', '/api/v1/labels', {
      token: alice.token,
      body: {
        name: 'ML platform',
        description: 'Training infra',
        colour: '#A1B2C3',
        skillFocus: ['Python', 'k8s'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'ML platform',
      description: 'Training infra',
      colour: '#a1b2c3',
      skillFocus: ['Python', 'k8s'],
    });
  });

  it('rejects a name already taken by the same user, whatever its case, with 409', async () => {
    await createLabel(alice, { name: 'Frontend' });
    const res = await t.request('POST', '/api/v1/labels', {
      token: alice.token,
      body: { name: '  frontEND ' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });

  it('lets two users use the same name', async () => {
    await createLabel(alice, { name: 'Shared name' });
    await createLabel(bob, { name: 'shared NAME' });
  });

  it('gives field details for bad fields', async () => {
    const res = await t.request('POST', '/api/v1/labels', {
      token: alice.token,
      body: { name: '', colour: 'red', skillFocus: 'Python' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(issuePaths(res.body)).toEqual(
      expect.arrayContaining(['body.name', 'body.colour', 'body.skillFocus']),
    );
  });

  it('rejects a name over 80 characters', async () => {
    const res = await t.request('POST', '/api/v1/labels', {
      token: alice.token,
      body: { name: 'x'.repeat(81) },
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['body.name']);
  });

  it('rejects unknown and server-owned fields', async () => {
    const res = await t.request('POST', '/api/v1/labels', {
      token: alice.token,
      body: { name: 'Owned', ownerId: bob.userId, artifactCount: 5 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).toContain('ownerId');
  });

  it('stores HTML- and SQL-looking text verbatim', async () => {
    const name = '<script>alert(1)</script>';
    const description = "'; drop table labels; --";
    const created = await createLabel(alice, { name, description });
    const res = await t.request('GET', `/api/v1/labels/${created.id}`, { token: alice.token });
    expect(res.body).toMatchObject({ name, description });
    const list = await t.request('GET', '/api/v1/labels', { token: alice.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((l: { name: string }) => l.name)).toContain(name);
  });

  it('is 401 without a token', async () => {
    const res = await t.request('POST', '/api/v1/labels', { body: { name: 'Anon' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /labels', () => {
  it('lists only my labels, ordered by name, with artifact counts', async () => {
    const carol = await t.signUp();
    const zeta = await createLabel(carol, { name: 'zeta' });
    await createLabel(carol, { name: 'Alpha' });
    await createLabel(carol, { name: 'beta' });
    const a1 = await createArtifact(carol, 'One');
    const a2 = await createArtifact(carol, 'Two');
    for (const a of [a1, a2]) {
      const put = await t.request('PUT', `/api/v1/labels/${zeta.id}/artifacts/${a.id}`, {
        token: carol.token,
      });
      expect(put.status).toBe(204);
    }
    await createLabel(bob, { name: 'Bob only' });
    const res = await t.request('GET', '/api/v1/labels', { token: carol.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((l: { name: string }) => l.name)).toEqual(['Alpha', 'beta', 'zeta']);
    expect(res.body.items.map((l: { artifactCount: number }) => l.artifactCount)).toEqual([0, 0, 2]);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      ['artifactCount', 'colour', 'description', 'id', 'name', 'skillFocus'].sort(),
    );
  });

  it('is 401 without a token', async () => {
    expect((await t.request('GET', '/api/v1/labels')).status).toBe(401);
  });
});

describe('GET /labels/:id', () => {
  it('returns one label', async () => {
    const label = await createLabel(alice, { name: 'Get me' });
    const res = await t.request('GET', `/api/v1/labels/${label.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: label.id, name: 'Get me', artifactCount: 0 });
  });

  it('is 404 for a missing id, a malformed id and another user', async () => {
    const label = await createLabel(alice, { name: 'Private' });
    for (const [path, token] of [
      [`/api/v1/labels/${MISSING}`, alice.token],
      ['/api/v1/labels/not-a-uuid', alice.token],
      [`/api/v1/labels/${label.id}`, bob.token],
    ] as const) {
      const res = await t.request('GET', path, { token });
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('is 401 without a token', async () => {
    expect((await t.request('GET', `/api/v1/labels/${MISSING}`)).status).toBe(401);
  });
});

describe('PATCH /labels/:id', () => {
  it('updates fields, clears the description and keeps the rest', async () => {
    const label = await createLabel(alice, { name: 'Old', description: 'desc', skillFocus: ['Go'] });
    const res = await t.request('PATCH', `/api/v1/labels/${label.id}`, {
      token: alice.token,
      body: { name: 'New', colour: '#000000', description: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: label.id,
      name: 'New',
      colour: '#000000',
      description: null,
      skillFocus: ['Go'],
    });
    expect(await audits({ actorId: alice.userId, action: 'label.update', entityId: label.id })).toBe(1);
  });

  it('allows changing only the case of its own name', async () => {
    const label = await createLabel(alice, { name: 'devops' });
    const res = await t.request('PATCH', `/api/v1/labels/${label.id}`, {
      token: alice.token,
      body: { name: 'DevOps' },
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('DevOps');
  });

  it('is 409 when renaming onto another label', async () => {
    await createLabel(alice, { name: 'Taken' });
    const label = await createLabel(alice, { name: 'Rename me' });
    const res = await t.request('PATCH', `/api/v1/labels/${label.id}`, {
      token: alice.token,
      body: { name: 'TAKEN' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });

  it('gives field details for bad fields', async () => {
    const label = await createLabel(alice, { name: 'Patch validation' });
    const res = await t.request('PATCH', `/api/v1/labels/${label.id}`, {
      token: alice.token,
      body: { colour: '#12345', skillFocus: [''] },
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(expect.arrayContaining(['body.colour', 'body.skillFocus.0']));
  });

  it("is 404 on a missing label and on another user's label, which stays unchanged", async () => {
    const label = await createLabel(alice, { name: 'Not for Bob' });
    expect(
      (await t.request('PATCH', `/api/v1/labels/${MISSING}`, { token: alice.token, body: { name: 'x' } }))
        .status,
    ).toBe(404);
    const res = await t.request('PATCH', `/api/v1/labels/${label.id}`, {
      token: bob.token,
      body: { name: 'Hijacked' },
    });
    expect(res.status).toBe(404);
    const after = await t.request('GET', `/api/v1/labels/${label.id}`, { token: alice.token });
    expect(after.body.name).toBe('Not for Bob');
  });

  it('is 401 without a token', async () => {
    expect((await t.request('PATCH', `/api/v1/labels/${MISSING}`, { body: { name: 'x' } })).status).toBe(401);
  });
});

describe('DELETE /labels/:id', () => {
  it('deletes the label and detaches it, keeping the artifacts', async () => {
    const label = await createLabel(alice, { name: 'Doomed' });
    const artifact = await createArtifact(alice);
    await t.request('PUT', `/api/v1/labels/${label.id}/artifacts/${artifact.id}`, { token: alice.token });
    const res = await t.request('DELETE', `/api/v1/labels/${label.id}`, { token: alice.token });
    expect(res.status).toBe(204);
    expect((await t.request('GET', `/api/v1/labels/${label.id}`, { token: alice.token })).status).toBe(404);
    const a = await t.request('GET', `/api/v1/artifacts/${artifact.id}`, { token: alice.token });
    expect(a.status).toBe(200);
    expect(a.body.labels).toEqual([]);
    expect(await audits({ actorId: alice.userId, action: 'label.delete', entityId: label.id })).toBe(1);
    expect((await t.request('DELETE', `/api/v1/labels/${label.id}`, { token: alice.token })).status).toBe(
      404,
    );
  });

  it("is 404 on another user's label, which survives", async () => {
    const label = await createLabel(alice, { name: 'Survivor' });
    expect((await t.request('DELETE', `/api/v1/labels/${label.id}`, { token: bob.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/labels/${label.id}`, { token: alice.token })).status).toBe(200);
  });

  it('is 401 without a token', async () => {
    expect((await t.request('DELETE', `/api/v1/labels/${MISSING}`)).status).toBe(401);
  });
});

describe('PUT / DELETE /labels/:id/artifacts/:artifactId', () => {
  it('attaches idempotently, filters artifacts by label, and detaches idempotently', async () => {
    const label = await createLabel(alice, { name: 'Attach me', colour: '#112233' });
    const tagged = await createArtifact(alice, 'Tagged');
    const other = await createArtifact(alice, 'Untagged');
    const path = `/api/v1/labels/${label.id}/artifacts/${tagged.id}`;

    for (let i = 0; i < 2; i++) {
      const res = await t.request('PUT', path, { token: alice.token });
      expect(res.status).toBe(204);
      expect(res.body).toBe('');
    }
    expect(await audits({ actorId: alice.userId, action: 'label.attach', entityId: label.id })).toBe(1);

    const filtered = await t.request('GET', `/api/v1/artifacts?label=${label.id}`, { token: alice.token });
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.map((a: { id: string }) => a.id)).toEqual([tagged.id]);
    expect(filtered.body.items[0].labels).toEqual([{ id: label.id, name: 'Attach me', colour: '#112233' }]);
    expect(filtered.body.items.map((a: { id: string }) => a.id)).not.toContain(other.id);
    const view = await t.request('GET', `/api/v1/labels/${label.id}`, { token: alice.token });
    expect(view.body.artifactCount).toBe(1);

    for (let i = 0; i < 2; i++) {
      expect((await t.request('DELETE', path, { token: alice.token })).status).toBe(204);
    }
    expect(await audits({ actorId: alice.userId, action: 'label.detach', entityId: label.id })).toBe(1);
    const after = await t.request('GET', `/api/v1/artifacts?label=${label.id}`, { token: alice.token });
    expect(after.body.items).toEqual([]);
  });

  it('is 404 unless both the label and the artifact are mine', async () => {
    const myLabel = await createLabel(alice, { name: 'Mine to attach' });
    const myArtifact = await createArtifact(alice);
    const bobLabel = await createLabel(bob, { name: 'Bob label' });
    const bobArtifact = await createArtifact(bob);
    const cases = [
      [myLabel.id, bobArtifact.id, alice.token],
      [bobLabel.id, myArtifact.id, alice.token],
      [myLabel.id, myArtifact.id, bob.token],
      [MISSING, myArtifact.id, alice.token],
      [myLabel.id, MISSING, alice.token],
      [myLabel.id, 'nope', alice.token],
    ] as const;
    for (const [labelId, artifactId, token] of cases) {
      for (const method of ['PUT', 'DELETE']) {
        const res = await t.request(method, `/api/v1/labels/${labelId}/artifacts/${artifactId}`, { token });
        expect(res.status, `${method} ${labelId} ${artifactId}`).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
    }
    const bobView = await t.request('GET', `/api/v1/labels/${bobLabel.id}`, { token: bob.token });
    expect(bobView.body.artifactCount).toBe(0);
  });

  it('is 401 without a token', async () => {
    for (const method of ['PUT', 'DELETE']) {
      expect((await t.request(method, `/api/v1/labels/${MISSING}/artifacts/${MISSING}`)).status).toBe(401);
    }
  });
});

describe('rate limit', () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await createTestContext({ DOSSIER_RATE_LIMIT_PER_HOUR: '3' });
  });
  afterAll(() => limited.close());

  it('answers the fourth request in an hour with 429 and Retry-After', async () => {
    const u = await limited.signUp();
    for (let i = 0; i < 3; i++) {
      expect((await limited.request('GET', '/api/v1/labels', { token: u.token })).status).toBe(200);
    }
    const res = await limited.request('POST', '/api/v1/labels', {
      token: u.token,
      body: { name: 'Too many' },
    });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('POST /labels/:id/artifacts (many at once)', () => {
  it('attaches to many and detaches from many in one request; only real changes count and are audited', async () => {
    const label = await createLabel(alice, { name: 'Bulk' });
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await createArtifact(alice, `Bulk ${i}`)).id);
    const path = `/api/v1/labels/${label.id}/artifacts`;
    const change = (body: object, token = alice.token) => t.request('POST', path, { token, body });
    const first = await change({ add: ids.slice(0, 3) });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 3, removed: 0 });
    // Adding one it already has again changes nothing for that one.
    const second = await change({ add: [ids[0], ids[3]], remove: [ids[1]] });
    expect(second.body).toEqual({ added: 1, removed: 1 });
    const withLabel = await t.request('GET', `/api/v1/artifacts?label=${label.id}&sort=title`, {
      token: alice.token,
    });
    expect(withLabel.body.items.map((a: { title: string }) => a.title)).toEqual([
      'Bulk 0',
      'Bulk 2',
      'Bulk 3',
    ]);
    const revisions = await Promise.all(
      ids.map(
        async (id) =>
          (await t.request('GET', `/api/v1/artifacts/${id}`, { token: alice.token })).body.revision,
      ),
    );
    // 0: added; 1: added, removed; 2: added; 3: added later.
    expect(revisions).toEqual([2, 3, 2, 2]);
    const em = t.services.orm.em.fork();
    expect(await em.count(AuditEvent, { entityId: label.id, action: 'label.attach' })).toBe(4);
    expect(await em.count(AuditEvent, { entityId: label.id, action: 'label.detach' })).toBe(1);
    const listed = await t.request('GET', '/api/v1/labels', { token: alice.token });
    expect(listed.body.items.find((l: { id: string }) => l.id === label.id).artifactCount).toBe(3);
  });

  it("changes nothing when one artifact is not the caller's, and hides another user's label", async () => {
    const label = await createLabel(alice, { name: 'Bulk guarded' });
    const mine = (await createArtifact(alice, 'Mine')).id;
    const theirs = (await createArtifact(bob, 'Theirs')).id;
    const path = `/api/v1/labels/${label.id}/artifacts`;
    const mixed = await t.request('POST', path, { token: alice.token, body: { add: [mine, theirs] } });
    expect(mixed.status).toBe(404);
    expect(mixed.body.error.message).toContain(theirs);
    const after = await t.request('GET', `/api/v1/artifacts/${mine}`, { token: alice.token });
    expect(after.body.labels).toEqual([]);
    expect(after.body.revision).toBe(1);
    const stranger = await t.request('POST', path, { token: bob.token, body: { add: [theirs] } });
    expect(stranger.status).toBe(404);
    expect((await t.request('GET', `/api/v1/artifacts/${theirs}`, { token: bob.token })).body.labels).toEqual(
      [],
    );
  });

  it('validates the body', async () => {
    const label = await createLabel(alice, { name: 'Bulk validated' });
    const id = (await createArtifact(alice, 'Validated')).id;
    const path = `/api/v1/labels/${label.id}/artifacts`;
    for (const body of [
      {},
      { add: [] },
      { add: ['nope'] },
      { add: [id], remove: [id] },
      { add: [id], other: 1 },
    ]) {
      const res = await t.request('POST', path, { token: alice.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const tooMany = Array.from({ length: 501 }, () => id);
    expect((await t.request('POST', path, { token: alice.token, body: { add: tooMany } })).status).toBe(400);
  });
});
