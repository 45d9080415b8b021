import type { TDocumentContent } from '@dossier/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileGenerations } from '../../queue/jobs/reconcile-generations.js';
import { createJobs } from '../../queue/jobs.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import { JOB_TEXT, readEvents, seedPortfolio, waitFor, waitForStatus } from './generations.test-support.js';

let t: TestContext;
type User = Awaited<ReturnType<TestContext['signUp']>>;

beforeAll(async () => {
  t = await createTestContext({ DOSSIER_GENERATIONS_PER_HOUR: '2' });
  t.services.queue.process(createJobs(t.services), 2);
});
afterAll(() => t.close());

async function userWithPortfolio(): Promise<User & { artifactIds: string[] }> {
  const user = await t.signUp();
  return { ...user, artifactIds: await seedPortfolio(t, user.token) };
}

const generate = (token: string, body: object, kind: 'cv' | 'cover-letter' = 'cv') =>
  t.request('POST', `/api/v1/generate/${kind}`, { token, body });

// biome-ignore lint/suspicious/noExplicitAny: SQL rows are read loosely in assertions
const sql = <T = any>(query: string, params: unknown[] = []) =>
  t.services.orm.em.fork().execute<T[]>(query, params);

describe('POST /generate/cv → events → document', () => {
  it('queues, streams progress, and ends with exactly one document, version and notification', async () => {
    const user = await userWithPortfolio();
    const res = await generate(user.token, { jobDescriptionText: JOB_TEXT, tone: 'warm' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    const id = res.body.id;
    expect(res.headers.get('location')).toBe(`/api/v1/generations/${id}`);

    const stream = await readEvents(t, user.token, id);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    const names = stream.events.map((e) => e.event);
    expect(names[0]).toBe('status');
    expect(names.at(-1)).toBe('done');
    expect(names.filter((n) => n === 'done')).toHaveLength(1);
    const done = stream.events.at(-1)!.data;
    expect(done).toMatchObject({ status: 'succeeded', documentId: expect.any(String) });
    const progress = stream.events.filter((e) => e.event === 'progress').map((e) => e.data);
    for (const p of progress) {
      expect(p).toEqual({
        stage: expect.any(String),
        percent: expect.any(Number),
        message: expect.any(String),
      });
    }

    const got = await t.request('GET', `/api/v1/generations/${id}`, { token: user.token });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id,
      kind: 'cv',
      status: 'succeeded',
      stage: 'done',
      progress: 100,
      generator: 'template-cv',
      fallbackReason: null,
      tokens: 0,
      documentId: done.documentId,
      error: null,
    });
    expect(Object.keys(got.body.timings)).toEqual(
      expect.arrayContaining(['parse', 'match', 'generate', 'ats']),
    );
    expect(got.body.startedAt).not.toBeNull();
    expect(got.body.finishedAt).not.toBeNull();
    expect(got.body).not.toHaveProperty('owner');
    expect(got.body).not.toHaveProperty('requestHash');

    const docs = await sql('select * from documents where owner_id = ?', [user.userId]);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ id: done.documentId, kind: 'cv', saved: false, current_version: 1 });
    expect(docs[0].title).toBe('CV — Senior Backend Engineer at Ledgerline');
    const days = (new Date(docs[0].expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90);
    const versions = await sql('select * from document_versions where document_id = ?', [done.documentId]);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, author: 'generator', generation_id: id });
    expect(versions[0].content.kind).toBe('cv');
    expect(versions[0].ats_report).toMatchObject({ score: expect.any(Number) });
    const notes = await sql('select * from notifications where owner_id = ?', [user.userId]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ type: 'generation.succeeded', link: `/documents/${done.documentId}` });

    // A stream opened after the end replays the final state and closes.
    const again = await readEvents(t, user.token, id);
    expect(again.events.map((e) => e.event)).toEqual(['status', 'done']);
    expect(again.events[1]!.data).toEqual({ status: 'succeeded', documentId: done.documentId });

    const audits = await sql(
      "select * from audit_events where entity_id = ? and action = 'generation.request'",
      [id],
    );
    expect(audits).toHaveLength(1);
  });

  it('reuses the same request within the hour, and `force` makes a new one', async () => {
    const user = await userWithPortfolio();
    const first = await generate(user.token, { jobDescriptionText: JOB_TEXT });
    const done = await waitForStatus(t, user.token, first.body.id, ['succeeded']);

    const jd = await sql<{ id: string }>('select id from job_descriptions where owner_id = ?', [user.userId]);
    expect(jd).toHaveLength(1);
    // The same request named by id, with the default options spelled out: the same identity.
    const second = await generate(user.token, {
      jobDescriptionId: jd[0]!.id,
      tone: 'formal',
      length: 'standard',
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      id: first.body.id,
      status: 'succeeded',
      documentId: done.documentId,
      reused: true,
    });

    const other = await generate(user.token, { jobDescriptionText: `  ${JOB_TEXT}\n`, tone: 'concise' });
    expect(other.status).toBe(202);
    expect(other.body.id).not.toBe(first.body.id);

    // That was the second new generation this hour: a forced one is over the limit of 2.
    const forced = await generate(user.token, { jobDescriptionText: JOB_TEXT, force: true });
    expect(forced.status).toBe(429);
    expect(forced.body.error.code).toBe('RATE_LIMITED');
    expect(Number(forced.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reuse never counts against the limit.
    const reused = await generate(user.token, { jobDescriptionText: JOB_TEXT });
    expect(reused.status).toBe(200);

    await t.services.rateLimiter.reset(`gen:${user.userId}`);
    const forcedAgain = await generate(user.token, { jobDescriptionText: JOB_TEXT, force: true });
    expect(forcedAgain.status).toBe(202);
    const forcedDone = await waitForStatus(t, user.token, forcedAgain.body.id, ['succeeded']);
    expect(forcedDone.documentId).not.toBe(done.documentId);
    await waitForStatus(t, user.token, other.body.id, ['succeeded']);
    const docs = await sql('select id from documents where owner_id = ?', [user.userId]);
    expect(docs).toHaveLength(3);
  });

  it('sees a portfolio change as a new request', async () => {
    const user = await userWithPortfolio();
    const first = await generate(user.token, { jobDescriptionText: JOB_TEXT });
    await waitForStatus(t, user.token, first.body.id, ['succeeded']);
    const patched = await t.request('PATCH', `/api/v1/artifacts/${user.artifactIds[0]}`, {
      token: user.token,
      body: { outcomes: ['Cut p99 ledger write latency from 180 ms to 40 ms'] },
    });
    expect(patched.status).toBe(200);
    const second = await generate(user.token, { jobDescriptionText: JOB_TEXT });
    expect(second.status).toBe(202);
    await waitForStatus(t, user.token, second.body.id, ['succeeded']);
  });

  it('writes a cover letter, honouring include and exclude', async () => {
    const user = await userWithPortfolio();
    const res = await generate(
      user.token,
      { jobDescriptionText: JOB_TEXT, include: user.artifactIds.slice(0, 2), exclude: [user.artifactIds[1]] },
      'cover-letter',
    );
    expect(res.status).toBe(202);
    const done = await waitForStatus(t, user.token, res.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({
      status: 'succeeded',
      kind: 'cover-letter',
      generator: 'template-cover-letter',
    });
    const [version] = await sql('select content from document_versions where document_id = ?', [
      done.documentId,
    ]);
    const content = version.content as TDocumentContent;
    const cited = new Set(
      content.sections.flatMap((s) => s.items.flatMap((i) => i.sources.map((x) => x.artifactId))),
    );
    expect([...cited]).toEqual([user.artifactIds[0]]);
  });
});

describe('validation', () => {
  let user: User & { artifactIds: string[] };
  beforeAll(async () => {
    user = await userWithPortfolio();
  });

  it('rejects bad bodies with 400 and details, never 500', async () => {
    const cases: object[] = [
      {},
      { jobDescriptionText: JOB_TEXT, jobDescriptionId: '00000000-0000-4000-8000-000000000000' },
      { jobDescriptionText: '' },
      { jobDescriptionText: JOB_TEXT, tone: 'snarky' },
      { jobDescriptionText: JOB_TEXT, generator: 'gpt' },
      { jobDescriptionText: JOB_TEXT, labelIds: ['not-a-uuid'] },
      { jobDescriptionText: JOB_TEXT, force: 'yes' },
      { jobDescriptionText: JOB_TEXT, status: 'succeeded' },
      { jobDescriptionText: JOB_TEXT, ownerId: user.userId },
    ];
    for (const body of cases) {
      const res = await generate(user.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues.length).toBeGreaterThan(0);
    }
  });

  it('answers 404 for job descriptions, labels and artifacts that are not the caller’s', async () => {
    const stranger = await userWithPortfolio();
    const theirs = await generate(stranger.token, { jobDescriptionText: JOB_TEXT });
    await waitForStatus(t, stranger.token, theirs.body.id, ['succeeded']);
    const [jd] = await sql<{ id: string }>('select id from job_descriptions where owner_id = ?', [
      stranger.userId,
    ]);
    for (const body of [
      { jobDescriptionId: jd!.id },
      { jobDescriptionText: JOB_TEXT, include: [stranger.artifactIds[0]] },
      { jobDescriptionText: JOB_TEXT, labelIds: ['00000000-0000-4000-8000-000000000000'] },
    ]) {
      const res = await generate(user.token, body);
      expect(res.status, JSON.stringify(body)).toBe(404);
    }
    for (const path of [`/generations/${theirs.body.id}`, `/generations/${theirs.body.id}/events`]) {
      const res = await t.request('GET', `/api/v1${path}`, { token: user.token });
      expect(res.status).toBe(404);
    }
    for (const verb of ['cancel', 'retry']) {
      const res = await t.request('POST', `/api/v1/generations/${theirs.body.id}/${verb}`, {
        token: user.token,
      });
      expect(res.status).toBe(404);
    }
  });

  it('answers 422 when there is nothing to draw on, or no model for generator "llm"', async () => {
    const empty = await t.signUp();
    const none = await generate(empty.token, { jobDescriptionText: JOB_TEXT });
    expect(none.status).toBe(422);
    const excluded = await generate(user.token, { jobDescriptionText: JOB_TEXT, exclude: user.artifactIds });
    expect(excluded.status).toBe(422);
    const llm = await generate(user.token, { jobDescriptionText: JOB_TEXT, generator: 'llm' });
    expect(llm.status).toBe(422);
    expect(llm.body.error.code).toBe('UNPROCESSABLE');
  });

  it('needs a login', async () => {
    const res = await t.request('POST', '/api/v1/generate/cv', { body: { jobDescriptionText: JOB_TEXT } });
    expect(res.status).toBe(401);
  });
});

describe('GET /generations', () => {
  it('lists the caller’s generations newest first, with cursor pagination and filters', async () => {
    const user = await userWithPortfolio();
    const a = await generate(user.token, { jobDescriptionText: JOB_TEXT });
    const b = await generate(user.token, { jobDescriptionText: JOB_TEXT }, 'cover-letter');
    await waitForStatus(t, user.token, a.body.id, ['succeeded']);
    await waitForStatus(t, user.token, b.body.id, ['succeeded']);
    const page1 = await t.request('GET', '/api/v1/generations?limit=1', { token: user.token });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((g: { id: string }) => g.id)).toEqual([b.body.id]);
    const page2 = await t.request('GET', `/api/v1/generations?limit=1&cursor=${page1.body.nextCursor}`, {
      token: user.token,
    });
    expect(page2.body.items.map((g: { id: string }) => g.id)).toEqual([a.body.id]);
    expect(page2.body.nextCursor).toBeNull();
    const cvs = await t.request('GET', '/api/v1/generations?kind=cv', { token: user.token });
    expect(cvs.body.items.map((g: { id: string }) => g.id)).toEqual([a.body.id]);
    const bad = await t.request('GET', '/api/v1/generations?cursor=nope', { token: user.token });
    expect(bad.status).toBe(400);
    const unknown = await t.request('GET', '/api/v1/generations?colour=red', { token: user.token });
    expect(unknown.status).toBe(400);
  });
});

