import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobTextHash, normalizeJobText } from '../../commands/create-job-description.js';
import { AuditEvent, JobDescription } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';

const POSTING = `Senior Backend Engineer
Ledgerline — Amsterdam, Netherlands

About the role
You will design, build and operate Go services on PostgreSQL and Kubernetes.

Requirements
- 5+ years of professional backend development experience
- Strong Go and PostgreSQL skills
- Experience running services on Kubernetes

Nice to have
- Kafka experience is a plus
`;

const POSTING_HTML = `<!doctype html><html><head><title>Jobs</title><style>body{color:red}</style>
<script>window.tracking = true;</script></head><body>
<h1>Staff Platform Engineer</h1><p>Orbital Labs — Berlin</p>
<h2>Requirements</h2><ul><li>8+ years building distributed systems</li><li>Deep Terraform and AWS knowledge</li>
<li>Python or Go</li></ul><h2>Nice to have</h2><ul><li>Rust</li></ul></body></html>`;

let server: Server;
let origin: string;
let open: TestContext;
let closed: TestContext;
type User = Awaited<ReturnType<TestContext['signUp']>>;

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/posting.html':
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(POSTING_HTML);
        return;
      case '/posting.txt':
        res.setHeader('content-type', 'text/plain');
        res.end(`${POSTING}\n\nPosted via a job board.`);
        return;
      case '/posting-nul.txt':
        res.setHeader('content-type', 'text/plain');
        res.end(`${POSTING.replace('Senior', 'Sen\u0000ior')}\n\u0000`);
        return;
      case '/to-metadata':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/' });
        res.end();
        return;
      case '/blank.html':
        res.setHeader('content-type', 'text/html');
        res.end('<html><body><script>var x = 1;</script>   </body></html>');
        return;
      case '/file.pdf':
        res.setHeader('content-type', 'application/pdf');
        res.end('%PDF-1.7');
        return;
      default:
        res.statusCode = 404;
        res.end('not here');
    }
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [open, closed] = await Promise.all([
    createTestContext({ DOSSIER_OUTBOUND_ALLOWLIST: '127.0.0.1/32' }),
    createTestContext(),
  ]);
});
afterAll(async () => {
  await Promise.all([open?.close(), closed?.close()]);
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const create = (t: TestContext, user: User, body: unknown) =>
  t.request('POST', '/api/v1/job-descriptions', { token: user.token, body });

describe('POST /job-descriptions from text', () => {
  it('parses and stores pasted text, answering the whitelisted view', async () => {
    const user = await open.signUp();
    const res = await create(open, user, { text: POSTING });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/job-descriptions/${res.body.id}`);
    expect(Object.keys(res.body).sort()).toEqual(
      ['company', 'contentHash', 'createdAt', 'id', 'parsed', 'source', 'sourceUrl', 'title'].sort(),
    );
    expect(res.body).toMatchObject({
      title: 'Senior Backend Engineer',
      source: 'text',
      sourceUrl: null,
      contentHash: jobTextHash(POSTING),
    });
    expect(res.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const skills = res.body.parsed.skills.map((s: { id: string }) => s.id);
    expect(skills).toEqual(expect.arrayContaining(['go', 'postgresql', 'kubernetes']));
    expect(res.body.parsed.requirements.mustHave.length).toBeGreaterThan(0);
    const em = open.services.orm.em.fork() as EntityManager;
    expect(await em.count(AuditEvent, { entityId: res.body.id, action: 'job-description.create' })).toBe(1);
  });

  it('answers 200 with the existing row for the same text, whatever its whitespace; per user', async () => {
    const user = await open.signUp();
    const first = await create(open, user, { text: POSTING });
    const spaced = POSTING.replace(/\n/g, '\r\n').replace(/ /g, '  \t');
    expect(normalizeJobText(spaced)).toBe(normalizeJobText(POSTING));
    const again = await create(open, user, { text: `\n  ${spaced}  \n` });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await open.signUp();
    const theirs = await create(open, other, { text: POSTING });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    const em = open.services.orm.em.fork() as EntityManager;
    expect(await em.count(JobDescription, { owner: user.userId })).toBe(1);
  });

  it('settles concurrent identical requests on one row', async () => {
    const user = await open.signUp();
    const text = `${POSTING}\nRequisition 4411`;
    const results = await Promise.all([1, 2, 3].map(() => create(open, user, { text })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  it('validates the body strictly', async () => {
    const user = await open.signUp();
    for (const body of [
      {},
      { text: '   ' },
      { text: POSTING, url: `${origin}/posting.txt` },
      { text: POSTING, ownerId: user.userId },
      { text: 42 },
      { url: 'x'.repeat(3000) },
    ]) {
      const res = await create(open, user, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('turns a parser refusal into 422 UNPROCESSABLE with its code', async () => {
    const user = await open.signUp();
    const res = await create(open, user, { text: `Engineer\n${'word '.repeat(260_000)}` });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNPROCESSABLE');
    expect(res.body.error.details.code).toBe('TOO_LARGE');
  });

  it('needs authentication', async () => {
    expect((await open.request('POST', '/api/v1/job-descriptions', { body: { text: POSTING } })).status).toBe(
      401,
    );
  });
});

describe('POST /job-descriptions from a URL', () => {
  it('fetches an allow-listed page, converts its HTML to text and parses it', async () => {
    const user = await open.signUp();
    const url = `${origin}/posting.html`;
    const res = await create(open, user, { url });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'url', sourceUrl: url, title: 'Staff Platform Engineer' });
    expect(res.body.parsed.text).not.toContain('<');
    expect(res.body.parsed.text).not.toContain('tracking');
    expect(res.body.parsed.skills.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['terraform', 'aws']),
    );
    const again = await create(open, user, { url });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
  });

  it('reads plain-text pages too', async () => {
    const user = await open.signUp();
    const res = await create(open, user, { url: `${origin}/posting.txt` });
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('Senior Backend Engineer');
  });

  it('stores a fetched page that carries NUL characters without them', async () => {
    const user = await open.signUp();
    const res = await create(open, user, { url: `${origin}/posting-nul.txt` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.title).toBe('Senior Backend Engineer');
    const got = await open.request('GET', `/api/v1/job-descriptions/${res.body.id}`, { token: user.token });
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain('\\u0000');
  });

  it('refuses the same local URL without the allow-list: 422 INVALID_URL, BLOCKED_ADDRESS', async () => {
    const user = await closed.signUp();
    const res = await create(closed, user, { url: `${origin}/posting.html` });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_URL');
    expect(res.body.error.details.reason).toBe('BLOCKED_ADDRESS');
    expect(res.body.error.details.issues[0].path).toBe('body.url');
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://0x7f.1/']) {
      const blocked = await create(closed, user, { url });
      expect(blocked.status, url).toBe(422);
      expect(blocked.body.error.details.reason, url).toBe('BLOCKED_ADDRESS');
    }
  });

  it('refuses a redirect to the metadata address even from an allow-listed server', async () => {
    const user = await open.signUp();
    const res = await create(open, user, { url: `${origin}/to-metadata` });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_URL');
    expect(res.body.error.details.reason).toBe('BLOCKED_ADDRESS');
  });

  it('refuses other schemes and malformed URLs as INVALID_URL', async () => {
    const user = await open.signUp();
    for (const [url, reason] of [
      ['ftp://example.com/job.txt', 'BLOCKED_SCHEME'],
      ['file:///etc/passwd', 'BLOCKED_SCHEME'],
      ['not a url', 'INVALID_URL'],
    ]) {
      const res = await create(open, user, { url });
      expect(res.status, url).toBe(422);
      expect(res.body.error.code).toBe('INVALID_URL');
      expect(res.body.error.details.reason).toBe(reason);
    }
  });

  it('answers 422 UNPROCESSABLE for pages that fail, are not text, or have no visible text', async () => {
    const user = await open.signUp();
    const missing = await create(open, user, { url: `${origin}/missing` });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual({ code: 'FETCH_FAILED', status: 404 });
    const pdf = await create(open, user, { url: `${origin}/file.pdf` });
    expect(pdf.status).toBe(422);
    expect(pdf.body.error.details.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const blank = await create(open, user, { url: `${origin}/blank.html` });
    expect(blank.status).toBe(422);
    expect(blank.body.error.details.code).toBe('EMPTY_INPUT');
    const refused = await create(open, user, { url: 'http://127.0.0.1:1/' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.code).toBe('FETCH_FAILED');
    const em = open.services.orm.em.fork() as EntityManager;
    expect(await em.count(JobDescription, { owner: user.userId })).toBe(0);
  });
});

describe('listing, reading and deleting', () => {
  let user: User;
  const ids: string[] = [];
  beforeAll(async () => {
    user = await open.signUp();
    for (let i = 0; i < 5; i++) {
      const res = await create(open, user, { text: `${POSTING}\nPosting number ${i}` });
      ids.push(res.body.id);
    }
  });

  it('lists newest first with cursor pagination', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await open.request('GET', `/api/v1/job-descriptions?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
          token: user.token,
        });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const bad = await open.request('GET', '/api/v1/job-descriptions?cursor=nope', { token: user.token });
    expect(bad.status).toBe(400);
  });

  it("gets one by id; another user's or an unknown id is 404", async () => {
    const res = await open.request('GET', `/api/v1/job-descriptions/${ids[0]}`, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(ids[0]);
    const other = await open.signUp();
    expect(
      (await open.request('GET', `/api/v1/job-descriptions/${ids[0]}`, { token: other.token })).status,
    ).toBe(404);
    expect((await open.request('GET', '/api/v1/job-descriptions/nope', { token: user.token })).status).toBe(
      404,
    );
    const list = await open.request('GET', '/api/v1/job-descriptions', { token: other.token });
    expect(list.body).toEqual({ items: [], nextCursor: null });
  });

  it("deletes with 204 and an audit event; another user's is 404 and stays", async () => {
    const other = await open.signUp();
    const path = `/api/v1/job-descriptions/${ids[1]}`;
    expect((await open.request('DELETE', path, { token: other.token })).status).toBe(404);
    expect((await open.request('GET', path, { token: user.token })).status).toBe(200);
    expect((await open.request('DELETE', path, { token: user.token })).status).toBe(204);
    expect((await open.request('GET', path, { token: user.token })).status).toBe(404);
    expect((await open.request('DELETE', path, { token: user.token })).status).toBe(404);
    const em = open.services.orm.em.fork() as EntityManager;
    expect(await em.count(AuditEvent, { entityId: ids[1], action: 'job-description.delete' })).toBe(1);
  });
});
