import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceLink } from '../../db/entities/index.js';
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

/** Raw bytes: the test client decodes bodies as text, which would mangle PDF and DOCX. */
async function download(documentId: string, body: unknown, token = user.token) {
  const res = await fetch(`${t.url}/api/v1/export/${documentId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('POST /export/:documentId', () => {
  it('renders every format with its media type and an attachment name from the title', async () => {
    const doc = await createTestDocument(t, user, { artifacts, title: 'Ada Example — Backend / "Lumen" CV' });
    const expected = {
      pdf: ['application/pdf', 'pdf'],
      docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
      md: ['text/markdown', 'md'],
      html: ['text/html', 'html'],
      txt: ['text/plain', 'txt'],
      'json-resume': ['application/json', 'json'],
    } as const;
    for (const [format, [type, ext]] of Object.entries(expected)) {
      const res = await download(doc.id, { format });
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="Ada Example Backend Lumen CV.${ext}"`,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.bytes.length).toBeGreaterThan(0);
    }
    const pdf = await download(doc.id, { format: 'pdf' });
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docx = await download(doc.id, { format: 'docx' });
    expect(docx.bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const json = JSON.parse((await download(doc.id, { format: 'json-resume' })).bytes.toString('utf8'));
    expect(json.basics.name).toBe('Ada Example');
    const md = (await download(doc.id, { format: 'md' })).bytes.toString('utf8');
    expect(md).toContain('Payments ledger service');
    expect(md).toContain(artifacts.ledger.evidenceUrl);
  });

  it('logs the evidence in each file, and lists exports newest first', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    for (const format of ['pdf', 'md', 'txt']) expect((await download(doc.id, { format })).status).toBe(200);
    const res = await t.request('GET', `/api/v1/documents/${doc.id}/exports`, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { format: string }) => i.format)).toEqual(['txt', 'md', 'pdf']);
    for (const item of res.body.items) {
      expect(item).toEqual({
        id: expect.any(String),
        format: item.format,
        version: 1,
        evidenceIds: [artifacts.ledger.evidenceId],
        createdAt: expect.any(String),
      });
    }
  });

  it('reads link statuses from the evidence rows: broken links can be marked or omitted', async () => {
    const doc = await createTestDocument(t, user, { artifacts });
    const em = t.services.orm.em.fork();
    await em.nativeUpdate(EvidenceLink, { id: artifacts.ledger.evidenceId }, { status: 'broken' });
    try {
      const kept = (await download(doc.id, { format: 'md' })).bytes.toString('utf8');
      expect(kept).toContain(artifacts.ledger.evidenceUrl);
      expect(kept).not.toContain('link unavailable');
      const marked = (await download(doc.id, { format: 'md', brokenEvidence: 'mark' })).bytes.toString(
        'utf8',
      );
      expect(marked).toContain('(link unavailable)');
      const omitted = (await download(doc.id, { format: 'md', brokenEvidence: 'omit' })).bytes.toString(
        'utf8',
      );
      expect(omitted).not.toContain(artifacts.ledger.evidenceUrl);
      const logs = await t.request('GET', `/api/v1/documents/${doc.id}/exports`, { token: user.token });
      expect(logs.body.items[0].evidenceIds).toEqual([]);
      expect(logs.body.items[1].evidenceIds).toEqual([artifacts.ledger.evidenceId]);
    } finally {
      await em.nativeUpdate(EvidenceLink, { id: artifacts.ledger.evidenceId }, { status: 'unchecked' });
    }
  });

  it('exports a chosen version', async () => {
    const doc = await createTestDocument(t, user, { artifacts, withJobDescription: false });
    const content = structuredClone(doc.content);
    content.sections[0]!.items[0]!.title = 'Payments ledger service, second edition';
    const patched = await t.request('PATCH', `/api/v1/documents/${doc.id}`, {
      token: user.token,
      body: { content },
    });
    expect(patched.status).toBe(201);
    const v1 = (await download(doc.id, { format: 'txt', version: 1 })).bytes.toString('utf8');
    expect(v1).not.toContain('second edition');
    const current = (await download(doc.id, { format: 'txt' })).bytes.toString('utf8');
    expect(current).toContain('second edition');
    expect((await download(doc.id, { format: 'txt', version: 3 })).status).toBe(404);
    const logs = await t.request('GET', `/api/v1/documents/${doc.id}/exports`, { token: user.token });
    expect(logs.body.items.map((i: { version: number }) => i.version)).toEqual([2, 1]);
  });

  it('validates the request', async () => {
    const doc = await createTestDocument(t, user, { artifacts, withJobDescription: false });
    for (const body of [
      {},
      { format: 'rtf' },
      { format: 'pdf', version: 0 },
      { format: 'pdf', extra: 1 },
      { format: 'md', brokenEvidence: 'hide' },
    ]) {
      const res = await download(doc.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const letter = await createTestDocument(t, user, {
      artifacts,
      kind: 'cover-letter',
      withJobDescription: false,
    });
    const res = await t.request('POST', `/api/v1/export/${letter.id}`, {
      token: user.token,
      body: { format: 'json-resume' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNPROCESSABLE');
    expect((await download(letter.id, { format: 'pdf' })).status).toBe(200);
    expect((await download('00000000-0000-4000-8000-000000000000', { format: 'md' })).status).toBe(404);
  });
});

describe('feature flags', () => {
  let off: TestContext;
  beforeAll(async () => {
    off = await createTestContext({ DOSSIER_FEATURES: 'exportPdf=false,exportDocx=false' });
  });
  afterAll(() => off.close());

  it('answers 404 FEATURE_DISABLED for PDF and DOCX when they are off; other formats still work', async () => {
    const u = await off.signUp();
    const doc = await createTestDocument(off, u, { withJobDescription: false });
    for (const format of ['pdf', 'docx']) {
      const res = await off.request('POST', `/api/v1/export/${doc.id}`, { token: u.token, body: { format } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('FEATURE_DISABLED');
    }
    const md = await off.request('POST', `/api/v1/export/${doc.id}`, {
      token: u.token,
      body: { format: 'md' },
    });
    expect(md.status).toBe(200);
  });
});
