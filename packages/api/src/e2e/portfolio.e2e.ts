import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParseImportJob } from '../queue/jobs/parse-import.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { createTestDocument } from '../test-support/create-test-document.js';
import { launchBrowser } from '../test-support/launch-browser.js';

// The built web app, served by a real API on a fresh database, driven in Debian's Chromium.
const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

let t: TestContext;
let browser: Browser;
let page: Page;
/** The Dossier JSON the first test downloads from the portfolio page. */
let exportedFile: string;
let downloads: string | undefined;

beforeAll(async () => {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run \`npm run build\` first (npm test does).`);
  }
  t = await createTestContext({ DOSSIER_WEB_DIST: WEB_DIST });
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

async function newTab(context: BrowserContext): Promise<Page> {
  const tab = await context.newPage();
  tab.setDefaultTimeout(30_000);
  return tab;
}

async function logIn(tab: Page, who: { email: string; password: string }) {
  await tab.goto(`${t.url}/login`);
  await tab.getByLabel('Email').fill(who.email);
  await tab.getByLabel('Password', { exact: true }).fill(who.password);
  await tab.getByRole('button', { name: /Log in/ }).click();
  await tab.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Uploads a file on the import page and ticks every proposed artifact, ready to be added. */
async function importEverything(tab: Page, file: string) {
  await tab.goto(`${t.url}/import`);
  await tab.getByLabel('Resume file').setInputFiles(file);
  await tab.getByRole('button', { name: 'Upload' }).click();
  await tab.getByRole('heading', { name: /Review what was found in/ }).waitFor();
  const selectAll = tab.getByRole('checkbox', { name: 'Select all' });
  if (!(await selectAll.isChecked())) await selectAll.check();
}

describe('portfolio curation in the browser', () => {
  it('sign up → artifact with two evidence links and a label → filter → export', async () => {
    await page.goto(`${t.url}/signup`);
    await page.getByLabel('Name').fill('Robin Tester');
    await page.getByLabel('Email').fill('robin@example.test');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: /New artifact/ }).waitFor();

    // The labels load slowly this once: what is typed into the new-label form meanwhile must stay there.
    let release!: () => void;
    const listed = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(
      '**/api/v1/labels',
      async (route) => {
        await listed;
        await route.continue();
      },
      { times: 1 },
    );
    await page.goto(`${t.url}/labels`);
    await page.getByLabel('Name').fill('Backend');
    release();
    await page.getByText('No labels yet').waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('Backend');
    await page.getByRole('button', { name: 'Create label' }).click();
    await page.getByRole('button', { name: 'Edit label Backend' }).waitFor();

    await page.goto(`${t.url}/artifacts/new`);
    await page.getByLabel('Title').fill('Payments ledger <v2>');
    await page
      .getByLabel('Summary')
      .fill('Rebuilt the payments ledger on PostgreSQL with exactly-once posting.');
    await page.getByLabel('Role', { exact: true }).fill('Lead engineer');
    await page.getByLabel('Start date').fill('2024-03-01');
    const tech = page.getByLabel('Technologies');
    await tech.fill('k8s');
    await tech.press('Enter');
    await tech.fill('TypeScript');
    await tech.press('Enter');
    for (const url of ['https://github.com/robin/ledger', 'https://github.com/robin/ledger/pull/7']) {
      await page.getByLabel('Evidence URL').fill(url);
      await page.getByRole('button', { name: 'Add evidence' }).click();
      await page.locator(`a[href="${url}"]`).first().waitFor();
    }
    await page.getByRole('button', { name: /Backend/ }).click();
    await page.getByRole('button', { name: 'Save artifact' }).click();
    await page.waitForURL((u) => /\/artifacts\/[0-9a-f-]{36}$/.test(u.pathname));

    // The server holds what the browser entered, evidence kinds detected, skills normalised.
    const session = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'robin@example.test', password: 'a long enough password' },
    });
    const list = await t.request('GET', '/api/v1/artifacts', { token: session.body.accessToken });
    expect(list.body.items).toHaveLength(1);
    const saved = list.body.items[0];
    expect(saved.title).toBe('Payments ledger <v2>');
    expect(saved.evidence.map((e: { kind: string }) => e.kind).sort()).toEqual(['pull-request', 'repo']);
    expect(saved.labels.map((l: { name: string }) => l.name)).toEqual(['Backend']);
    expect(saved.skills.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['kubernetes', 'typescript']),
    );

    await page.goto(`${t.url}/`);
    const cards = page.getByTestId('artifact-card');
    await cards.first().waitFor();
    // Rendered as text, not markup.
    await expect(cards.first().textContent()).resolves.toContain('Payments ledger <v2>');

    await page.getByLabel('Skill').fill('Kubernetes');
    await page.getByLabel('Skill').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('skill') === 'Kubernetes');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(1);

    await page.getByLabel('Skill').fill('Haskell');
    await page.getByLabel('Skill').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('skill') === 'Haskell');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(0);
    await page.getByLabel('Skill').fill('');
    await page.getByLabel('Skill').press('Enter');

    await page.getByLabel('Label', { exact: true }).selectOption({ label: 'Backend' });
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Dossier JSON' }).click(),
    ]);
    const file = await download.path();
    // Kept under the name the browser offers (the next test uploads it as a user would).
    downloads = mkdtempSync(path.join(tmpdir(), 'dossier-e2e-'));
    exportedFile = path.join(downloads, download.suggestedFilename());
    await download.saveAs(exportedFile);
    expect(exportedFile).toMatch(/\.json$/);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.format).toBe('dossier-portfolio');
    expect(exported.artifacts).toHaveLength(1);
    expect(exported.artifacts[0].evidence.map((e: { url: string }) => e.url).sort()).toEqual([
      'https://github.com/robin/ledger',
      'https://github.com/robin/ledger/pull/7',
    ]);
    expect(exported.labels.map((l: { name: string }) => l.name)).toEqual(['Backend']);
  });
});

