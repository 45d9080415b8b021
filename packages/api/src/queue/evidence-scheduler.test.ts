import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueDueEvidence, findDueEvidence } from '../commands/schedule-evidence-checks.js';
import { EvidenceLink, Notification } from '../db/entities/index.js';
import { pgArray } from '../db/pg-array.js';
import { redisDatabase, waitFor } from '../routes/generations/generations.test-support.js';
import { createLogger } from '../services/create-logger.js';
import { createServices, type Services } from '../services/create-services.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { createTestDocument } from '../test-support/create-test-document.js';
import {
  type EvidenceTestServer,
  evidenceTestEnv,
  startEvidenceTestServer,
} from '../test-support/evidence-test-server.js';
import { checkEvidenceBatch, checkEvidenceBatchJob } from './jobs/check-evidence-batch.js';
import { createJobs } from './jobs.js';
import { scheduleEvidenceChecks } from './schedule-evidence.js';

type User = Awaited<ReturnType<TestContext['signUp']>>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let server: EvidenceTestServer;
const contexts: TestContext[] = [];
const extraServices: Services[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  server = await startEvidenceTestServer();
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const s of extraServices.splice(0)) await s.close();
  for (const t of contexts.splice(0)) await t.close();
  server.reset();
});
afterAll(() => server.close());

async function context(env: Record<string, string> = {}, opts: { redis?: boolean } = {}) {
  const t = await createTestContext({ ...evidenceTestEnv(server), ...env }, opts);
  contexts.push(t);
  return t;
}

