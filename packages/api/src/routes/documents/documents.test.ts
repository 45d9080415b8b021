import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditEvent,
  Document,
  DocumentVersion,
  EvidenceLink,
  ExportLog,
  ShareLink,
} from '../../db/entities/index.js';
import { purgeExpiredDocuments } from '../../queue/jobs/purge-expired-documents.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import {
  buildTestContent,
  createTestArtifacts,
  createTestDocument,
  type TestArtifacts,
} from '../../test-support/create-test-document.js';

let t: TestContext;
let user: Awaited<ReturnType<TestContext['signUp']>>;
let artifacts: TestArtifacts;

beforeAll(async () => {
  t = await createTestContext();
  user = await t.signUp();
  artifacts = await createTestArtifacts(t, user);
});
afterAll(() => t.close());

const api = (method: string, path: string, opts: { token?: string; body?: unknown } = {}) =>
  t.request(method, `/api/v1${path}`, { token: user.token, ...opts });

describe('GET /documents', () => {
  let u: Awaited<ReturnType<TestContext['signUp']>>;
  let ids: { cv1: string; cv2: string; letter: string; noJob: string };
  beforeAll(async () => {
    u = await t.signUp();
    const a = await createTestArtifacts(t, u);
    const cv1 = await createTestDocument(t, u, { artifacts: a, title: 'Backend CV for Lumen' });
    const cv2 = await createTestDocument(t, u, { artifacts: a, title: 'Platform CV 100%_off', saved: true });
    const letter = await createTestDocument(t, u, {
      artifacts: a,
      kind: 'cover-letter',
      title: 'Letter to Lumen',
    });
    const noJob = await createTestDocument(t, u, {
      artifacts: a,
      withJobDescription: false,
      title: 'Untargeted',
    });
    ids = { cv1: cv1.id, cv2: cv2.id, letter: letter.id, noJob: noJob.id };
  });
  const list = (query = '') => t.request('GET', `/api/v1/documents${query}`, { token: u.token });

  it('lists the caller’s documents, newest first, with the summary fields', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { id: string }) => d.id)).toEqual([
      ids.noJob,
      ids.letter,
      ids.cv2,
      ids.cv1,
    ]);
    const cv = res.body.items.find((d: { id: string }) => d.id === ids.cv1);
    expect(Object.keys(cv).sort()).toEqual(
      [
        'atsScore',
        'createdAt',
        'currentVersion',
        'expiresAt',
        'id',
        'jobDescriptionId',
        'kind',
        'saved',
        'title',
        'updatedAt',
      ].sort(),
    );
    expect(cv).toMatchObject({ kind: 'cv', title: 'Backend CV for Lumen', currentVersion: 1, saved: false });
    expect(new Date(cv.expiresAt).getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);
    expect(cv.jobDescriptionId).toMatch(/^[0-9a-f-]{36}$/);
    const other = await t.request('GET', '/api/v1/documents', { token: user.token });
    expect(other.body.items.map((d: { id: string }) => d.id)).not.toContain(ids.cv1);
  });

  it('filters by kind, saved, title text and job description', async () => {
    const ofKind = await list('?kind=cover-letter');
    expect(ofKind.body.items.map((d: { id: string }) => d.id)).toEqual([ids.letter]);
    const saved = await list('?saved=true');
    expect(saved.body.items.map((d: { id: string }) => d.id)).toEqual([ids.cv2]);
    expect(saved.body.items[0].expiresAt).toBeNull();
    const unsaved = await list('?saved=false');
    expect(unsaved.body.items).toHaveLength(3);
    const q = await list('?q=lumen');
    expect(q.body.items.map((d: { id: string }) => d.id).sort()).toEqual([ids.cv1, ids.letter].sort());
    // LIKE wildcards in the query are literal.
    expect((await list('?q=100%25_')).body.items.map((d: { id: string }) => d.id)).toEqual([ids.cv2]);
    expect((await list('?q=%25')).body.items.map((d: { id: string }) => d.id)).toEqual([ids.cv2]);
    const first = (await list()).body.items.find((d: { id: string }) => d.id === ids.cv1);
    const byJob = await list(`?jobDescriptionId=${first.jobDescriptionId}`);
    expect(byJob.body.items.map((d: { id: string }) => d.id)).not.toContain(ids.noJob);
    expect(byJob.body.items).toHaveLength(3);
  });

  it('pages with a cursor and rejects bad queries', async () => {
    const p1 = await list('?limit=3');
    expect(p1.body.items).toHaveLength(3);
    expect(p1.body.nextCursor).toEqual(expect.any(String));
    const p2 = await list(`?limit=3&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items.map((d: { id: string }) => d.id)).toEqual([ids.cv1]);
    expect(p2.body.nextCursor).toBeNull();
    for (const bad of [
      '?kind=poem',
      '?saved=maybe',
      '?limit=0',
      '?cursor=nope',
      '?jobDescriptionId=x',
      '?owner=me',
    ]) {
      const res = await list(bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('GET /documents/:id', () => {
  it('returns the current version and the live state of every cited evidence link', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const em = t.services.orm.em.fork();
    const checkedAt = new Date('2026-01-02T03:04:05.000Z');
    await em.nativeUpdate(
      EvidenceLink,
      { id: artifacts.ledger.evidenceId },
      { status: 'broken', lastCheckedAt: checkedAt, httpStatus: 404 },
    );
    const res = await api('GET', `/documents/${doc.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: doc.id, kind: 'cv', currentVersion: 1, atsScore: null });
    expect(res.body.version).toEqual({
      number: 1,
      content: doc.content,
      atsReport: null,
      author: 'generator',
      createdAt: expect.any(String),
    });
    expect(res.body.evidence).toEqual({
      [artifacts.ledger.evidenceId]: {
        status: 'broken',
        url: artifacts.ledger.evidenceUrl,
        lastCheckedAt: checkedAt.toISOString(),
      },
    });
    await em.nativeUpdate(
      EvidenceLink,
      { id: artifacts.ledger.evidenceId },
      { status: 'unchecked', lastCheckedAt: null },
    );
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await api('GET', '/documents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api('GET', '/documents/not-a-uuid')).status).toBe(404);
  });
});