describe('restoring the export into another account', () => {
  it('the downloaded Dossier JSON uploads on the import page and comes back with its evidence and label', async () => {
    expect(exportedFile, 'the export test runs first').toBeTruthy();
    t.services.queue.process([createParseImportJob(t.services)], 1);
    const other = await t.signUp({ email: 'restore@example.test', password: 'a long enough password' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await newTab(context);
    await logIn(tab, other);
    await importEverything(tab, exportedFile);
    await tab.getByText('Labels: Backend').waitFor();
    await tab.getByRole('button', { name: 'Add selected' }).click();
    await tab.getByRole('heading', { name: 'Added 1 artifact' }).waitFor();
    // The same file again: the review says it is already there and leaves it unticked.
    await tab.getByRole('button', { name: 'Import another' }).click();
    await tab.getByLabel('Resume file').setInputFiles(exportedFile);
    await tab.getByRole('button', { name: 'Upload' }).click();
    await tab.getByRole('link', { name: 'Already in your portfolio' }).waitFor();
    expect(await tab.getByRole('checkbox', { name: 'Select Payments ledger <v2>' }).isChecked()).toBe(false);
    expect(await tab.getByRole('button', { name: 'Add selected' }).isDisabled()).toBe(true);
    await context.close();

    const restored = await t.request('GET', '/api/v1/artifacts', { token: other.token });
    expect(restored.body.items).toHaveLength(1);
    const [artifact] = restored.body.items;
    expect(artifact.title).toBe('Payments ledger <v2>');
    expect(artifact.role).toBe('Lead engineer');
    expect(artifact.evidence.map((e: { url: string }) => e.url).sort()).toEqual([
      'https://github.com/robin/ledger',
      'https://github.com/robin/ledger/pull/7',
    ]);
    expect(artifact.labels.map((l: { name: string }) => l.name)).toEqual(['Backend']);
  });

  it('an import just added can be taken back: its artifacts go to the trash', async () => {
    expect(exportedFile, 'the export test runs first').toBeTruthy();
    const other = await t.signUp({ email: 'undo-import@example.test', password: 'a long enough password' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await newTab(context);
    await logIn(tab, other);
    await importEverything(tab, exportedFile);
    await tab.getByRole('button', { name: 'Add selected' }).click();
    await tab.getByRole('heading', { name: 'Added 1 artifact' }).waitFor();
    await tab.getByRole('button', { name: 'Undo import' }).click();
    await tab.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await tab.getByRole('heading', { name: 'The imported artifacts are in the trash' }).waitFor();
    expect((await t.request('GET', '/api/v1/artifacts', { token: other.token })).body.items).toEqual([]);
    const trash = await t.request('GET', '/api/v1/trash', { token: other.token });
    expect(trash.body.items.map((i: { title: string }) => i.title)).toEqual(['Payments ledger <v2>']);
    await context.close();
  });
});

describe('two tabs editing the same artifact', () => {
  it('the second save is refused with both choices offered, and nothing is lost either way', async () => {
    const owner = await t.signUp({ email: 'tabs@example.test', password: 'a long enough password' });
    const made = await t.request('POST', '/api/v1/artifacts', {
      token: owner.token,
      body: {
        title: 'Search relevance',
        summary: 'Tuned ranking for the product search.',
        role: 'Engineer',
        technologies: ['Elasticsearch'],
        startDate: '2023-05-01',
      },
    });
    const path = `/api/v1/artifacts/${made.body.id}`;
    const stored = async () => (await t.request('GET', path, { token: owner.token })).body;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tabA = await newTab(context);
    await logIn(tabA, owner);
    const tabB = await newTab(context);
    for (const tab of [tabA, tabB]) {
      await tab.goto(`${t.url}/artifacts/${made.body.id}`);
      await tab.getByLabel('Title').waitFor();
      expect(await tab.getByLabel('Title').inputValue()).toBe('Search relevance');
    }

    await tabA.getByLabel('Title').fill('Search relevance, tab A');
    await tabA.getByRole('button', { name: 'Save artifact' }).click();
    await tabA.getByText('Artifact saved.').waitFor();
    expect(await stored()).toMatchObject({ title: 'Search relevance, tab A', revision: 2 });

    // Tab B still shows revision 1; its save would put the old title back.
    await tabB.getByLabel('Role', { exact: true }).fill('Tech lead');
    await tabB.getByRole('button', { name: 'Save artifact' }).click();
    const conflict = tabB.getByRole('alert').filter({ hasText: 'changed somewhere else' });
    await conflict.waitFor();
    expect(await stored()).toMatchObject({ title: 'Search relevance, tab A', role: 'Engineer', revision: 2 });
    expect(await tabB.getByLabel('Role', { exact: true }).inputValue()).toBe('Tech lead');
    // The user keeps theirs: the whole form is saved over tab A's edit, as chosen.
    await conflict.getByRole('button', { name: 'Save mine over theirs' }).click();
    await tabB.getByText('Artifact saved.').waitFor();
    await conflict.waitFor({ state: 'detached' });
    expect(await stored()).toMatchObject({ title: 'Search relevance', role: 'Tech lead', revision: 3 });

    // Tab A is now the stale one; this time the user drops their edit and sees what was saved.
    await tabA.getByLabel('Summary').fill('Rewritten in tab A.');
    await tabA.getByRole('button', { name: 'Save artifact' }).click();
    const second = tabA.getByRole('alert').filter({ hasText: 'changed somewhere else' });
    await second.getByRole('button', { name: 'Discard mine, show theirs' }).click();
    await second.waitFor({ state: 'detached' });
    await expect.poll(() => tabA.getByLabel('Role', { exact: true }).inputValue()).toBe('Tech lead');
    expect(await tabA.getByLabel('Title').inputValue()).toBe('Search relevance');
    expect(await tabA.getByLabel('Summary').inputValue()).toBe('Tuned ranking for the product search.');
    expect(await stored()).toMatchObject({ summary: 'Tuned ranking for the product search.', revision: 3 });
    // And it saves normally from there.
    await tabA.getByLabel('Summary').fill('Tuned ranking for the product search; +9% clicks.');
    await tabA.getByRole('button', { name: 'Save artifact' }).click();
    await expect.poll(async () => (await stored()).revision).toBe(4);
    expect((await stored()).summary).toBe('Tuned ranking for the product search; +9% clicks.');
    expect(await tabA.getByRole('alert').filter({ hasText: 'changed somewhere else' }).count()).toBe(0);
    await context.close();
  });
});

describe('unsaved edits kept in the browser', () => {
  it('a reload offers the edit back; saving it stores it; logging out forgets it', async () => {
    const owner = await t.signUp({ email: 'drafts@example.test', password: 'a long enough password' });
    const made = await t.request('POST', '/api/v1/artifacts', {
      token: owner.token,
      body: {
        title: 'Billing migration',
        summary: 'Moved invoicing to the new ledger.',
        technologies: ['Go'],
        startDate: '2022-02-01',
      },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await newTab(context);
    // Leaving with unsaved edits asks first; here the user says "leave".
    tab.on('dialog', (dialog) => void dialog.accept());
    await logIn(tab, owner);
    const editor = `${t.url}/artifacts/${made.body.id}`;
    const typed = 'Moved invoicing to the new ledger; 40% fewer failed payments.';
    const found = tab.getByText(/You have unsaved changes from/);

    await tab.goto(editor);
    await tab.getByLabel('Summary').fill(typed);
    await expect
      .poll(() =>
        tab.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dossier.draft.')).length),
      )
      .toBe(1);
    await tab.reload();
    await found.waitFor();
    expect(await tab.getByLabel('Summary').inputValue()).toBe('Moved invoicing to the new ledger.');
    await tab.getByRole('button', { name: 'Restore my changes' }).click();
    expect(await tab.getByLabel('Summary').inputValue()).toBe(typed);
    await tab.getByRole('button', { name: 'Save artifact' }).click();
    await expect
      .poll(
        async () =>
          (await t.request('GET', `/api/v1/artifacts/${made.body.id}`, { token: owner.token })).body.summary,
      )
      .toBe(typed);
    await tab.reload();
    await tab.getByLabel('Summary').waitFor();
    expect(await found.count()).toBe(0);

    // Logging out on purpose drops what was kept.
    await tab.getByLabel('Title').fill('Billing migration, abandoned edit');
    await expect
      .poll(() =>
        tab.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dossier.draft.')).length),
      )
      .toBe(1);
    await tab.getByRole('button', { name: 'Log out' }).click();
    await tab.waitForURL((u) => u.pathname.startsWith('/login'));
    expect(
      await tab.evaluate(
        () => Object.keys(localStorage).filter((k) => k.startsWith('dossier.draft.')).length,
      ),
    ).toBe(0);
    await logIn(tab, owner);
    await tab.goto(editor);
    await tab.getByLabel('Title').waitFor();
    expect(await tab.getByLabel('Title').inputValue()).toBe('Billing migration');
    expect(await found.count()).toBe(0);
    await context.close();
  });
});

describe('labels for many artifacts at once', () => {
  it('select cards, add a label to all of them, remove it from one, move two to the trash and undo', async () => {
    const owner = await t.signUp({ email: 'bulk@example.test', password: 'a long enough password' });
    const label = await t.request('POST', '/api/v1/labels', {
      token: owner.token,
      body: { name: 'Leadership', colour: '#b45309' },
    });
    for (const [i, title] of ['Hiring loop', 'Mentoring circle', 'On-call rework'].entries()) {
      await t.request('POST', '/api/v1/artifacts', {
        token: owner.token,
        body: { title, summary: `Work ${i}`, technologies: [], startDate: `202${i}-01-01` },
      });
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await newTab(context);
    await logIn(tab, owner);
    await tab.getByTestId('artifact-card').first().waitFor();

    await tab.getByRole('button', { name: 'Select', exact: true }).click();
    const bar = tab.getByRole('region', { name: 'Selected artifacts' });
    await bar.getByRole('button', { name: 'Select all 3' }).click();
    await bar.getByText('3 selected').waitFor();
    await bar.getByLabel('Label to add or remove').selectOption({ label: 'Leadership' });
    await bar.getByRole('button', { name: 'Add label' }).click();
    await tab.getByText('Added “Leadership” to 3 artifacts.').waitFor();
    const named = async () => {
      const page = await t.request('GET', `/api/v1/artifacts?label=${label.body.id}&sort=title`, {
        token: owner.token,
      });
      return page.body.items.map((a: { title: string }) => a.title);
    };
    expect(await named()).toEqual(['Hiring loop', 'Mentoring circle', 'On-call rework']);

    // The selection survives the list being read again; untick two, remove the label from the one left.
    await tab.getByRole('checkbox', { name: 'Select Hiring loop' }).uncheck();
    await tab.getByRole('checkbox', { name: 'Select Mentoring circle' }).uncheck();
    await bar.getByText('1 selected').waitFor();
    await bar.getByRole('button', { name: 'Remove label' }).click();
    await tab.getByText('Removed “Leadership” from 1 artifact.').waitFor();
    expect(await named()).toEqual(['Hiring loop', 'Mentoring circle']);

    // Two at once to the trash, and the toast's Undo brings both back with their label.
    await tab.getByRole('checkbox', { name: 'Select Hiring loop' }).check();
    await tab.getByRole('checkbox', { name: 'Select Mentoring circle' }).check();
    await tab.getByRole('checkbox', { name: 'Select On-call rework' }).uncheck();
    await bar.getByText('2 selected').waitFor();
    await bar.getByRole('button', { name: 'Move to trash' }).click();
    await tab.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await tab.getByText('Moved 2 artifacts to the trash.').waitFor();
    await expect.poll(async () => tab.getByTestId('artifact-card').count()).toBe(1);
    expect(await named()).toEqual([]);
    await tab
      .getByRole('status')
      .filter({ hasText: 'Moved 2 artifacts' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await tab.getByText('Restored 2 artifacts.').waitFor();
    await expect.poll(async () => tab.getByTestId('artifact-card').count()).toBe(3);
    expect(await named()).toEqual(['Hiring loop', 'Mentoring circle']);
    await bar.getByRole('button', { name: 'Done' }).click();
    expect(await tab.getByRole('checkbox', { name: /^Select / }).count()).toBe(0);
    // The card links still open the editor.
    await tab.getByRole('link', { name: 'Hiring loop' }).click();
    await tab.waitForURL((u) => /\/artifacts\/[0-9a-f-]{36}$/.test(u.pathname));
    await context.close();
  });
});

describe('account settings', () => {
  it('renames the profile and changes the password; the old password stops working', async () => {
    const owner = await t.signUp({ email: 'settings@example.test', password: 'the first password' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await newTab(context);
    await logIn(tab, owner);
    await tab.goto(`${t.url}/account`);
    await tab.getByLabel('Name', { exact: true }).fill('Sam Settings');
    await tab.getByRole('button', { name: 'Save profile' }).click();
    await tab.getByText('Profile saved.').waitFor();
    expect((await t.request('GET', '/api/v1/auth/me', { token: owner.token })).body.user.name).toBe(
      'Sam Settings',
    );

    await tab.getByLabel('Current password', { exact: true }).fill('the first password');
    await tab.getByLabel('New password', { exact: true }).fill('the second password');
    await tab.getByLabel('New password again').fill('the second password');
    await tab.getByRole('button', { name: 'Change password' }).click();
    await tab.getByText('Password changed. Your other sessions are ended.').waitFor();
    // This tab's session was replaced, so it keeps working; the old refresh token does not.
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } }))
        .status,
    ).toBe(401);
    await tab.getByRole('button', { name: 'Log out' }).click();
    await tab.waitForURL((u) => u.pathname.startsWith('/login'));
    await tab.getByLabel('Email').fill(owner.email);
    await tab.getByLabel('Password', { exact: true }).fill('the first password');
    await tab.getByRole('button', { name: /Log in/ }).click();
    await tab.getByRole('alert').first().waitFor();
    expect(tab.url()).toContain('/login');
    await logIn(tab, { email: owner.email, password: 'the second password' });
    await context.close();
  });
});

describe('sessions on the account page', () => {
  const PHONE =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

  const storedAccessToken = (tab: Page) =>
    tab.evaluate(() => JSON.parse(localStorage.getItem('dossier.session') ?? '{}').accessToken as string);

  it('signs out another device at once, then everywhere else; logging out ends the session on the server', async () => {
    const owner = await t.signUp({ email: 'sessions@example.test', password: 'the sessions password' });
    const laptopContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      userAgent: PHONE,
    });
    const laptop = await newTab(laptopContext);
    const phone = await newTab(phoneContext);
    await logIn(laptop, owner);
    await logIn(phone, owner);

    await laptop.goto(`${t.url}/account`);
    const card = laptop.locator('section', { has: laptop.getByRole('heading', { name: 'Sessions' }) });
    const rows = card.locator('tbody tr');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    // Newest first: the phone, this browser (headless Chromium on Linux), the API sign-up.
    const phoneRow = card.getByRole('row', { name: /Safari 17 on iOS/ });
    expect(await phoneRow.count()).toBe(1);
    await card.getByRole('row', { name: /This browser/ }).waitFor();

    await card.getByRole('button', { name: 'Sign out Safari 17 on iOS' }).click();
    await laptop.getByRole('dialog').getByRole('button', { name: 'Sign out session' }).click();
    await laptop.getByText('Signed out Safari 17 on iOS.').waitFor();
    expect(await rows.count()).toBe(2);

    // The phone's next request is refused: it lands on the login page with the reason.
    await phone.goto(`${t.url}/labels`);
    await phone.waitForURL((u) => u.pathname.startsWith('/login'));
    await phone.getByText(/signed out from another device/).waitFor();

    expect((await t.request('GET', '/api/v1/artifacts', { token: owner.token })).status).toBe(200);
    await card.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await laptop.getByRole('dialog').getByRole('button', { name: 'Sign out other sessions' }).click();
    await laptop.getByText('Signed out 1 other session.').waitFor();
    expect((await t.request('GET', '/api/v1/artifacts', { token: owner.token })).status).toBe(401);
    expect(await rows.count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Sign out everywhere else' }).isDisabled()).toBe(true);

    // Logging out ends this browser's session on the server too, not only in the browser.
    const laptopToken = await storedAccessToken(laptop);
    expect((await t.request('GET', '/api/v1/artifacts', { token: laptopToken })).status).toBe(200);
    await laptop.getByRole('button', { name: 'Log out' }).click();
    await laptop.waitForURL((u) => u.pathname.startsWith('/login'));
    await expect
      .poll(async () => (await t.request('GET', '/api/v1/artifacts', { token: laptopToken })).status)
      .toBe(401);
    await laptopContext.close();
    await phoneContext.close();
  });
});

describe('the trash', () => {
  it('a deleted artifact is restored from the trash with its evidence and label; another is deleted for good', async () => {
    const owner = await t.signUp({ email: 'trash@example.test', password: 'the trash password' });
    const label = await t.request('POST', '/api/v1/labels', {
      token: owner.token,
      body: { name: 'Platform' },
    });
    const make = (title: string) =>
      t.request('POST', '/api/v1/artifacts', {
        token: owner.token,
        body: {
          title,
          summary: 'Kept in the trash',
          startDate: '2023-02-01',
          evidence: [{ url: `https://example.test/${encodeURIComponent(title)}` }],
          labelIds: [label.body.id],
        },
      });
    const keep = await make('Search relevance');
    const bin = await make('Old prototype');
    await t.request('DELETE', `/api/v1/artifacts/${bin.body.id}`, { token: owner.token });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await newTab(context);
    await logIn(tab, owner);
    const deleteIt = async () => {
      await tab.goto(`${t.url}/artifacts/${keep.body.id}`);
      await tab.getByRole('button', { name: 'Delete artifact' }).click();
      await tab.getByRole('dialog').getByRole('button', { name: 'Delete artifact' }).click();
      await tab.getByText('Moved “Search relevance” to the trash.').waitFor();
      await tab.waitForURL((u) => u.pathname === '/');
    };
    // The toast's Undo brings it straight back, to its editor.
    await deleteIt();
    await tab.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await tab.getByText('Restored “Search relevance”.').waitFor();
    await tab.waitForURL((u) => u.pathname === `/artifacts/${keep.body.id}`);
    // A link to it while it is in the trash says so, and offers it back.
    await deleteIt();
    await tab.goto(`${t.url}/artifacts/${keep.body.id}`);
    await tab.getByRole('heading', { name: 'This artifact is in the trash' }).waitFor();
    await tab.getByRole('button', { name: 'Restore it' }).click();
    await tab.getByText('Restored “Search relevance”.').waitFor();
    await tab.getByRole('button', { name: 'Delete artifact' }).waitFor();
    await deleteIt();

    await tab.getByRole('link', { name: 'Trash' }).click();
    await tab.waitForURL((u) => u.pathname === '/trash');
    const list = tab.getByRole('list', { name: 'Deleted artifacts' });
    await list.getByRole('heading', { name: 'Search relevance' }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(2);

    await tab.getByRole('button', { name: 'Restore Search relevance' }).click();
    await tab.getByText('Restored “Search relevance”.').waitFor();
    const restored = await t.request('GET', `/api/v1/artifacts/${keep.body.id}`, { token: owner.token });
    expect(restored.status).toBe(200);
    expect(restored.body.evidence.map((e: { id: string }) => e.id)).toEqual(
      keep.body.evidence.map((e: { id: string }) => e.id),
    );
    expect(restored.body.labels.map((l: { name: string }) => l.name)).toEqual(['Platform']);

    await tab.getByRole('button', { name: 'Delete for good: Old prototype' }).click();
    await tab.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
    await tab.getByText('Deleted “Old prototype” for good.').waitFor();
    await tab.getByText('The trash is empty').waitFor();
    expect((await t.request('GET', '/api/v1/trash', { token: owner.token })).body.items).toEqual([]);

    await tab.getByRole('link', { name: 'Portfolio' }).first().click();
    await tab.getByRole('heading', { name: 'Search relevance' }).waitFor();
    await context.close();
  });
});

describe('documents in the trash', () => {
  it('a deleted document comes back from the toast and from the trash page, with its versions', async () => {
    const owner = await t.signUp({ email: 'doc-trash@example.test', password: 'a long enough password' });
    const doc = await createTestDocument(t, owner, { title: 'Platform CV' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await newTab(context);
    await logIn(tab, owner);
    const deleteIt = async () => {
      await tab.goto(`${t.url}/documents/${doc.id}`);
      await tab.getByRole('button', { name: 'Delete', exact: true }).click();
      await tab.getByRole('dialog').getByRole('button', { name: 'Delete document' }).click();
      await tab.getByText('Moved “Platform CV” to the trash.').waitFor();
      await tab.waitForURL((u) => u.pathname === '/documents');
    };
    await deleteIt();
    await tab
      .getByRole('status')
      .filter({ hasText: 'Platform CV' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await tab.getByText('Restored “Platform CV”.').waitFor();
    await tab.waitForURL((u) => u.pathname === `/documents/${doc.id}`);

    await deleteIt();
    await tab.goto(`${t.url}/trash`);
    const list = tab.getByRole('list', { name: 'Deleted documents' });
    await list.getByRole('heading', { name: 'Platform CV' }).waitFor();
    await list.getByText('CV · 1 version').waitFor();
    await tab.getByRole('button', { name: 'Restore Platform CV' }).click();
    await tab.getByText('Restored “Platform CV”.').waitFor();
    await tab.getByText('The trash is empty').waitFor();
    const back = await t.request('GET', `/api/v1/documents/${doc.id}`, { token: owner.token });
    expect(back.status).toBe(200);
    expect(back.body.version.content).toEqual(doc.content);
    await context.close();
  });
});

describe('labels in the trash', () => {
  it('a deleted label comes back from the toast and from the trash page, on its artifacts', async () => {
    const owner = await t.signUp({ email: 'label-trash@example.test', password: 'a long enough password' });
    const label = await t.request('POST', '/api/v1/labels', { token: owner.token, body: { name: 'Data' } });
    for (const title of ['Forecasting pipeline', 'Warehouse model']) {
      await t.request('POST', '/api/v1/artifacts', {
        token: owner.token,
        body: { title, summary: title, startDate: '2024-01-01', labelIds: [label.body.id] },
      });
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await newTab(context);
    await logIn(tab, owner);
    const deleteIt = async () => {
      await tab.goto(`${t.url}/labels`);
      await tab.getByRole('button', { name: 'Delete label Data' }).click();
      await tab.getByRole('dialog').getByRole('button', { name: 'Delete label' }).click();
      await tab.getByText('Moved the label “Data” to the trash.').waitFor();
    };
    await deleteIt();
    await tab.getByRole('status').filter({ hasText: 'Data' }).getByRole('button', { name: 'Undo' }).click();
    await tab.getByText('Restored the label “Data”.').waitFor();
    await tab.getByText('2 artifacts').first().waitFor();

    await deleteIt();
    await tab.goto(`${t.url}/trash`);
    const list = tab.getByRole('list', { name: 'Deleted labels' });
    await list.getByRole('heading', { name: 'Data' }).waitFor();
    await list.getByText('Was on 2 artifacts').waitFor();
    await tab.getByRole('button', { name: 'Restore Data' }).click();
    await tab.getByText('Restored the label “Data” on 2 artifacts.').waitFor();
    await tab.getByText('The trash is empty').waitFor();
    const back = await t.request('GET', `/api/v1/artifacts?label=${label.body.id}`, { token: owner.token });
    expect(back.body.items).toHaveLength(2);
    await context.close();
  });
});
