import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Label } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';

let t: TestContext;
let user: Awaited<ReturnType<TestContext['signUp']>>;
let labelId: string;

const base = {
  title: 'Order routing rewrite',
  summary: 'Rewrote order routing in Go on PostgreSQL.',
  role: 'Tech lead',
  technologies: ['Go', 'k8s', 'PostgreSQL'],
  collaborators: ['Ines'],
  outcomes: ['Cut dispatch time from 4 minutes to 9 seconds'],
  startDate: '2024-02-01',
  endDate: '2024-11-30',
};

beforeAll(async () => {
  t = await createTestContext();
  user = await t.signUp();
  const em = t.services.orm.em.fork();
  const label = em.create(Label, { owner: user.userId, name: 'Backend', nameKey: 'backend', skillFocus: [] });
  await em.flush();
  labelId = label.id;
});
afterAll(() => t.close());

/** Waits until some other session is blocked on a lock (the request under test reached its write). */
async function waitForLockWaiter(client: pg.Client) {
  for (let i = 0; i < 200; i++) {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
    );
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('No session started waiting for the row lock');
}

const create = (body: object, token = user.token) => t.request('POST', '/api/v1/artifacts', { token, body });

describe('POST /artifacts', () => {
  it('creates an artifact with evidence, detected kinds, labels and normalised skills', async () => {
    const res = await create({
      ...base,
      evidence: [
        { url: 'https://github.com/acme/router', title: 'Repo' },
        { url: 'https://github.com/acme/router/pull/42' },
      ],
      labelIds: [labelId],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/artifacts/${res.body.id}`);
    expect(res.body).toMatchObject({
      title: base.title,
      role: 'Tech lead',
      startDate: '2024-02-01',
      endDate: '2024-11-30',
    });
    expect(res.body.evidence).toHaveLength(2);
    expect(res.body.evidence.map((e: { kind: string }) => e.kind)).toEqual(['repo', 'pull-request']);
    expect(res.body.evidence.every((e: { status: string }) => e.status === 'unchecked')).toBe(true);
    expect(res.body.labels).toEqual([{ id: labelId, name: 'Backend', colour: '#4f46e5' }]);
    const skillIds = res.body.skills.map((s: { id: string }) => s.id);
    expect(skillIds).toEqual(expect.arrayContaining(['kubernetes', 'postgresql']));
    expect(res.body).not.toHaveProperty('owner');
    expect(res.body).not.toHaveProperty('searchText');
    const got = await t.request('GET', `/api/v1/artifacts/${res.body.id}`, { token: user.token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    const audits = await t.services.orm.em
      .fork()
      .count(AuditEvent, { entityId: res.body.id, action: 'artifact.create' });
    expect(audits).toBe(1);
  });

  it('stores evidence URLs encrypted, never in plain text', async () => {
    const res = await create({ ...base, evidence: [{ url: 'https://secret.example.test/private-repo' }] });
    const rows = await t.services.orm.em
      .getConnection()
      .execute('select url_encrypted, url_hash from evidence_links where artifact_id = ?', [res.body.id]);
    expect(rows[0]!.url_encrypted).not.toContain('secret.example.test');
    expect(rows[0]!.url_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 422 INVALID_URL for a non-http evidence URL', async () => {
    for (const url of ['javascript:alert(1)', 'ftp://files.example.test/x', 'not a url']) {
      const res = await create({ ...base, evidence: [{ url }] });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_URL');
      expect(res.body.error.details.issues[0].path).toBe('body.evidence.0.url');
    }
  });

  it('rejects protected and unknown fields', async () => {
    for (const extra of [
      { ownerId: user.userId },
      { id: '00000000-0000-4000-8000-000000000000' },
      { status: 'valid' },
    ]) {
      const res = await create({ ...base, ...extra });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const ev = await create({ ...base, evidence: [{ url: 'https://example.test', status: 'valid' }] });
    expect(ev.status).toBe(400);
  });

  it('validates fields with details', async () => {
    const res = await create({ title: '', technologies: 'Go', startDate: '2024-13-45' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.title', 'body.summary', 'body.technologies', 'body.startDate']),
    );
    const order = await create({ ...base, startDate: '2024-05-01', endDate: '2024-01-01' });
    expect(order.status).toBe(400);
    expect(order.body.error.details.issues[0].path).toBe('body.endDate');
  });

  it("refuses another user's label as 404", async () => {
    const other = await t.signUp();
    const res = await create({ ...base, labelIds: [labelId] }, other.token);
    expect(res.status).toBe(404);
  });

  it('stores HTML and SQL-looking text verbatim', async () => {
    const title = `<script>alert("x")</script>'; drop table artifacts; --`;
    const res = await create({ ...base, title, summary: '<img src=x onerror=alert(1)>' });
    expect(res.status).toBe(201);
    const got = await t.request('GET', `/api/v1/artifacts/${res.body.id}`, { token: user.token });
    expect(got.body.title).toBe(title);
    expect(got.body.summary).toBe('<img src=x onerror=alert(1)>');
  });

  it('needs authentication', async () => {
    const res = await t.request('POST', '/api/v1/artifacts', { body: base });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /artifacts filters and pagination', () => {
  let u: Awaited<ReturnType<TestContext['signUp']>>;
  let lbl: string;
  beforeAll(async () => {
    u = await t.signUp();
    const em = t.services.orm.em.fork();
    const label = em.create(Label, {
      owner: u.userId,
      name: 'Platform',
      nameKey: 'platform',
      skillFocus: [],
    });
    await em.flush();
    lbl = label.id;
    for (let i = 0; i < 7; i++) {
      const res = await create(
        {
          ...base,
          title: `Project ${i}`,
          summary: i === 3 ? 'Built a forecasting pipeline for warehouses' : 'Backend work',
          technologies: i % 2 ? ['k8s'] : ['Python'],
          startDate: `202${i}-01-01`,
          endDate: null,
          labelIds: i < 2 ? [lbl] : [],
        },
        u.token,
      );
      expect(res.status).toBe(201);
    }
  });

  const list = (qs: string) => t.request('GET', `/api/v1/artifacts${qs}`, { token: u.token });

  it('pages with a cursor, newest first', async () => {
    const first = await list('?limit=3');
    expect(first.body.items.map((a: { title: string }) => a.title)).toEqual([
      'Project 6',
      'Project 5',
      'Project 4',
    ]);
    const second = await list(`?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((a: { title: string }) => a.title)).toEqual([
      'Project 3',
      'Project 2',
      'Project 1',
    ]);
    const third = await list(`?limit=3&cursor=${second.body.nextCursor}`);
    expect(third.body.items).toHaveLength(1);
    expect(third.body.nextCursor).toBeNull();
  });

  it('filters by label, normalised skill, full text and date range', async () => {
    expect((await list(`?label=${lbl}`)).body.items).toHaveLength(2);
    const k8s = await list('?skill=Kubernetes');
    expect(k8s.body.items).toHaveLength(3);
    expect(k8s.body.items.every((a: { technologies: string[] }) => a.technologies.includes('k8s'))).toBe(
      true,
    );
    expect((await list('?q=forecasting')).body.items.map((a: { title: string }) => a.title)).toEqual([
      'Project 3',
    ]);
    // Every word also matches the start of a word: a word being typed, a singular for a plural.
    const titles = async (q: string) =>
      (await list(`?q=${encodeURIComponent(q)}`)).body.items.map((a: { title: string }) => a.title);
    expect(await titles('forecast')).toEqual(['Project 3']);
    expect(await titles('warehouse')).toEqual(['Project 3']);
    expect(await titles('Fore pipe')).toEqual(['Project 3']);
    expect(await titles('"forecasting pipeline"')).toEqual(['Project 3']);
    expect(await titles('"pipeline forecasting"')).toEqual([]);
    expect(await titles('forecast -warehouses')).toEqual([]);
    expect(await titles('forecast or nothingmatches')).toEqual(['Project 3']);
    expect(await titles('ecasting')).toEqual([]);
    // Quotes, backslashes and operators in what is typed stay text.
    expect(await titles(`it's \\ & | ! <-> :*`)).toEqual([]);
    expect(
      (await list('?from=2025-01-01&to=2025-12-31')).body.items.map((a: { title: string }) => a.title),
    ).toContain('Project 5');
    expect((await list('?evidenceStatus=broken')).body.items).toHaveLength(0);
    expect((await list('?sort=title&limit=2')).body.items.map((a: { title: string }) => a.title)).toEqual([
      'Project 0',
      'Project 1',
    ]);
  });

  it('rejects a bad query with field details and a forged cursor', async () => {
    const bad = await list('?limit=1000&sort=sideways&label=xyz');
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['query.limit', 'query.sort', 'query.label']));
    expect((await list('?cursor=bm9wZQ')).status).toBe(400);
  });
});

describe('PATCH and DELETE /artifacts/:id', () => {
  it('updates fields, replaces labels, re-derives skills', async () => {
    const made = await create({ ...base, labelIds: [labelId] });
    const res = await t.request('PATCH', `/api/v1/artifacts/${made.body.id}`, {
      token: user.token,
      body: { title: 'Renamed', technologies: ['TS'], labelIds: [] },
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Renamed');
    expect(res.body.labels).toEqual([]);
    expect(res.body.skills.map((s: { id: string }) => s.id)).toContain('typescript');
    const bad = await t.request('PATCH', `/api/v1/artifacts/${made.body.id}`, {
      token: user.token,
      body: { endDate: '2000-01-01' },
    });
    expect(bad.status).toBe(400);
  });

  it('counts accepted edits in the revision and refuses an edit based on an older one', async () => {
    const made = await create({ ...base, labelIds: [labelId] });
    expect(made.body.revision).toBe(1);
    const path = `/api/v1/artifacts/${made.body.id}`;
    const patch = (body: object) => t.request('PATCH', path, { token: user.token, body });
    // Tab A saves first, from revision 1.
    const first = await patch({ title: 'Edited in tab A', baseRevision: 1 });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(2);
    // Tab B still shows revision 1: its whole form would undo tab A's title, so nothing is written.
    const stale = await patch({ ...base, title: 'Edited in tab B', labelIds: [], baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'EDIT_CONFLICT',
      details: { field: 'baseRevision', baseRevision: 1, currentRevision: 2 },
    });
    const now = await t.request('GET', path, { token: user.token });
    expect(now.body).toMatchObject({ title: 'Edited in tab A', revision: 2 });
    expect(now.body.labels).toHaveLength(1);
    // The list's cards carry the same revision.
    const listed = await t.request('GET', `/api/v1/artifacts?q=${encodeURIComponent('tab A')}`, {
      token: user.token,
    });
    expect(listed.body.items.find((a: { id: string }) => a.id === made.body.id)?.revision).toBe(2);
    // Based on the current revision, it goes through; without a base, it always does.
    expect((await patch({ title: 'Edited in tab B', baseRevision: 2 })).body.revision).toBe(3);
    expect((await patch({ role: 'Architect' })).body).toMatchObject({
      title: 'Edited in tab B',
      revision: 4,
    });
    // A label-only edit is an edit too.
    expect((await patch({ labelIds: [], baseRevision: 4 })).body.revision).toBe(5);
    // The refused edit wrote no audit event.
    const em = t.services.orm.em.fork();
    const updates = await em.find(AuditEvent, { entityId: made.body.id, action: 'artifact.update' });
    expect(updates).toHaveLength(4);
    expect(updates.every((e) => !(e.data as { fields: string[] }).fields.includes('baseRevision'))).toBe(
      true,
    );
  });

  it('raises the revision when a label is attached or detached elsewhere, not when evidence is checked', async () => {
    const made = await create({ ...base, evidence: [{ url: 'https://example.com/revision-check' }] });
    const path = `/api/v1/artifacts/${made.body.id}`;
    const attach = await t.request('PUT', `/api/v1/labels/${labelId}/artifacts/${made.body.id}`, {
      token: user.token,
    });
    expect(attach.status).toBeLessThan(300);
    expect((await t.request('GET', path, { token: user.token })).body.revision).toBe(2);
    // Attaching it again changes nothing, so neither does the revision.
    await t.request('PUT', `/api/v1/labels/${labelId}/artifacts/${made.body.id}`, { token: user.token });
    expect((await t.request('GET', path, { token: user.token })).body.revision).toBe(2);
    const stale = await t.request('PATCH', path, {
      token: user.token,
      body: { labelIds: [], baseRevision: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await t.request('GET', path, { token: user.token })).body.labels).toHaveLength(1);
    await t.request('DELETE', `/api/v1/labels/${labelId}/artifacts/${made.body.id}`, { token: user.token });
    expect((await t.request('GET', path, { token: user.token })).body.revision).toBe(3);
    // The evidence checker's verdicts are not edits of the artifact.
    const em = t.services.orm.em.fork();
    await em
      .getConnection()
      .execute(`update evidence_links set status = 'valid', http_status = 200 where artifact_id = ?`, [
        made.body.id,
      ]);
    const checked = await t.request('GET', path, { token: user.token });
    expect(checked.body.evidence[0].status).toBe('valid');
    expect(checked.body.revision).toBe(3);
  });

  it('applies exactly one of two concurrent edits based on the same revision', async () => {
    const made = await create(base);
    const path = `/api/v1/artifacts/${made.body.id}`;
    const results = await Promise.all(
      ['Concurrent A', 'Concurrent B', 'Concurrent C', 'Concurrent D'].map((title) =>
        t.request('PATCH', path, { token: user.token, body: { title, baseRevision: 1 } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const now = await t.request('GET', path, { token: user.token });
    expect(now.body).toMatchObject({ title: winner.body.title, revision: 2 });
    // Unconditional edits at the same moment are all applied, one after another.
    const blind = await Promise.all(
      [1, 2, 3].map((n) => t.request('PATCH', path, { token: user.token, body: { role: `Role ${n}` } })),
    );
    expect(blind.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await t.request('GET', path, { token: user.token })).body.revision).toBe(5);
  });

  it('refuses an edit whose row changed between its read and its write', async () => {
    const made = await create(base);
    const path = `/api/v1/artifacts/${made.body.id}`;
    // Another writer holds the row with an edit that is not committed yet: the PATCH reads revision 1, passes
    // the precondition, and its conditional write waits for the row, then finds revision 2.
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(
        `update artifacts set title = 'Other writer', revision = revision + 1 where id = $1`,
        [made.body.id],
      );
      const pending = t.request('PATCH', path, {
        token: user.token,
        body: { title: 'Mine', baseRevision: 1 },
      });
      await waitForLockWaiter(other);
      await other.query('commit');
      const res = await pending;
      expect(res.status).toBe(409);
      expect(res.body.error.details).toMatchObject({ baseRevision: 1, currentRevision: 2 });
    } finally {
      await other.end();
    }
    expect((await t.request('GET', path, { token: user.token })).body).toMatchObject({
      title: 'Other writer',
      revision: 2,
    });
  });

  it('validates baseRevision', async () => {
    const made = await create(base);
    for (const baseRevision of [0, 1.5, '1', -1]) {
      const res = await t.request('PATCH', `/api/v1/artifacts/${made.body.id}`, {
        token: user.token,
        body: { title: 'x', baseRevision },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe('body.baseRevision');
    }
  });

  it('deletes, then answers 404', async () => {
    const made = await create(base);
    expect(
      (await t.request('DELETE', `/api/v1/artifacts/${made.body.id}`, { token: user.token })).status,
    ).toBe(204);
    expect((await t.request('GET', `/api/v1/artifacts/${made.body.id}`, { token: user.token })).status).toBe(
      404,
    );
    expect(
      (await t.request('DELETE', `/api/v1/artifacts/${made.body.id}`, { token: user.token })).status,
    ).toBe(404);
    expect((await t.request('GET', '/api/v1/artifacts/not-a-uuid', { token: user.token })).status).toBe(404);
  });
});