async function artifactWith(t: TestContext, user: User, urls: string[]) {
  const res = await t.request('POST', '/api/v1/artifacts', {
    token: user.token,
    body: {
      title: 'Shared work',
      summary: 'x',
      startDate: '2023-05-01',
      evidence: urls.map((url) => ({ url })),
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; evidence: Array<{ id: string }> };
}

const links = (t: TestContext, where: Record<string, unknown> = {}) =>
  t.services.orm.em.fork().find(EvidenceLink, where, { orderBy: { createdAt: 'asc' } });

describe('identical URLs across users', () => {
  it('are checked once per round and the verdict fans out to every link, notifications included', async () => {
    const t = await context({ DOSSIER_EVIDENCE_HOST_INTERVAL_MS: '0' });
    let now = new Date('2026-06-01T00:00:00Z');
    t.services.clock = () => now;
    t.services.queue.process(createJobs(t.services), 2);
    const [u1, u2, u3] = [await t.signUp(), await t.signUp(), await t.signUp()];
    const shared = 'https://shared.example.test/project';
    const own = 'https://own.example.test/project';
    server.answer(shared, { status: 404 });
    await artifactWith(t, u1, [shared, own]);
    await artifactWith(t, u2, [shared]);
    await artifactWith(t, u3, ['https://SHARED.example.test/project#readme']);

    for (let round = 1; round <= 3; round++) {
      const queued = await enqueueDueEvidence({ services: t.services, job: checkEvidenceBatchJob });
      expect(queued.length, `round ${round}`).toBe(round === 1 ? 2 : 1);
      expect(new Set(queued).size).toBe(queued.length);
      const at = now.getTime();
      const queuedHashes = new Set(queued);
      await waitFor(async () =>
        (await links(t))
          .filter((l) => queuedHashes.has(l.urlHash))
          .every((l) => l.lastCheckedAt?.getTime() === at),
      );
      // Nothing is due again until the failure re-check a day later.
      expect(await enqueueDueEvidence({ services: t.services, job: checkEvidenceBatchJob })).toEqual([]);
      now = new Date(now.getTime() + DAY);
    }
    expect(server.requests.filter((r) => r.host === 'shared.example.test')).toHaveLength(3);
    expect(server.requests.filter((r) => r.host === 'own.example.test')).toHaveLength(1);

    const sharedLinks = await links(t, { urlHash: t.services.cipher.hash(shared) });
    expect(sharedLinks).toHaveLength(3);
    for (const l of sharedLinks) {
      expect(l).toMatchObject({ status: 'broken', consecutiveFailures: 3, httpStatus: 404 });
      expect(l.history).toHaveLength(3);
    }
    // Every copy of the URL falls due at the same moment, so the next round checks it once again.
    expect(new Set(sharedLinks.map((l) => l.nextCheckAt!.getTime())).size).toBe(1);
    const em = t.services.orm.em.fork();
    for (const u of [u1, u2, u3]) {
      expect(await em.count(Notification, { owner: u.userId, type: 'evidence.broken' })).toBe(1);
    }
    const [ownLink] = await links(t, { urlHash: t.services.cipher.hash(own) });
    expect(ownLink).toMatchObject({ status: 'valid', consecutiveFailures: 0 });
  });
});

describe('the scheduler loop', () => {
  it('on the in-process queue leads alone, queues due links and checks them', async () => {
    const t = await context({ DOSSIER_EVIDENCE_HOST_INTERVAL_MS: '0' });
    t.services.queue.process(createJobs(t.services), 2);
    const u = await t.signUp();
    await artifactWith(t, u, ['https://loop.example.test/a', 'https://loop.example.test/b']);
    const stop = scheduleEvidenceChecks(t.services, { tickMs: 100, leaseMs: 300 });
    try {
      await waitFor(async () => (await links(t)).every((l) => l.status === 'valid'), 15_000);
    } finally {
      await stop();
    }
    expect(server.requests.filter((r) => r.host === 'loop.example.test')).toHaveLength(2);
  });
});

describe('check batches', () => {
  it('hand what they did not reach to a new job, and skip URLs already checked since the claim', async () => {
    const t = await context({ DOSSIER_EVIDENCE_HOST_INTERVAL_MS: '0' });
    const u = await t.signUp();
    const urls = [
      'https://batch.example.test/1',
      'https://batch.example.test/2',
      'https://batch.example.test/3',
    ];
    await artifactWith(t, u, urls);
    const hashes = urls.map((url) => t.services.cipher.hash(url));
    const claimedAt = new Date(Date.now() - 1_000).toISOString();
    const queued: unknown[] = [];
    const enqueue = t.services.queue.enqueue;
    t.services.queue.enqueue = async (job, payload, opts) => {
      queued.push({ job: job.id, payload });
      return opts?.jobId ?? 'x';
    };
    try {
      const first = await checkEvidenceBatch(t.services, { urlHashes: hashes, claimedAt }, { budgetMs: 0 });
      expect(first).toEqual({ checked: [hashes[0]], handedOn: hashes.slice(1), deferred: [] });
      expect(queued).toEqual([
        { job: 'evidence.check-batch', payload: { urlHashes: hashes.slice(1), claimedAt } },
      ]);
      const rest = await checkEvidenceBatch(t.services, { urlHashes: hashes.slice(1), claimedAt });
      expect(rest).toEqual({ checked: hashes.slice(1), handedOn: [], deferred: [] });
      // The same job again (a retry, a duplicate): nothing left to check.
      const again = await checkEvidenceBatch(t.services, { urlHashes: hashes, claimedAt });
      expect(again).toEqual({ checked: [], handedOn: [], deferred: [] });
    } finally {
      t.services.queue.enqueue = enqueue;
    }
    expect(server.requests.filter((r) => r.host === 'batch.example.test')).toHaveLength(3);
  });

  it('put a URL of a busy host aside, check the rest, and queue the aside one a little later', async () => {
    const t = await context({ DOSSIER_EVIDENCE_HOST_INTERVAL_MS: '0' });
    const u = await t.signUp();
    const urls = ['https://busy.example.test/1', 'https://free.example.test/1'];
    await artifactWith(t, u, urls);
    const [busy, free] = urls.map((url) => t.services.cipher.hash(url)) as [string, string];
    const held = [
      await t.services.evidenceHosts.acquire('busy.example.test'),
      await t.services.evidenceHosts.acquire('busy.example.test'),
    ];
    const queued: Array<{ payload: unknown; delayMs: number | undefined }> = [];
    const enqueue = t.services.queue.enqueue;
    t.services.queue.enqueue = async (_job, payload, opts) => {
      queued.push({ payload, delayMs: opts?.delayMs });
      return opts?.jobId ?? 'x';
    };
    const claimedAt = new Date(Date.now() - 1_000).toISOString();
    try {
      const result = await checkEvidenceBatch(
        t.services,
        { urlHashes: [busy, free], claimedAt },
        { hostWaitMs: 100 },
      );
      expect(result).toEqual({ checked: [free], handedOn: [], deferred: [busy] });
      expect(queued).toEqual([{ payload: { urlHashes: [busy], claimedAt }, delayMs: 5_000 }]);
    } finally {
      t.services.queue.enqueue = enqueue;
      await Promise.all(held.map((slot) => slot.release()));
    }
    const [busyLink] = await links(t, { urlHash: busy });
    expect(busyLink).toMatchObject({ lastCheckedAt: null, status: 'unchecked' });
    expect(server.requests.map((r) => r.host)).toEqual(['free.example.test']);
  });
});

describe('backpressure', () => {
  it('claims nothing while the queue holds more check jobs than the backlog allows', async () => {
    const t = await context();
    const u = await t.signUp();
    await artifactWith(t, u, ['https://backlog.example.test/a', 'https://backlog.example.test/b']);
    // Nobody processes this queue: the first tick's two one-URL jobs stay waiting.
    const first = await enqueueDueEvidence({
      services: t.services,
      job: checkEvidenceBatchJob,
      batchSize: 1,
    });
    expect(first).toHaveLength(2);
    await t.services.orm.em.fork().nativeUpdate(EvidenceLink, {}, { nextCheckAt: null });
    expect(
      await enqueueDueEvidence({ services: t.services, job: checkEvidenceBatchJob, maxBacklog: 1 }),
    ).toEqual([]);
    const rows = await links(t);
    expect(rows.every((l) => l.nextCheckAt === null)).toBe(true);
    expect(
      await enqueueDueEvidence({ services: t.services, job: checkEvidenceBatchJob, maxBacklog: 2 }),
    ).toHaveLength(2);
  });
});

describe('priorities', () => {
  it('puts links of documents exported in the last 7 days first', async () => {
    const t = await context();
    const now = new Date();
    t.services.clock = () => now;
    const u = await t.signUp();
    const doc = await createTestDocument(t, u, { withJobDescription: false });
    const old = await artifactWith(t, u, ['https://old-export.example.test/a']);
    const never = await artifactWith(t, u, ['https://never-exported.example.test/a']);
    const recent = await artifactWith(t, u, ['https://recent-export.example.test/a']);
    const em = t.services.orm.em.fork();
    const log = `insert into export_logs (id, owner_id, document_id, version, format, evidence_ids, created_at)
      values (gen_random_uuid(), ?, ?, 1, 'md', ?::text[], ?)`;
    await em.execute(log, [
      u.userId,
      doc.id,
      pgArray([recent.evidence[0]!.id]),
      new Date(now.getTime() - DAY),
    ]);
    await em.execute(log, [
      u.userId,
      doc.id,
      pgArray([old.evidence[0]!.id]),
      new Date(now.getTime() - 10 * DAY),
    ]);
    const hashOf = async (id: string) => (await em.findOneOrFail(EvidenceLink, { id })).urlHash;

    const due = await findDueEvidence(em, { now, limit: 100 });
    const order = due.map((d) => d.urlHash);
    const [r, o, n] = [
      await hashOf(recent.evidence[0]!.id),
      await hashOf(old.evidence[0]!.id),
      await hashOf(never.evidence[0]!.id),
    ];
    expect(order[0]).toBe(r);
    expect(due[0]!.recent).toBe(true);
    // The others by how long they have been due: older links first, an export 10 days ago counts for nothing.
    expect(order.indexOf(o)).toBeLessThan(order.indexOf(n));
    expect(due.filter((d) => d.recent)).toHaveLength(1);
    // A link checked recently is not due.
    await em.nativeUpdate(EvidenceLink, { urlHash: r }, { nextCheckAt: new Date(now.getTime() + DAY) });
    expect((await findDueEvidence(em, { now, limit: 100 })).map((d) => d.urlHash)).not.toContain(r);
  });

  it('spreads next checks of many URLs evenly over the re-check period', async () => {
    const t = await context({
      DOSSIER_EVIDENCE_HOST_INTERVAL_MS: '0',
      DOSSIER_EVIDENCE_HOST_CONCURRENCY: '50',
    });
    const now = new Date('2026-07-01T00:00:00Z');
    t.services.clock = () => now;
    const u = await t.signUp();
    const N = 600;
    const urls = Array.from({ length: N }, (_, i) => `https://spread${i % 7}.example.test/item/${i}`);
    for (let i = 0; i < N; i += 50) await artifactWith(t, u, urls.slice(i, i + 50));
    t.services.queue.process(createJobs(t.services), 8);
    const queued = await enqueueDueEvidence({ services: t.services, job: checkEvidenceBatchJob });
    expect(queued).toHaveLength(N);
    await waitFor(async () => {
      const [{ n }] = await t.services.orm.em
        .fork()
        .execute<[{ n: string }]>('select count(*) as n from evidence_links where last_checked_at is null');
      return Number(n) === 0;
    }, 60_000);
    const rows = await links(t);
    const start = now.getTime() + 15 * DAY;
    const weeks = new Array<number>(6).fill(0); // 30 days in 5-day buckets
    for (const l of rows) {
      const offset = l.nextCheckAt!.getTime() - start;
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(30 * DAY);
      weeks[Math.min(5, Math.floor(offset / (5 * DAY)))]! += 1;
    }
    // 100 per bucket expected; binomial spread is about ±9.
    for (const count of weeks) expect(Math.abs(count - N / 6)).toBeLessThan(35);
  });
});

describe('per-host limits across two workers', () => {
  it('holds concurrency 2 and 500 ms between request starts per host, over both workers', async () => {
    const redisUrl = redisDatabase(14);
    const flush = new Redis(redisUrl);
    await flush.flushdb();
    flush.disconnect();
    const t = await context({ REDIS_URL: redisUrl });
    const workers: Array<{ services: Services; acquired: number }> = [];
    const granted: Array<{ host: string; at: number }> = [];
    for (let i = 0; i < 2; i++) {
      const { config } = t.services;
      const services = await createServices({
        config,
        databaseUrl: t.databaseUrl,
        secrets: { encryptionKey: config.encryptionKey!, jwtSecret: config.jwtSecret! },
        logger: createLogger('silent'),
      });
      extraServices.push(services);
      const worker = { services, acquired: 0 };
      const acquire = services.evidenceHosts.acquire.bind(services.evidenceHosts);
      services.evidenceHosts.acquire = async (host, signal) => {
        const slot = await acquire(host, signal);
        worker.acquired += 1;
        granted.push({ host, at: slot.grantedAt });
        return slot;
      };
      services.queue.process(createJobs(services), 4);
      workers.push(worker);
    }
    const u = await t.signUp();
    const hosts = ['alpha.example.test', 'beta.example.test'];
    const urls = hosts.flatMap((h) => Array.from({ length: 6 }, (_, i) => `https://${h}/p/${i}`));
    for (const url of urls) server.answer(url, { status: 200, delayMs: 1_200 });
    await artifactWith(t, u, urls);

    const queued = await enqueueDueEvidence({
      services: t.services,
      job: checkEvidenceBatchJob,
      batchSize: 1,
    });
    expect(queued).toHaveLength(12);
    await waitFor(async () => (await links(t)).every((l) => l.status === 'valid'), 60_000);

    expect(workers.every((w) => w.acquired > 0)).toBe(true);
    const minGap = (times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return Math.min(...sorted.slice(1).map((x, i) => x - sorted[i]!));
    };
    for (const host of hosts) {
      const starts = server.requests.filter((r) => r.host === host).map((r) => r.start);
      expect(starts).toHaveLength(6);
      expect(server.peakConcurrency.get(host)).toBe(2);
      // Both workers' slots, on Redis's clock: never closer than the interval.
      const grants = granted.filter((g) => g.host === host).map((g) => g.at);
      expect(grants).toHaveLength(6);
      expect(minGap(grants)).toBeGreaterThanOrEqual(500);
      // At the server, event-loop lag in this busy test process blurs single gaps (so only half the interval is
      // asserted per gap), but six starts still span at least five intervals.
      expect(minGap(starts)).toBeGreaterThanOrEqual(250);
      expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(5 * 500 - 50);
    }
  });
});

describe('scheduler leadership', () => {
  const CHILD = fileURLToPath(new URL('../test-support/leader-child.mjs', import.meta.url));

  function contender(redisUrl: string, key: string, ttlMs: number) {
    const child = spawn(process.execPath, ['--no-warnings', CHILD, redisUrl, key, String(ttlMs)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    return { child, out: () => out, leads: () => out.includes(`leader ${child.pid}`) };
  }

  it('elects exactly one of two processes; the other takes over when the leader dies or steps down', async () => {
    const redisUrl = redisDatabase(15);
    const key = `dossier:test-leader:${randomBytes(4).toString('hex')}`;
    const ttl = 1_500;
    const a = contender(redisUrl, key, ttl);
    await waitFor(async () => a.out().includes('started'), 20_000);
    const b = contender(redisUrl, key, ttl);
    await waitFor(async () => b.out().includes('started'), 20_000);
    expect(a.leads()).toBe(true);
    // Several renewals later the follower still follows.
    await new Promise((r) => setTimeout(r, 2 * ttl));
    expect(b.leads(), b.out()).toBe(false);
    expect(a.out()).not.toContain('follower');

    // The leader dies without a word: the lock expires and the other process takes over.
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await waitFor(async () => b.leads(), 10_000);
    const takeover = Date.now() - killedAt;
    expect(takeover).toBeLessThan(ttl + 1_500);

    // A graceful exit hands over at once, without waiting for the expiry.
    const c = contender(redisUrl, key, ttl);
    await waitFor(async () => c.out().includes('started'), 20_000);
    expect(c.leads()).toBe(false);
    const stoppedAt = Date.now();
    b.child.kill('SIGTERM');
    await waitFor(async () => c.leads(), 10_000);
    expect(Date.now() - stoppedAt).toBeLessThan(ttl);
  });
});