/** A generation row as the request would write it, but never queued: what a lost Redis leaves behind. */
async function insertUnqueued(user: User, ageMs: number): Promise<string> {
  const jd = await t.request('POST', '/api/v1/generate/cv', {
    token: user.token,
    body: { jobDescriptionText: JOB_TEXT, force: true },
  });
  // The first request makes the job description (and runs; forced, so an earlier orphan with the same hash,
  // still queued, is not handed back); the orphan reuses its id and hash.
  await waitForStatus(t, user.token, jd.body.id, ['succeeded']);
  const [row] = await sql<{ job_description_id: string; request_hash: string }>(
    'select job_description_id, request_hash from generations where id = ?',
    [jd.body.id],
  );
  const id = crypto.randomUUID();
  const at = new Date(Date.now() - ageMs);
  await sql(
    `insert into generations (id, owner_id, kind, job_description_id, inputs, request_hash, status, created_at, updated_at)
     values (?, ?, 'cv', ?, ?::jsonb, ?, 'queued', ?, ?)`,
    [
      id,
      user.userId,
      row!.job_description_id,
      JSON.stringify({
        labelIds: [],
        include: [],
        exclude: [],
        generator: 'template',
        tone: 'formal',
        length: 'short',
        force: true,
      }),
      row!.request_hash,
      at,
      at,
    ],
  );
  return id;
}