describe('PATCH /documents/:id', () => {
  it('creates version 2 authored by the user, with a recomputed ATS report', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const content = structuredClone(doc.content);
    content.title = 'Ada Example — edited';
    content.sections[0]!.items[0]!.bullets.push(
      'Cut settlement time from 2 days to 4 hours with Go and PostgreSQL',
    );
    const res = await api('PATCH', `/documents/${doc.id}`, { body: { content } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/documents/${doc.id}/versions/2`);
    expect(res.body.currentVersion).toBe(2);
    expect(res.body.title).toBe('Ada Example — edited');
    expect(res.body.version.number).toBe(2);
    expect(res.body.version.author).toBe('user');
    expect(res.body.version.content.sections[0].items[0].bullets).toContain(
      'Cut settlement time from 2 days to 4 hours with Go and PostgreSQL',
    );
    const report = res.body.version.atsReport;
    expect(report).not.toBeNull();
    expect(report.score).toBeGreaterThanOrEqual(0);
    expect(report.score).toBeLessThanOrEqual(100);
    expect(report.passed).toBe(report.score >= 75);
    expect(report.results.map((r: { checker: string }) => r.checker).sort()).toEqual(
      t.services.pipeline.registry
        .byKind('ats-checker')
        .map((e) => e.plugin.name)
        .sort(),
    );
    expect(res.body.atsScore).toBe(report.score);

    const versions = await api('GET', `/documents/${doc.id}/versions`);
    expect(versions.body.items).toEqual([
      { number: 2, author: 'user', atsScore: report.score, createdAt: expect.any(String) },
      { number: 1, author: 'generator', atsScore: null, createdAt: expect.any(String) },
    ]);
    const v1 = await api('GET', `/documents/${doc.id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body.content).toEqual(doc.content);
    expect((await api('GET', `/documents/${doc.id}/versions/3`)).status).toBe(404);
    expect((await api('GET', `/documents/${doc.id}/versions/x`)).status).toBe(404);
    const audits = await t.services.orm.em
      .fork()
      .count(AuditEvent, { entityId: doc.id, action: 'document.revise' });
    expect(audits).toBe(1);
  });

  it('skips the ATS report when the document has no job description', async () => {
    const doc = await createTestDocument(t, user, { artifacts, withJobDescription: false });
    const res = await api('PATCH', `/documents/${doc.id}`, { body: { content: doc.content } });
    expect(res.status).toBe(201);
    expect(res.body.version.atsReport).toBeNull();
  });

  it('gives concurrent edits consecutive version numbers', async () => {
    const doc = await createTestDocument(t, user, { artifacts, withJobDescription: false });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api('PATCH', `/documents/${doc.id}`, { body: { content: doc.content } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const versions = await api('GET', `/documents/${doc.id}/versions`);
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([6, 5, 4, 3, 2, 1]);
    expect((await api('GET', `/documents/${doc.id}`)).body.currentVersion).toBe(6);
  });

  it('refuses an edit made from a version that is no longer current, and lets one of a race through', async () => {
    const doc = await createTestDocument(t, user, { artifacts, withJobDescription: false });
    const edited = (title: string) => ({ ...structuredClone(doc.content), title });
    // Tab A saves version 2 from version 1.
    const first = await api('PATCH', `/documents/${doc.id}`, {
      body: { content: edited('From tab A'), baseVersion: 1 },
    });
    expect(first.status).toBe(201);
    // Tab B still edits version 1: saving it would hide tab A's edit behind a newer version.
    const stale = await api('PATCH', `/documents/${doc.id}`, {
      body: { content: edited('From tab B'), baseVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'EDIT_CONFLICT',
      details: { field: 'baseVersion', baseVersion: 1, currentVersion: 2 },
    });
    let now = await api('GET', `/documents/${doc.id}`);
    expect(now.body).toMatchObject({ currentVersion: 2, title: 'From tab A' });
    // Five tabs saving from version 2 at once: one becomes version 3, the others are refused.
    const race = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        api('PATCH', `/documents/${doc.id}`, { body: { content: edited(`Racer ${n}`), baseVersion: 2 } }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    now = await api('GET', `/documents/${doc.id}`);
    expect(now.body.currentVersion).toBe(3);
    expect(now.body.title).toBe(race.find((r) => r.status === 201)!.body.title);
    const versions = await api('GET', `/documents/${doc.id}/versions`);
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    // Without a base version an edit is always saved, as a new version on top.
    const blind = await api('PATCH', `/documents/${doc.id}`, { body: { content: edited('Blind') } });
    expect(blind.body.currentVersion).toBe(4);
    for (const baseVersion of [0, '2', 2.5]) {
      const bad = await api('PATCH', `/documents/${doc.id}`, { body: { content: doc.content, baseVersion } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues[0].path).toBe('body.baseVersion');
    }
  });

  it("refuses another user's artifact or evidence with 422 naming the path", async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const other = await t.signUp();
    const theirs = await createTestArtifacts(t, other);
    const foreignArtifact = structuredClone(doc.content);
    foreignArtifact.sections[0]!.items[1]!.sources[0]!.artifactId = theirs.tracker.id;
    let res = await api('PATCH', `/documents/${doc.id}`, { body: { content: foreignArtifact } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNPROCESSABLE');
    expect(res.body.error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.content.sections.0.items.1.sources.0.artifactId' }),
    ]);

    const foreignEvidence = structuredClone(doc.content);
    foreignEvidence.sections[0]!.items[0]!.sources[0]!.evidenceIds = [theirs.ledger.evidenceId];
    foreignEvidence.sections[0]!.items[0]!.links[0]!.evidenceId = theirs.ledger.evidenceId;
    res = await api('PATCH', `/documents/${doc.id}`, { body: { content: foreignEvidence } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.content.sections.0.items.0.sources.0.evidenceIds.0',
      'body.content.sections.0.items.0.links.0.evidenceId',
    ]);

    // Evidence of another of the caller's own artifacts is not this source's evidence either.
    const mismatched = structuredClone(doc.content);
    mismatched.sections[0]!.items[1]!.sources[0]!.evidenceIds = [artifacts.ledger.evidenceId];
    res = await api('PATCH', `/documents/${doc.id}`, { body: { content: mismatched } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues[0].path).toBe(
      'body.content.sections.0.items.1.sources.0.evidenceIds.0',
    );

    const madeUp = structuredClone(doc.content);
    madeUp.sections[0]!.items[0]!.sources[0]!.artifactId = 'art-ledger';
    res = await api('PATCH', `/documents/${doc.id}`, { body: { content: madeUp } });
    expect(res.status).toBe(422);
    const versions = await t.services.orm.em.fork().count(DocumentVersion, { document: doc.id });
    expect(versions).toBe(1);
  });

  it('validates the body and the kind', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    for (const body of [{}, { content: { kind: 'cv' } }, { content: doc.content, author: 'generator' }]) {
      const res = await api('PATCH', `/documents/${doc.id}`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const letter = buildTestContent(artifacts, { kind: 'cover-letter' });
    const res = await api('PATCH', `/documents/${doc.id}`, { body: { content: letter } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues[0].path).toBe('body.content.kind');
  });
});

describe('GET /documents/:id/diff', () => {
  it('reports added, removed and changed items by id', async () => {
    const doc = await createTestDocument(t, user, { artifacts, withJobDescription: false });
    const next = structuredClone(doc.content);
    const section = next.sections[0]!;
    const [ledgerItem, trackerItem] = section.items;
    ledgerItem!.bullets = ['Rewritten bullet about the Go ledger'];
    section.items = [ledgerItem!];
    section.heading = 'Selected experience';
    next.sections.push({
      id: 'skills',
      kind: 'skills',
      heading: 'Skills',
      items: [
        {
          id: 'skills-core',
          title: 'Languages',
          subtitle: null,
          dates: null,
          text: null,
          bullets: [],
          skills: ['Go'],
          links: [],
          sources: [{ artifactId: artifacts.ledger.id, evidenceIds: [] }],
        },
      ],
    });
    expect((await api('PATCH', `/documents/${doc.id}`, { body: { content: next } })).status).toBe(201);

    const res = await api('GET', `/documents/${doc.id}/diff?from=1&to=2`);
    expect(res.status).toBe(200);
    expect(res.body.from).toBe(1);
    expect(res.body.to).toBe(2);
    const brief = res.body.changes.map((c: { sectionId: string; itemId: string | null; type: string }) => [
      c.sectionId,
      c.itemId,
      c.type,
    ]);
    expect(brief).toEqual([
      ['experience', null, 'changed'],
      ['experience', ledgerItem!.id, 'changed'],
      ['experience', trackerItem!.id, 'removed'],
      ['skills', null, 'added'],
      ['skills', 'skills-core', 'added'],
    ]);
    const changed = res.body.changes[1];
    expect(changed.before.bullets).toEqual(doc.content.sections[0]!.items[0]!.bullets);
    expect(changed.after.bullets).toEqual(['Rewritten bullet about the Go ledger']);
    expect(res.body.changes[2].before).toEqual(trackerItem);
    expect(res.body.changes[2]).not.toHaveProperty('after');

    const same = await api('GET', `/documents/${doc.id}/diff?from=2&to=2`);
    expect(same.body.changes).toEqual([]);
    const back = await api('GET', `/documents/${doc.id}/diff?from=2&to=1`);
    expect(back.body.changes.map((c: { type: string }) => c.type)).toEqual([
      'changed',
      'changed',
      'added',
      'removed',
      'removed',
    ]);
    expect((await api('GET', `/documents/${doc.id}/diff?from=1&to=9`)).status).toBe(404);
    expect((await api('GET', `/documents/${doc.id}/diff?from=1`)).status).toBe(400);
    expect((await api('GET', `/documents/${doc.id}/diff?from=a&to=2`)).status).toBe(400);
  });
});

describe('save, retention and delete', () => {
  it('a saved document is exempt from retention; an expired unsaved one is purged with what hangs off it', async () => {
    const past = new Date(Date.now() - 86_400_000);
    const kept = await createTestDocument(t, user, { artifacts, expiresAt: past });
    const expired = await createTestDocument(t, user, { artifacts, expiresAt: past });
    const fresh = await createTestDocument(t, user, { artifacts });

    const saved = await api('POST', `/documents/${kept.id}/save`);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: kept.id, saved: true, expiresAt: null });
    expect((await api('POST', `/documents/${kept.id}/save`)).status).toBe(200);

    expect((await api('POST', `/documents/${expired.id}/shares`, { body: {} })).status).toBe(201);
    expect((await api('POST', `/export/${expired.id}`, { body: { format: 'md' } })).status).toBe(200);

    const purged = await purgeExpiredDocuments(t.services);
    expect(purged).toBe(1);
    const em = t.services.orm.em.fork();
    expect(await em.count(Document, { id: expired.id })).toBe(0);
    expect(await em.count(DocumentVersion, { document: expired.id })).toBe(0);
    expect(await em.count(ShareLink, { document: expired.id })).toBe(0);
    expect(await em.count(ExportLog, { document: expired.id })).toBe(0);
    expect(await em.count(Document, { id: { $in: [kept.id, fresh.id] } })).toBe(2);
    expect((await api('GET', `/documents/${expired.id}`)).status).toBe(404);
    // Nothing left to do: a second run is a no-op.
    expect(await purgeExpiredDocuments(t.services)).toBe(0);
  });

  it('purges in batches', async () => {
    const u = await t.signUp();
    const a = await createTestArtifacts(t, u);
    const past = new Date(Date.now() - 1000);
    for (let i = 0; i < 5; i++)
      await createTestDocument(t, u, { artifacts: a, expiresAt: past, withJobDescription: false });
    const { createPurgeExpiredDocumentsJob } = await import('../../queue/jobs/purge-expired-documents.js');
    expect(await purgeExpiredDocuments(t.services, { batchSize: 2 })).toBe(5);
    const job = createPurgeExpiredDocumentsJob(t.services);
    expect(job.id).toBe('documents.purge-expired');
    expect(job.payload.parse({})).toEqual({});
  });

  it('deletes a document with its versions', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const res = await api('DELETE', `/documents/${doc.id}`);
    expect(res.status).toBe(204);
    expect((await api('GET', `/documents/${doc.id}`)).status).toBe(404);
    expect((await api('DELETE', `/documents/${doc.id}`)).status).toBe(404);
    const em = t.services.orm.em.fork();
    expect(await em.count(DocumentVersion, { document: doc.id })).toBe(0);
    expect(await em.count(AuditEvent, { entityId: doc.id, action: 'document.delete' })).toBe(1);
  });
});

describe('another user', () => {
  it('gets 404 on every document route', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const share = await api('POST', `/documents/${doc.id}/shares`, { body: {} });
    const intruder = await t.signUp();
    const as = (method: string, path: string, body?: unknown) =>
      t.request(method, `/api/v1${path}`, { token: intruder.token, body });
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/documents/${doc.id}`],
      ['PATCH', `/documents/${doc.id}`, { content: doc.content }],
      ['GET', `/documents/${doc.id}/versions`],
      ['GET', `/documents/${doc.id}/versions/1`],
      ['GET', `/documents/${doc.id}/diff?from=1&to=1`],
      ['POST', `/documents/${doc.id}/save`],
      ['GET', `/documents/${doc.id}/exports`],
      ['POST', `/export/${doc.id}`, { format: 'md' }],
      ['GET', `/documents/${doc.id}/shares`],
      ['POST', `/documents/${doc.id}/shares`, {}],
      ['DELETE', `/documents/${doc.id}/shares/${share.body.id}`],
      ['DELETE', `/documents/${doc.id}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await as(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const mine = await api('GET', `/documents/${doc.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ saved: false, currentVersion: 1 });
    const shares = await api('GET', `/documents/${doc.id}/shares`);
    expect(shares.body.items[0].revokedAt).toBeNull();
    expect((await as('GET', '/documents')).body.items).toEqual([]);
  });
});
