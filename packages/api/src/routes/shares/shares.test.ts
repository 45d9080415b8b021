import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, ShareLink } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import {
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

const share = (documentId: string, body: unknown = {}) =>
  t.request('POST', `/api/v1/documents/${documentId}/shares`, { token: user.token, body });

/** A logged-out visitor: no credentials at all. */
const visit = (path: string) => fetch(`${t.url}${path}`);

describe('POST /documents/:id/shares', () => {
  it('returns a one-time token and stores only its SHA-256', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const before = Date.now();
    const res = await share(doc.id, { expiresInDays: 7 });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.url).toBe(`/s/${res.body.token}`);
    const expires = new Date(res.body.expiresAt).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000 + 1000);
    const row = await t.services.orm.em.fork().findOneOrFail(ShareLink, { id: res.body.id });
    expect(row.tokenHash).toBe(createHash('sha256').update(res.body.token).digest('hex'));
    const raw = await t.services.orm.em
      .getConnection()
      .execute('select * from share_links where id = ?', [res.body.id]);
    expect(JSON.stringify(raw)).not.toContain(res.body.token);
    const audits = await t.services.orm.em
      .fork()
      .count(AuditEvent, { entityId: res.body.id, action: 'share.create' });
    expect(audits).toBe(1);
  });

  it('defaults to 30 days and validates the body', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const res = await share(doc.id);
    expect(res.status).toBe(201);
    const days = (new Date(res.body.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    for (const body of [
      { expiresInDays: 0 },
      { expiresInDays: 366 },
      { expiresInDays: 1.5 },
      { token: 'x' },
    ]) {
      expect((await share(doc.id, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await share(doc.id, { version: 2 })).status).toBe(404);
  });

  it('lists share links without tokens and revokes them', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const a = await share(doc.id, { version: 1 });
    const b = await share(doc.id);
    const list = await t.request('GET', `/api/v1/documents/${doc.id}/shares`, { token: user.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([b.body.id, a.body.id]);
    expect(list.body.items[1]).toEqual({
      id: a.body.id,
      version: 1,
      expiresAt: a.body.expiresAt,
      revokedAt: null,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(list.body)).not.toContain(a.body.token);
    const del = await t.request('DELETE', `/api/v1/documents/${doc.id}/shares/${a.body.id}`, {
      token: user.token,
    });
    expect(del.status).toBe(204);
    const again = await t.request('DELETE', `/api/v1/documents/${doc.id}/shares/${a.body.id}`, {
      token: user.token,
    });
    expect(again.status).toBe(204);
    const after = await t.request('GET', `/api/v1/documents/${doc.id}/shares`, { token: user.token });
    expect(after.body.items[1].revokedAt).toEqual(expect.any(String));
    const other = await createTestDocument(t, user, { artifacts });
    // A share id under the wrong document is not found.
    const wrong = await t.request('DELETE', `/api/v1/documents/${other.id}/shares/${b.body.id}`, {
      token: user.token,
    });
    expect(wrong.status).toBe(404);
  });
});

describe('GET /s/:token (public)', () => {
  it('renders the document as an escaped, print-friendly page without login', async () => {
    const doc = await createTestDocument(t, user, { artifacts, title: '<script>alert("owned")</script> CV' });
    const content = structuredClone(doc.content);
    content.sections[0]!.items[0]!.title = '<img src=x onerror=alert(1)>';
    const patched = await t.request('PATCH', `/api/v1/documents/${doc.id}`, {
      token: user.token,
      body: { content },
    });
    expect(patched.status).toBe(201);
    const { body } = await share(doc.id);
    const res = await visit(body.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Ada Example');
    expect(html).toContain('Shared with Dossier');
    expect(html).toContain(`href="/s/${body.token}/pdf"`);
    expect(html).toContain('Download PDF');
    expect(html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; CV');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain(artifacts.ledger.evidenceUrl);
  });

  it('serves the PDF download and logs it', async () => {
    const doc = await createTestDocument(t, user, { artifacts, title: 'Shared CV' });
    const { body } = await share(doc.id);
    const res = await visit(`${body.url}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Shared CV.pdf"');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const logs = await t.request('GET', `/api/v1/documents/${doc.id}/exports`, { token: user.token });
    expect(logs.body.items).toEqual([expect.objectContaining({ format: 'pdf', version: 1 })]);
  });

  it('follows the current version unless pinned to one', async () => {
    const doc = await createTestDocument(t, user, { artifacts, withJobDescription: false });
    const pinned = (await share(doc.id, { version: 1 })).body;
    const following = (await share(doc.id)).body;
    const content = structuredClone(doc.content);
    content.profile.name = 'Ada Q. Example';
    await t.request('PATCH', `/api/v1/documents/${doc.id}`, { token: user.token, body: { content } });
    expect(await (await visit(pinned.url)).text()).not.toContain('Ada Q. Example');
    expect(await (await visit(following.url)).text()).toContain('Ada Q. Example');
  });

  it('answers a 404 page for a revoked, expired or unknown link, and after the document is deleted', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const revoked = (await share(doc.id)).body;
    await t.request('DELETE', `/api/v1/documents/${doc.id}/shares/${revoked.id}`, { token: user.token });
    const expired = (await share(doc.id)).body;
    await t.services.orm.em
      .fork()
      .nativeUpdate(ShareLink, { id: expired.id }, { expiresAt: new Date(Date.now() - 1000) });
    const unknown = `/s/${'A'.repeat(43)}`;
    for (const path of [
      revoked.url,
      `${revoked.url}/pdf`,
      expired.url,
      `${expired.url}/pdf`,
      unknown,
      '/s/short',
    ]) {
      const res = await visit(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('Link not available');
    }
    const live = (await share(doc.id)).body;
    expect((await visit(live.url)).status).toBe(200);
    await t.request('DELETE', `/api/v1/documents/${doc.id}`, { token: user.token });
    expect((await visit(live.url)).status).toBe(404);
  });

  it('hides a document whose retention ran out before the purge reached it', async () => {
    const doc = await createTestDocument(t, user, { artifacts, expiresAt: new Date(Date.now() + 60_000) });
    const link = (await share(doc.id)).body;
    expect((await visit(link.url)).status).toBe(200);
    await t.services.orm.em
      .fork()
      .getConnection()
      .execute(`update documents set expires_at = now() - interval '1 minute' where id = ?`, [doc.id]);
    expect((await visit(link.url)).status).toBe(404);
  });
});

describe('public share limits and flags', () => {
  let small: TestContext;
  beforeAll(async () => {
    const web = mkdtempSync(path.join(tmpdir(), 'dossier-web-'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>SPA</title>');
    small = await createTestContext({ DOSSIER_FEATURES: 'exportPdf=false', DOSSIER_WEB_DIST: web });
  });
  afterAll(() => small.close());

  it('limits views per address, hides the PDF link when PDF export is off, and is not the SPA', async () => {
    const u = await small.signUp();
    const doc = await createTestDocument(small, u, { withJobDescription: false });
    const created = await small.request('POST', `/api/v1/documents/${doc.id}/shares`, {
      token: u.token,
      body: {},
    });
    const page = await fetch(`${small.url}${created.body.url}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('Download PDF');
    expect((await fetch(`${small.url}${created.body.url}/pdf`)).status).toBe(404);
    // The SPA's client-side fallback never answers for /s/…, and still answers for its own routes.
    const unknown = await fetch(`${small.url}/s/${'B'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Link not available');
    expect(await (await fetch(`${small.url}/documents`)).text()).toContain('<title>SPA</title>');
    // Three requests so far (the page, the PDF and the unknown link); spend all but one of this address's hourly budget.
    const { SHARED_PAGE_LIMIT_PER_HOUR } = await import('../../http/serve-shared-document.js');
    for (let used = 3; used < SHARED_PAGE_LIMIT_PER_HOUR - 1; used++) {
      await small.services.rateLimiter.consume('share:ip:127.0.0.1', SHARED_PAGE_LIMIT_PER_HOUR, 3600);
    }
    expect((await fetch(`${small.url}${created.body.url}`)).status).toBe(200);
    const limited = await fetch(`${small.url}${created.body.url}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toContain('text/html');
  });
});