describe('cancel and retry', () => {
  it('cancels a queued generation at once, and a retry runs it to the end', async () => {
    const user = await userWithPortfolio();
    const id = await insertUnqueued(user, 0);
    const cancel = await t.request('POST', `/api/v1/generations/${id}/cancel`, { token: user.token });
    expect(cancel.status).toBe(202);
    expect(cancel.body).toEqual({ id, status: 'cancelled' });
    const after = await t.request('GET', `/api/v1/generations/${id}`, { token: user.token });
    expect(after.body).toMatchObject({ status: 'cancelled', finishedAt: expect.any(String) });
    const twice = await t.request('POST', `/api/v1/generations/${id}/cancel`, { token: user.token });
    expect(twice.status).toBe(202);

    const retry = await t.request('POST', `/api/v1/generations/${id}/retry`, { token: user.token });
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual({ id, status: 'queued' });
    const done = await waitForStatus(t, user.token, id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'succeeded', generator: 'template-cv', error: null });

    const again = await t.request('POST', `/api/v1/generations/${id}/retry`, { token: user.token });
    expect(again.status).toBe(409);
    const cancelDone = await t.request('POST', `/api/v1/generations/${id}/cancel`, { token: user.token });
    expect(cancelDone.status).toBe(409);
  });
});

