import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toArtifactCreate } from '../../commands/commit-import.js';
import { readZipDirectory } from '../../commands/read-zip-directory.js';
import { AuditEvent, ImportJob } from '../../db/entities/index.js';
import { parseMultipart } from '../../http/read-multipart.js';
import { createParseImportJob } from '../../queue/jobs/parse-import.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import { datasetsDir } from '../../test-support/datasets.js';

let t: TestContext;
let user: Awaited<ReturnType<TestContext['signUp']>>;

const resumes = () => path.join(datasetsDir(), 'resumes');
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

beforeAll(async () => {
  t = await createTestContext();
  // The API process runs the in-process queue; the test context does not start workers by itself.
  t.services.queue.process([createParseImportJob(t.services)], 2);
  user = await t.signUp();
});
afterAll(() => t.close());

async function upload(
  filename: string,
  bytes: Uint8Array | string,
  opts: { type?: string; token?: string; field?: string; path?: string } = {},
) {
  const form = new FormData();
  form.append(opts.field ?? 'file', new Blob([bytes], { type: opts.type ?? '' }), filename);
  const res = await fetch(`${t.url}${opts.path ?? '/api/v1/artifacts/import'}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token ?? user.token}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function waitFor(id: string, token = user.token, done = ['ready', 'failed']) {
  const end = Date.now() + 10_000;
  for (;;) {
    const res = await t.request('GET', `/api/v1/imports/${id}`, { token });
    if (res.status !== 200) throw new Error(`GET import ${res.status}: ${JSON.stringify(res.body)}`);
    if (done.includes(res.body.status)) return res.body;
    if (Date.now() > end) throw new Error(`import ${id} still ${res.body.status} after 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const commit = (id: string, body: unknown, token = user.token) =>
  t.request('POST', `/api/v1/imports/${id}/commit`, { token, body });

async function markdownImport(markdown: string, token = user.token) {
  const res = await t.request('POST', '/api/v1/artifacts/import', { token, body: { markdown } });
  expect(res.status).toBe(202);
  return res.body.id as string;
}

const MARKDOWN = `# Ada Lovelace
ada@example.test · https://ada.example.test

## Experience

### Staff Engineer — Analytical Engines Ltd (2021–2023)
Built the [difference engine scheduler](https://github.com/ada/scheduler) in Rust and PostgreSQL.
- Cut batch run time from 4 hours to 20 minutes
- Mentored 5 engineers

## Projects

### Note G (2019)
- Published the first algorithm for the engine: https://example.test/note-g
`;

describe('POST /artifacts/import (JSON Resume, multipart) → commit', () => {
  let id: string;
  let proposal: { artifacts: Array<{ index: number; title: string; evidence: Array<{ url: string }> }> };

  it('answers 202 with the import id and Location, then parses in the background', async () => {
    const file = readFileSync(path.join(resumes(), 'jsonresume-samples/senior-engineer.resume.json'));
    const res = await upload('senior-engineer.resume.json', file, { type: 'application/json' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    expect(res.headers.get('location')).toBe(`/api/v1/imports/${res.body.id}`);
    id = res.body.id;
    const ready = await waitFor(id);
    expect(ready.status).toBe('ready');
    expect(ready.error).toBeNull();
    expect(ready.filename).toBe('senior-engineer.resume.json');
    expect(ready.mediaType).toBe('application/json');
    expect(ready.proposal.profile.name).toBe('Dr. Lena Vasquez');
    expect(ready.proposal.artifacts.length).toBeGreaterThan(3);
    expect(ready.proposal.artifacts[0].index).toBe(0);
    const urls = ready.proposal.artifacts.flatMap((a: { evidence: Array<{ url: string }> }) =>
      a.evidence.map((e) => e.url),
    );
    expect(urls).toEqual(expect.arrayContaining(['https://github.com/lvasquez/raft-lab']));
    expect(ready).not.toHaveProperty('payload');
    expect(ready).not.toHaveProperty('owner');
    proposal = ready.proposal;
    // The file is not kept once it has been parsed.
    const row = await t.services.orm.em.fork().findOneOrFail(ImportJob, { id });
    expect(row.payload).toBeNull();
  });

  it('commits every proposed artifact with its evidence, in one go', async () => {
    const res = await commit(id, { artifacts: 'all' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.artifactIds).toHaveLength(proposal.artifacts.length);
    expect(Array.isArray(res.body.notes)).toBe(true);
    const list = await t.request('GET', '/api/v1/artifacts?limit=100', { token: user.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id).sort()).toEqual([...res.body.artifactIds].sort());
    const withRepo = list.body.items.find((a: { evidence: Array<{ url: string }> }) =>
      a.evidence.some((e) => e.url === 'https://github.com/lvasquez/raft-lab'),
    );
    expect(withRepo).toBeDefined();
    expect(withRepo.evidence[0]).toMatchObject({ kind: 'repo', status: 'unchecked' });
    for (const a of list.body.items) expect(a.summary.length).toBeGreaterThan(0);
    const confluent = list.body.items.find((a: { title: string }) => a.title.includes('Confluent'));
    expect(confluent).toMatchObject({
      role: 'Staff Software Engineer',
      startDate: '2020-02-01',
      endDate: null,
    });
    expect(confluent.outcomes.length).toBeGreaterThan(0);
    const got = await t.request('GET', `/api/v1/imports/${id}`, { token: user.token });
    expect(got.body.status).toBe('committed');
    const em = t.services.orm.em.fork();
    expect(await em.count(AuditEvent, { entityId: id, action: 'import.commit' })).toBe(1);
    expect(await em.count(AuditEvent, { action: 'artifact.create', actorId: user.userId })).toBe(
      res.body.artifactIds.length,
    );
  });

  it('refuses a second commit with 409 and creates nothing more', async () => {
    const before = await t.request('GET', '/api/v1/artifacts?limit=100', { token: user.token });
    const again = await commit(id, { artifacts: 'all' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const after = await t.request('GET', '/api/v1/artifacts?limit=100', { token: user.token });
    expect(after.body.items).toHaveLength(before.body.items.length);
    const discard = await t.request('POST', `/api/v1/imports/${id}/discard`, { token: user.token });
    expect(discard.status).toBe(409);
  });

  it('lists the import among the recent ones, without the proposal', async () => {
    const res = await t.request('GET', '/api/v1/imports', { token: user.token });
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ status: 'committed', filename: 'senior-engineer.resume.json' });
    expect(item).not.toHaveProperty('proposal');
  });
});

describe('JSON body alternative', () => {
  it('imports Markdown and commits the chosen artifacts with labels', async () => {
    const label = await t.request('POST', '/api/v1/labels', {
      token: user.token,
      body: { name: 'Imported' },
    });
    const id = await markdownImport(MARKDOWN);
    const ready = await waitFor(id);
    expect(ready.status, JSON.stringify(ready.error)).toBe('ready');
    expect(ready.filename).toBe('resume.md');
    expect(ready.proposal.artifacts.length).toBeGreaterThanOrEqual(2);
    const staff = ready.proposal.artifacts.find((a: { title: string }) => a.title.includes('Staff Engineer'));
    expect(staff.evidence.map((e: { url: string }) => e.url)).toContain('https://github.com/ada/scheduler');
    const res = await commit(id, { artifacts: [staff.index], labelIds: [label.body.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.artifactIds).toHaveLength(1);
    const art = await t.request('GET', `/api/v1/artifacts/${res.body.artifactIds[0]}`, { token: user.token });
    expect(art.body.labels.map((l: { id: string }) => l.id)).toEqual([label.body.id]);
    expect(art.body.evidence.map((e: { url: string }) => e.url)).toContain(
      'https://github.com/ada/scheduler',
    );
    expect(art.body.startDate).toBe('2021-01-01');
  });

  it('imports a JSON Resume object', async () => {
    const res = await t.request('POST', '/api/v1/artifacts/import', {
      token: user.token,
      body: {
        jsonResume: {
          basics: { name: 'Grace Hopper' },
          projects: [{ name: 'COBOL', startDate: '1959-05-01', url: 'https://example.test/cobol' }],
        },
      },
    });
    expect(res.status).toBe(202);
    const ready = await waitFor(res.body.id);
    expect(ready.status).toBe('ready');
    expect(ready.proposal.artifacts).toHaveLength(1);
    expect(ready.proposal.artifacts[0].title).toBe('COBOL');
  });

  it('imports a file whose text carries NUL characters, without them (PostgreSQL stores none)', async () => {
    const file = JSON.stringify({
      basics: { name: 'Grace\u0000 Hopper' },
      projects: [{ name: 'CO\u0000BOL', startDate: '1959-05-01', highlights: ['First\u0000 compiler'] }],
    });
    expect(file).toContain('\\u0000');
    const res = await upload('grace.resume.json', file, { type: 'application/json' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const ready = await waitFor(res.body.id);
    expect(ready.status, JSON.stringify(ready.error)).toBe('ready');
    expect(ready.proposal.profile.name).toBe('Grace Hopper');
    expect(ready.proposal.artifacts[0].title).toBe('COBOL');
    expect(JSON.stringify(ready.proposal)).not.toContain('\\u0000');
    // The same as a JSON body is refused up front, naming the fields.
    const body = await t.request('POST', '/api/v1/artifacts/import', {
      token: user.token,
      body: { jsonResume: JSON.parse(file) },
    });
    expect(body.status).toBe(400);
    expect(body.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.jsonResume.basics.name',
      'body.jsonResume.projects.0.name',
      'body.jsonResume.projects.0.highlights.0',
    ]);
  });

  it('records a JSON Resume the parser refuses as failed, with its code', async () => {
    const res = await t.request('POST', '/api/v1/artifacts/import', {
      token: user.token,
      body: { jsonResume: { basics: { name: 'X' }, work: 'not a list' } },
    });
    expect(res.status).toBe(202);
    const failed = await waitFor(res.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('INVALID_JSON_RESUME');
    expect(failed.error.message).toContain('work');
    expect(failed.proposal).toBeNull();
    const c = await commit(res.body.id, { artifacts: 'all' });
    expect(c.status).toBe(409);
  });

  it('validates the body strictly', async () => {
    for (const body of [
      {},
      { markdown: '' },
      { markdown: 'x', jsonResume: {} },
      { jsonResume: 'text' },
      { jsonResume: [] },
      { jsonResume: {}, ownerId: user.userId },
    ]) {
      const res = await t.request('POST', '/api/v1/artifacts/import', { token: user.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

interface ExportedArtifact {
  title: string;
  summary: string;
  role: string | null;
  startDate: string;
  endDate: string | null;
  technologies: string[];
  collaborators: string[];
  outcomes: string[];
  visibility: string;
  skills: Array<{ id: string }>;
  evidence: Array<{ url: string; title: string | null; kind: string }>;
  labels: Array<{ name: string }>;
}

describe('restoring a Dossier export', () => {
  const byName = (pairs: Array<[string, unknown]>) => [...pairs].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  // What the owner's account holds, as the API shows it, without what Dossier computes or assigns.
  const portfolioOf = async (token: string) => {
    const exported = await t.request('GET', '/api/v1/portfolio/export', { token });
    expect(exported.status).toBe(200);
    const labels = new Map(
      exported.body.labels.map(
        (l: { name: string; description: string | null; colour: string; skillFocus: string[] }) => [
          l.name,
          { description: l.description, colour: l.colour, skillFocus: l.skillFocus },
        ],
      ),
    );
    return {
      body: exported.body,
      artifacts: exported.body.artifacts
        .map((a: ExportedArtifact) => ({
          title: a.title,
          summary: a.summary,
          role: a.role,
          startDate: a.startDate,
          endDate: a.endDate,
          technologies: a.technologies,
          collaborators: a.collaborators,
          outcomes: a.outcomes,
          visibility: a.visibility,
          skills: a.skills.map((s: { id: string }) => s.id).sort(),
          evidence: a.evidence.map((e: { url: string; title: string | null; kind: string }) => [
            e.url,
            e.title,
            e.kind,
          ]),
          labels: byName(a.labels.map((l: { name: string }) => [l.name, labels.get(l.name)])),
        }))
        .sort((x: { title: string }, y: { title: string }) => x.title.localeCompare(y.title)),
    };
  };

  async function seedSource() {
    const source = await t.signUp();
    const label = async (body: object) =>
      (await t.request('POST', '/api/v1/labels', { token: source.token, body })).body.id as string;
    const backend = await label({
      name: 'Backend',
      colour: '#0f766e',
      description: 'Server work',
      skillFocus: ['go'],
    });
    const writing = await label({ name: 'Writing' });
    const artifact = (body: object) => t.request('POST', '/api/v1/artifacts', { token: source.token, body });
    expect(
      (
        await artifact({
          title: 'Ledger service <v2>',
          summary: 'Rebuilt the ledger in Go; DROP TABLE-looking text stays text.',
          role: 'Lead',
          technologies: ['Go', 'k8s'],
          collaborators: ['Ines'],
          outcomes: ['Cut reconciliation from 2 days to 4 hours'],
          startDate: '2023-01-01',
          endDate: '2024-06-30',
          visibility: 'public',
          evidence: [
            { url: 'https://github.com/source/ledger', title: 'Repository' },
            { url: 'https://example.com/ledger-talk' },
          ],
          labelIds: [backend, writing],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await artifact({
          title: 'Essay on consistency',
          summary: 'Wrote about exactly-once delivery.',
          technologies: [],
          startDate: '2022-05-01',
          evidence: [],
          labelIds: [writing],
        })
      ).status,
    ).toBe(201);
    return source;
  }

  it('an uploaded portfolio export comes back whole in another account: fields, visibility, evidence, labels', async () => {
    const source = await seedSource();
    const before = await portfolioOf(source.token);
    const target = await t.signUp();
    // The target already has a "backend" label: it is reused, not duplicated.
    const own = await t.request('POST', '/api/v1/labels', {
      token: target.token,
      body: { name: 'backend', colour: '#123456' },
    });
    const res = await upload('dossier-portfolio.json', JSON.stringify(before.body), {
      type: 'application/json',
      token: target.token,
    });
    expect(res.status).toBe(202);
    const ready = await waitFor(res.body.id, target.token);
    expect(ready.status).toBe('ready');
    expect(ready.mediaType).toBe('application/vnd.dossier.portfolio+json');
    const ledger = ready.proposal.artifacts.find((a: { title: string }) => a.title === 'Ledger service <v2>');
    expect(ledger).toMatchObject({ labels: ['Backend', 'Writing'], visibility: 'public' });
    const done = await commit(res.body.id, { artifacts: 'all' }, target.token);
    expect(done.status).toBe(201);
    expect(done.body.artifactIds).toHaveLength(2);

    const after = await portfolioOf(target.token);
    const expected = before.artifacts.map((a: { labels: Array<[string, unknown]> }) => ({
      ...a,
      // The target's own "backend" label keeps its name and look; "Writing" is created as the export describes it.
      labels: byName(
        a.labels.map(([name, look]: [string, unknown]) =>
          name === 'Backend'
            ? ['backend', { description: null, colour: '#123456', skillFocus: [] }]
            : [name, look],
        ),
      ),
    }));
    expect(after.artifacts).toEqual(expected);
    const labels = await t.request('GET', '/api/v1/labels', { token: target.token });
    expect(labels.body.items.map((l: { name: string }) => l.name).sort()).toEqual(['Writing', 'backend']);
    expect(labels.body.items.find((l: { name: string }) => l.name === 'backend').id).toBe(own.body.id);
    // Restored links are checked again by this instance, from scratch.
    const listed = await t.request('GET', '/api/v1/artifacts', { token: target.token });
    for (const a of listed.body.items) {
      for (const e of a.evidence) expect(e.status).toBe('unchecked');
    }
    // The same export again: the review names what is already there (same title, same start date).
    const again = await t.request('POST', '/api/v1/artifacts/import', {
      token: target.token,
      body: { portfolio: before.body },
    });
    const second = await waitFor(again.body.id, target.token);
    const byTitle = new Map(listed.body.items.map((a: { id: string; title: string }) => [a.title, a.id]));
    expect(
      second.proposal.artifacts.map((a: { title: string; existingArtifactId: string | null }) => [
        a.existingArtifactId,
        byTitle.get(a.title),
      ]),
    ).toEqual([
      [expect.any(String), expect.any(String)],
      [expect.any(String), expect.any(String)],
    ]);
    for (const a of second.proposal.artifacts) expect(a.existingArtifactId).toBe(byTitle.get(a.title));
    // Another account has none of them.
    const elsewhere = await t.request('POST', '/api/v1/artifacts/import', {
      token: user.token,
      body: { portfolio: before.body },
    });
    const fresh = await waitFor(elsewhere.body.id);
    expect(
      fresh.proposal.artifacts.map((a: { existingArtifactId: string | null }) => a.existingArtifactId),
    ).toEqual([null, null]);
  });

  it('restores the portfolio inside an account export, sent as the JSON body', async () => {
    const source = await seedSource();
    const before = await portfolioOf(source.token);
    const account = await t.request('GET', '/api/v1/account/export', { token: source.token });
    expect(account.status).toBe(200);
    const target = await t.signUp();
    const res = await t.request('POST', '/api/v1/artifacts/import', {
      token: target.token,
      body: { portfolio: account.body },
    });
    expect(res.status).toBe(202);
    const ready = await waitFor(res.body.id, target.token);
    expect(ready.status).toBe('ready');
    // Only the essay is chosen: only its label is created.
    const essay = ready.proposal.artifacts.find((a: { title: string }) => a.title === 'Essay on consistency');
    expect((await commit(res.body.id, { artifacts: [essay.index] }, target.token)).status).toBe(201);
    const after = await portfolioOf(target.token);
    expect(after.artifacts).toEqual(
      before.artifacts.filter((a: { title: string }) => a.title === 'Essay on consistency'),
    );
    const labels = await t.request('GET', '/api/v1/labels', { token: target.token });
    expect(labels.body.items.map((l: { name: string }) => l.name)).toEqual(['Writing']);
  });

  it('records an export it cannot restore as failed, naming what is wrong', async () => {
    const bad = await t.request('POST', '/api/v1/artifacts/import', {
      body: { portfolio: { format: 'dossier-portfolio', version: 9, artifacts: [{ title: 7 }] } },
      token: user.token,
    });
    expect(bad.status).toBe(202);
    const failed = await waitFor(bad.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('INVALID_PORTFOLIO');
    expect(failed.error.message).toMatch(/version/);
    expect(failed.error.message).toMatch(/artifacts\.0\.title/);
  });
});

describe('uploaded files', () => {
  it('parses a PDF resume', async () => {
    const pdf = readFileSync(path.join(resumes(), 'rendercv/John_Doe_ClassicTheme_CV.pdf'));
    const res = await upload('John_Doe_ClassicTheme_CV.pdf', pdf, { type: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const ready = await waitFor(res.body.id);
    expect(ready.status, JSON.stringify(ready.error)).toBe('ready');
    expect(ready.mediaType).toBe('application/pdf');
    expect(ready.proposal.profile.name).toContain('John Doe');
    expect(ready.proposal.artifacts.length).toBeGreaterThan(0);
  });

  it('decides by the bytes, not the name: a PDF named .txt is still a PDF', async () => {
    const pdf = readFileSync(path.join(resumes(), 'rendercv/John_Doe_HarvardTheme_CV.pdf'));
    const res = await upload('cv.txt', pdf, { type: 'text/plain' });
    expect(res.status).toBe(202);
    const ready = await waitFor(res.body.id);
    expect(ready.mediaType).toBe('application/pdf');
  });

  it('parses a small Word document', async () => {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    zip.file(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    );
    const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${[
        'Alan Turing',
        'Experience',
        'Cryptanalyst — Bletchley Park (1939–1945)',
        'Designed the bombe with Gordon Welchman',
      ]
        .map(para)
        .join('')}</w:body></w:document>`,
    );
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const res = await upload('turing.docx', bytes, { type: DOCX_TYPE });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const done = await waitFor(res.body.id);
    expect(done.mediaType).toBe(DOCX_TYPE);
    expect(done.status, JSON.stringify(done.error)).toBe('ready');
  });

  it('refuses a file over 10 MB with 413', async () => {
    const big = new Uint8Array(11 * 1024 * 1024).fill(0x61);
    const res = await upload('big.md', big, { type: 'text/markdown' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('stops reading a streamed (chunked) upload past the limit with 413', async () => {
    const boundary = 'xBOUNDARYx';
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.md"\r\n\r\n`,
    );
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent >= 12) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${t.url}/api/v1/artifacts/import`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${user.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an image with 415, naming what is accepted', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const res = await upload('photo.png', png, { type: 'image/png' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toMatch(/PDF.*DOCX|Word/);
    expect(res.body.error.details.accepted).toContain('application/pdf');
    const renamed = await upload('photo.md', png, { type: 'text/markdown' });
    expect(renamed.status).toBe(415);
  });

  it('refuses a text file renamed .pdf (no %PDF- signature) with 415', async () => {
    const res = await upload('cv.pdf', 'Just some text pretending to be a PDF', { type: 'application/pdf' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toContain('%PDF-');
  });

  it('refuses JSON that is not an object, binary or empty files, and a zip that is not a Word document', async () => {
    for (const [name, body] of [
      ['cv.json', '[1, 2, 3]'],
      ['cv.json', '{"basics": '],
    ] as const) {
      const res = await upload(name, body, { type: 'application/json' });
      expect(res.status, body).toBe(415);
    }
    const empty = await upload('cv.md', '', { type: 'text/markdown' });
    expect(empty.status).toBe(422);
    const binary = await upload('blob', new Uint8Array([0xc3, 0x28, 0x00, 0xff]), {
      type: 'application/octet-stream',
    });
    expect(binary.status).toBe(415);
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    const xlsx = await zip.generateAsync({ type: 'uint8array' });
    const res = await upload('sheet.docx', xlsx, { type: DOCX_TYPE });
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('word/document.xml');
  });

  it('refuses a DOCX zip bomb with 422 ZIP_BOMB before inflating it', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', new Uint8Array(60 * 1024 * 1024));
    const bomb = await zip.generateAsync({
      type: 'uint8array',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const res = await upload('bomb.docx', bomb, { type: DOCX_TYPE });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ZIP_BOMB');
    expect(res.body.error.details.uncompressedBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await t.services.orm.em.fork().count(ImportJob, { filename: 'bomb.docx' })).toBe(0);
  });

  it('answers 400 for a malformed form: no file part, another field, a missing boundary', async () => {
    const other = await upload('cv.md', '# x', { field: 'document' });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('VALIDATION_FAILED');
    const noBoundary = await t.request('POST', '/api/v1/artifacts/import', {
      token: user.token,
      rawBody: 'whatever',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(noBoundary.status).toBe(400);
    const truncated = await t.request('POST', '/api/v1/artifacts/import', {
      token: user.token,
      rawBody: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\n\r\n# cut off',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(truncated.status).toBe(400);
  });

  it('still refuses multipart bodies on routes that do not take uploads', async () => {
    const res = await upload('cv.md', '# x', { path: '/api/v1/artifacts' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('ownership and lifecycle', () => {
  it("hides another user's import (404 on read, commit and discard)", async () => {
    const id = await markdownImport(MARKDOWN);
    await waitFor(id);
    const other = await t.signUp();
    for (const [method, p, body] of [
      ['GET', `/api/v1/imports/${id}`, undefined],
      ['POST', `/api/v1/imports/${id}/commit`, { artifacts: 'all' }],
      ['POST', `/api/v1/imports/${id}/discard`, undefined],
    ] as const) {
      const res = await t.request(method, p, { token: other.token, body });
      expect(res.status, `${method} ${p}`).toBe(404);
    }
    const list = await t.request('GET', '/api/v1/imports', { token: other.token });
    expect(list.body.items).toEqual([]);
    const mine = await t.request('GET', `/api/v1/imports/${id}`, { token: user.token });
    expect(mine.body.status).toBe('ready');
  });

  it('discards: 204, proposal and file gone, then commit is 409 and discard again is 204', async () => {
    const id = await markdownImport(MARKDOWN);
    await waitFor(id);
    const res = await t.request('POST', `/api/v1/imports/${id}/discard`, { token: user.token });
    expect(res.status).toBe(204);
    const got = await t.request('GET', `/api/v1/imports/${id}`, { token: user.token });
    expect(got.body).toMatchObject({ status: 'discarded', proposal: null });
    expect((await commit(id, { artifacts: 'all' })).status).toBe(409);
    const again = await t.request('POST', `/api/v1/imports/${id}/discard`, { token: user.token });
    expect(again.status).toBe(204);
  });

  it('validates the commit body: unknown index, empty list, unknown field, foreign label', async () => {
    const id = await markdownImport(MARKDOWN);
    await waitFor(id);
    const bad = await commit(id, { artifacts: [0, 99] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.artifacts.1');
    expect((await commit(id, { artifacts: [] })).status).toBe(400);
    expect((await commit(id, { artifacts: 'all', status: 'committed' })).status).toBe(400);
    const other = await t.signUp();
    const foreign = await t.request('POST', '/api/v1/labels', {
      token: other.token,
      body: { name: 'Theirs' },
    });
    const res = await commit(id, { artifacts: 'all', labelIds: [foreign.body.id] });
    expect(res.status).toBe(404);
    // Nothing was half-created: the transaction rolled back and the import can still be committed.
    const ok = await commit(id, { artifacts: 'all' });
    expect(ok.status).toBe(201);
  });

  it('pages through recent imports with a cursor', async () => {
    const someone = await t.signUp();
    for (let i = 0; i < 3; i += 1)
      await markdownImport(`# Person ${i}\n\n## Projects\n\n### P${i} (2020)\n- x`, someone.token);
    const first = await t.request('GET', '/api/v1/imports?limit=2', { token: someone.token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await t.request('GET', `/api/v1/imports?limit=2&cursor=${first.body.nextCursor}`, {
      token: someone.token,
    });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const bad = await t.request('GET', '/api/v1/imports?cursor=nope', { token: someone.token });
    expect(bad.status).toBe(400);
  });
});

describe('mapping and parsing helpers', () => {
  it('maps a proposed artifact: summary fallback, dates, invalid evidence left out with a note', () => {
    const notes: Array<{ artifact: number; message: string }> = [];
    const input = toArtifactCreate(
      {
        id: 'x',
        title: 'Search revamp',
        summary: '',
        role: 'Lead',
        organization: 'Acme',
        startDate: '2022',
        endDate: '2021-05',
        technologies: ['Go', 'go', ' '],
        skills: [],
        collaborators: [],
        outcomes: ['Doubled click-through'],
        evidence: [
          { id: 'e1', url: 'javascript:alert(1)', title: null, kind: 'other', status: 'unchecked' },
          {
            id: 'e2',
            url: 'https://github.com/acme/search',
            title: 'Repo',
            kind: 'repo',
            status: 'unchecked',
          },
          { id: 'e3', url: 'https://github.com/acme/search', title: null, kind: 'repo', status: 'unchecked' },
        ],
        labels: [],
      },
      3,
      [],
      notes,
    );
    expect(input).toMatchObject({
      title: 'Search revamp',
      summary: 'Doubled click-through',
      role: 'Lead at Acme',
      startDate: '2022-01-01',
      endDate: null,
      technologies: ['Go'],
      evidence: [{ url: 'https://github.com/acme/search', title: 'Repo', kind: 'repo' }],
    });
    expect(notes.map((n) => n.artifact)).toEqual([3, 3]);
    expect(notes.map((n) => n.message).join(' ')).toMatch(/end date.*javascript:/s);
  });

  it('splits multipart bodies with preamble, quoted names and RFC 5987 filenames', () => {
    const body = Buffer.from(
      'preamble\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.md"; filename*=UTF-8\'\'na%C3%AFve.md\r\nContent-Type: text/markdown\r\n\r\n# hi\r\n--b \r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--b--\r\n',
    );
    const form = parseMultipart(body, 'b');
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({
      field: 'file',
      filename: 'naïve.md',
      contentType: 'text/markdown',
    });
    expect(form.files[0]!.bytes.toString()).toBe('# hi');
    expect(form.fields).toEqual({ note: 'x' });
  });

  it('reads a zip directory without inflating, and refuses what is not a zip', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'x'.repeat(1000));
    zip.file('b/c.xml', '<c/>');
    const dir = readZipDirectory(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(dir?.entries.map((e) => e.name).sort()).toEqual(['a.txt', 'b/', 'b/c.xml']);
    expect(dir?.uncompressedSize).toBe(1004);
    expect(
      readZipDirectory(new TextEncoder().encode('PK\u0003\u0004 not really a zip at all, no')),
    ).toBeNull();
  });
});

describe('artifactUpload disabled', () => {
  let off: TestContext;
  beforeAll(async () => {
    off = await createTestContext({ DOSSIER_FEATURES: 'artifactUpload=false' });
  });
  afterAll(() => off.close());

  it('answers 404 FEATURE_DISABLED on every import route', async () => {
    const u = await off.signUp();
    const res = await off.request('POST', '/api/v1/artifacts/import', {
      token: u.token,
      body: { markdown: '# x' },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('FEATURE_DISABLED');
    const list = await off.request('GET', '/api/v1/imports', { token: u.token });
    expect(list.body.error.code).toBe('FEATURE_DISABLED');
    const form = new FormData();
    form.append('file', new Blob(['# x']), 'cv.md');
    const multi = await fetch(`${off.url}/api/v1/artifacts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${u.token}` },
      body: form,
    });
    expect(multi.status).toBe(404);
  });
});
