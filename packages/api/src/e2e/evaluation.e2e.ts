import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../commands/register-user.js';
import { createRunEvalJob } from '../queue/jobs/run-eval.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { createFakeEvaluation, fakeReport } from '../test-support/fake-evaluation.js';
import { launchBrowser } from '../test-support/launch-browser.js';

// The evaluation dashboard in a real Chromium, against a real API whose harness is the scripted fake.
const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

let t: TestContext;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run \`npm run build\` first (npm test does).`);
  }
  t = await createTestContext({ DOSSIER_WEB_DIST: WEB_DIST });
  t.services.evaluation = createFakeEvaluation({
    report: (o) =>
      o.configName === 'candidate'
        ? fakeReport({ configName: 'candidate', coverage: [1, 0.95, 0.7], grounding: 0.9 })
        : fakeReport({ configName: o.configName ?? 'default', coverage: [0.9, 0.8, 0.95] }),
  });
  t.services.queue.process([createRunEvalJob(t.services, { progressIntervalMs: 50 })], 1);
  await registerUser({
    em: t.services.orm.em.fork(),
    services: t.services,
    email: 'reviewer@example.test',
    password: 'a long enough password',
    role: 'admin',
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function logIn(email: string, password: string) {
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Portfolio', exact: true }).waitFor();
}

describe('evaluation dashboard in the browser', () => {
  it('an administrator starts two runs, sees the trend, compares them and reads a report', async () => {
    await logIn('reviewer@example.test', 'a long enough password');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evaluation' }).click();
    await page.getByRole('heading', { name: 'Evaluation', level: 1 }).waitFor();

    for (const name of ['baseline', 'candidate']) {
      await page.getByRole('button', { name: 'New run' }).click();
      await page.getByLabel('Configuration name').fill(name);
      await page.getByRole('button', { name: 'Start run' }).click();
      // Polling turns the queued run into a succeeded one without a reload.
      await page
        .getByRole('row', { name: new RegExp(name) })
        .getByText('Succeeded')
        .waitFor();
    }

    const chart = page.getByRole('img', { name: /Keyword coverage over 2 runs: from 88\.3% to 88\.3%/ });
    await chart.waitFor();
    await page.getByRole('img', { name: /Grounding over 2 runs: from 100\.0% to 90\.0%/ }).waitFor();

    await page.getByRole('checkbox', { name: 'Compare baseline' }).check();
    await page.getByRole('checkbox', { name: 'Compare candidate' }).check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await page.getByRole('heading', { name: 'Two runs compared' }).waitFor();
    const groundingRow = page.getByRole('row', { name: /^Grounding/ });
    await expect(groundingRow.getByRole('cell').nth(2).textContent()).resolves.toBe('−10.0 pt');
    const firstCase = page.locator('section', { hasText: 'Per case' }).locator('tbody tr').first();
    // The largest keyword-coverage drop comes first: case-3, 95% → 70%.
    await expect(firstCase.textContent()).resolves.toMatch(/^case-3/);

    await page.getByRole('link', { name: 'candidate' }).first().click();
    await page.getByRole('heading', { name: 'candidate', level: 1 }).waitFor();
    await page.getByText('✕ Below the gate').waitFor();
    const firstRow = page.locator('.eval-cases-table tbody tr').first();
    await expect(firstRow.textContent()).resolves.toMatch(/^case-3/);
    await page.getByRole('button', { name: 'Show HTML report' }).click();
    const frame = page.frameLocator('iframe[title="Evaluation report: candidate"]');
    await frame.getByRole('heading', { name: 'candidate' }).waitFor();
    await expect(page.locator('iframe').getAttribute('sandbox')).resolves.toBe('allow-scripts');
  });

  it('a member sees no Evaluation entry and no page', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.goto(`${t.url}/signup`);
    await page.getByLabel('Name').fill('Mo Member');
    await page.getByLabel('Email').fill('member@example.test');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Portfolio', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Evaluation' }).count()).toBe(0);
    await page.goto(`${t.url}/eval`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Evaluation', level: 1 }).count()).toBe(0);
  });
});