describe('generations.reconcile', () => {
  it('queues a generation whose job was lost, which then completes with one document', async () => {
    const user = await userWithPortfolio();
    const fresh = await insertUnqueued(user, 0);
    const orphan = await insertUnqueued(user, 3 * 60_000);
    const requeued = await reconcileGenerations(t.services);
    expect(requeued).toContain(orphan);
    expect(requeued).not.toContain(fresh);
    const done = await waitForStatus(t, user.token, orphan, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const docs = await sql(
      'select d.id from documents d join document_versions v on v.document_id = d.id where v.generation_id = ?',
      [orphan],
    );
    expect(docs).toHaveLength(1);
    // Reconciling again finds nothing stale, and a finished row is never run twice.
    await t.services.queue.enqueue(
      { id: 'generation.run', retries: 0, backoffMs: 1, timeoutMs: 10_000 },
      {
        generationId: orphan,
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    const still = await sql('select count(*)::int as n from document_versions where generation_id = ?', [
      orphan,
    ]);
    expect(still[0].n).toBe(1);
    // Clean up the fresh orphan so it does not linger.
    await t.request('POST', `/api/v1/generations/${fresh}/cancel`, { token: user.token });
  });

  it('hands a stale running row back to the queue and finishes it exactly once', async () => {
    const user = await userWithPortfolio();
    const id = await insertUnqueued(user, 0);
    // A worker claimed it and died three minutes ago.
    await sql(
      `update generations set status = 'running', attempts = 1, started_at = now() - interval '3 minutes',
         updated_at = now() - interval '3 minutes' where id = ?`,
      [id],
    );
    expect(await reconcileGenerations(t.services)).toContain(id);
    const done = await waitFor(async () => {
      const [row] = await sql('select status, attempts from generations where id = ?', [id]);
      return row.status === 'succeeded' ? row : undefined;
    });
    expect(done.attempts).toBe(2);
  });
});
