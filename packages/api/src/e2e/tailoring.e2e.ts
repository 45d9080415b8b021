import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDocumentText } from '@dossier/plugins';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs } from '../queue/jobs.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { datasetsDir } from '../test-support/datasets.js';
import { launchBrowser } from '../test-support/launch-browser.js';

// The built web app, served by a real API on a fresh database, driven in Debian's Chromium; the in-process
// queue runs the import parser and the generation pipeline.
const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const RESUME = path.join(datasetsDir(), 'resumes/jsonresume-samples/senior-engineer.resume.json');
const JOB = readFileSync(path.join(REPO_ROOT, 'fixtures/pipeline/jobs/backend-engineer.txt'), 'utf8');
const NAME = 'Lena Vasquez';
const EMAIL = 'lena@example.test';
const PASSWORD = 'a long enough password';
// A word the generator would never write: it proves the edited version is what gets exported and shared.
const MARKER = 'Zephyrine';

let t: TestContext;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run \`npm run build\` first (npm test does).`);
  }
  t = await createTestContext({ DOSSIER_WEB_DIST: WEB_DIST });
  t.services.queue.process(createJobs(t.services), 2);
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('tailoring in the browser', () => {
  it('import a JSON Resume → tailor a CV → edit a bullet → export PDF → share link opened logged out', async () => {
    await page.goto(`${t.url}/signup`);
    await page.getByLabel('Name').fill(NAME);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: /New artifact/ }).waitFor();

    // Import: upload the file, wait for the parser's proposal, add everything it found.
    await page.goto(`${t.url}/import`);
    await page.getByLabel('Resume file').setInputFiles(RESUME);
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL((u) => u.pathname === '/import' && !!u.searchParams.get('id'));
    await page.getByRole('heading', { name: /Review what was found in/ }).waitFor();
    const selectAll = page.getByRole('checkbox', { name: 'Select all' });
    if (!(await selectAll.isChecked())) await selectAll.check();
    const proposed = await page.getByRole('checkbox', { name: /^Select (?!all$)/ }).count();
    expect(proposed).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Add selected' }).click();
    await page.getByRole('heading', { name: /^Added \d+ artifacts?$/ }).waitFor();

    const session = await t.request('POST', '/api/v1/auth/login', {
      body: { email: EMAIL, password: PASSWORD },
    });
    const token: string = session.body.accessToken;
    const artifacts = await t.request('GET', '/api/v1/artifacts', { token });
    expect(artifacts.status).toBe(200);
    expect(artifacts.body.items).toHaveLength(proposed);
    expect(artifacts.body.items.map((a: { title: string }) => a.title).join(' ')).toMatch(/Confluent/);

    // Tailor: paste the job description, a CV only, and follow the run to the end.
    await page.goto(`${t.url}/tailor`);
    await page.getByLabel('Job description', { exact: true }).fill(JOB);
    await page.getByRole('checkbox', { name: /^CV/ }).check();
    const letter = page.getByRole('checkbox', { name: /^Cover letter/ });
    if ((await letter.count()) > 0 && (await letter.isChecked())) await letter.uncheck();
    await page.getByRole('button', { name: 'Generate' }).click();

    const progress = page.getByTestId('generation-progress');
    await expect.poll(() => progress.count(), { timeout: 30_000 }).toBe(1);
    const stages = progress.getByRole('list', { name: 'CV stages' });
    for (const stage of ['Parse', 'Match', 'Generate', 'Ground', 'ATS check', 'Export']) {
      await stages.getByText(stage, { exact: true }).waitFor();
    }
    const open = progress.getByRole('button', { name: 'Open document' });
    await open.waitFor({ timeout: 90_000 });
    await expect(progress.getAttribute('data-status')).resolves.toBe('succeeded');
    await expect(progress.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    await open.click();
    await page.waitForURL((u) => /^\/documents\/[0-9a-f-]{36}$/.test(u.pathname));
    const documentId = new URL(page.url()).pathname.split('/').pop()!;

    const items = page.getByTestId('document-item');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('heading', { name: NAME }).first().waitFor();

    // Edit one bullet and save it as version 2.
    await page.getByRole('button', { name: 'Edit' }).click();
    const bullet = page.locator('textarea[id^="bullet-"]').first();
    await bullet.waitFor();
    const edited = `Coordinated the ${MARKER} replication rollout with the platform and storage teams`;
    await bullet.fill(edited);
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText(/Version 2 · edited by you/).waitFor();
    await page.getByText(edited).waitFor();

    const versions = await t.request('GET', `/api/v1/documents/${documentId}/versions`, { token });
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v: { number: number; author: string }) => [v.number, v.author])).toEqual(
      expect.arrayContaining([
        [1, 'generator'],
        [2, 'user'],
      ]),
    );
    const v2 = await t.request('GET', `/api/v1/documents/${documentId}/versions/2`, { token });
    expect(v2.status).toBe(200);
    expect(v2.body.author).toBe('user');
    expect(JSON.stringify(v2.body.content)).toContain(edited);

    // Another tab saves version 3 while this one edits from version 2: the save is refused, the edit stays on
    // screen until the user drops it for version 3.
    const elsewhere = await t.request('PATCH', `/api/v1/documents/${documentId}`, {
      token,
      body: {
        content: { ...v2.body.content, title: `${v2.body.content.title} (elsewhere)` },
        baseVersion: 2,
      },
    });
    expect(elsewhere.status).toBe(201);
    await page.getByRole('button', { name: 'Edit' }).click();
    await bullet.fill('A bullet that another tab overtook');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'changed somewhere else' });
    await conflict.getByText(/Version 3 of this document was saved/).waitFor();
    expect(await bullet.inputValue()).toBe('A bullet that another tab overtook');
    await conflict.getByRole('button', { name: 'Discard mine, show version 3' }).click();
    await page.getByText(/Version 3 · edited by you/).waitFor();
    await page.getByText(edited).waitFor();
    expect((await t.request('GET', `/api/v1/documents/${documentId}`, { token })).body.currentVersion).toBe(
      3,
    );

    // An edit left unsaved by a reload is kept in the browser and offered back; restored, it saves as usual.
    await page.getByRole('button', { name: 'Edit' }).click();
    const second = page.locator('textarea[id^="bullet-"]').nth(1);
    const kept = 'Wrote the runbook the on-call rotation still uses';
    await second.fill(kept);
    await expect
      .poll(() =>
        page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dossier.draft.')).length),
      )
      .toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.getByText(/You have unsaved changes from/).waitFor();
    await page.getByRole('button', { name: 'Restore my changes' }).click();
    expect(await second.inputValue()).toBe(kept);
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText(/Version 4 · edited by you/).waitFor();
    const v4 = await t.request('GET', `/api/v1/documents/${documentId}/versions/4`, { token });
    expect(JSON.stringify(v4.body.content)).toContain(kept);
    expect(JSON.stringify(v4.body.content)).toContain(edited);
    expect(
      await page.evaluate(
        () => Object.keys(localStorage).filter((k) => k.startsWith('dossier.draft.')).length,
      ),
    ).toBe(0);

    // Export the PDF from the browser and read the downloaded file's text.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = new Uint8Array(readFileSync(await download.path()));
    const { text } = await extractDocumentText(pdf, 'application/pdf');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(NAME);
    expect(flat).toContain(MARKER);

    // Share it, then open the link in a fresh context: no session, no local storage.
    await page.getByRole('button', { name: 'Create share link' }).click();
    const shareUrl = await page.getByLabel('Share link').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${t.url}/s/[^/]+$`));

    const outsider = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const shared = await outsider.newPage();
      shared.setDefaultTimeout(30_000);
      const answer = await shared.goto(shareUrl);
      expect(answer?.status()).toBe(200);
      await shared.getByText(NAME).first().waitFor();
      await shared.getByText(edited).waitFor();
      await expect(shared.evaluate(() => localStorage.length)).resolves.toBe(0);

      const sharedPdf = await outsider.request.get(`${shareUrl}/pdf`);
      expect(sharedPdf.status()).toBe(200);
      expect(sharedPdf.headers()['content-type']).toMatch(/^application\/pdf/);
      const sharedText = (await extractDocumentText(await sharedPdf.body(), 'application/pdf')).text;
      expect(sharedText.replace(/\s+/g, ' ')).toContain(MARKER);
    } finally {
      await outsider.close();
    }
  });
});
