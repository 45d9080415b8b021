import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import {
  type EvidenceTestServer,
  evidenceTestEnv,
  startEvidenceTestServer,
} from '../test-support/evidence-test-server.js';
import { launchBrowser } from '../test-support/launch-browser.js';

// Evidence checks in the browser: the built web app on a real API whose link checker is the test validator,
// answering from a 127.0.0.1 server that plays `docs.example.test`.
const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

let server: EvidenceTestServer;
let t: TestContext;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run \`npm run build\` first (npm test does).`);
  }
  server = await startEvidenceTestServer();
  server.answer('https://docs.example.test/moved', { status: 301, location: '/new-home' });
  server.answer('https://docs.example.test/gone', { status: 404, reason: 'HTTP 404' });
  t = await createTestContext({
    ...evidenceTestEnv(server),
    DOSSIER_WEB_DIST: WEB_DIST,
    DOSSIER_EVIDENCE_HOST_INTERVAL_MS: '0',
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await server?.close();
});

describe('evidence checks in the browser', () => {
  it('check now → status lines and the health summary → use the redirect target', async () => {
    const user = await t.signUp({ email: 'sam@example.test' });
    const created = await t.request('POST', '/api/v1/artifacts', {
      token: user.token,
      body: {
        title: 'Payments ledger',
        summary: 'Rebuilt the payments ledger.',
        startDate: '2024-03-01',
        evidence: [
          { url: 'https://docs.example.test/ok', title: 'Working page' },
          { url: 'https://docs.example.test/moved', title: 'Moved page' },
          { url: 'https://docs.example.test/gone', title: 'Gone page' },
        ],
      },
    });
    expect(created.status).toBe(201);

    await page.goto(`${t.url}/login`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: /Log in|Sign in/ }).click();
    await page.getByRole('button', { name: /New artifact/ }).waitFor();

    await page.goto(`${t.url}/artifacts/${created.body.id}`);
    const row = (title: string) => page.locator('li.evidence-item', { hasText: title });
    for (const title of ['Working page', 'Moved page', 'Gone page']) {
      await row(title).getByRole('button', { name: 'Check now' }).click();
      await row(title).locator('time', { hasText: 'Checked' }).waitFor();
    }
    // One 404 is a failure, not yet a broken link: it takes three over two days.
    await row('Gone page')
      .getByText(/failed once — not marked broken yet/)
      .waitFor();
    await row('Moved page').getByRole('button', { name: 'Use the redirect target' }).waitFor();

    await page.goto(`${t.url}/`);
    const health = page.getByRole('region', { name: 'Evidence health' });
    await health.getByText('Needs your attention').waitFor();
    await expect(health.textContent()).resolves.toMatch(/100%/);
    await expect(health.textContent()).resolves.toContain('Moved page');

    await page.goto(`${t.url}/artifacts/${created.body.id}`);
    // The row names the target before the change too ("moved permanently to …"): wait for the change itself.
    const applied = page.waitForResponse(
      (res) => res.url().endsWith('/apply-redirect') && res.request().method() === 'POST',
    );
    await row('Moved page').getByRole('button', { name: 'Use the redirect target' }).click();
    expect((await applied).status()).toBe(200);
    await row('Moved page')
      .getByRole('button', { name: 'Use the redirect target' })
      .waitFor({ state: 'detached' });
    const after = await t.request('GET', `/api/v1/artifacts/${created.body.id}`, { token: user.token });
    expect(after.body.evidence.map((e: { url: string }) => e.url).sort()).toEqual([
      'https://docs.example.test/gone',
      'https://docs.example.test/new-home',
      'https://docs.example.test/ok',
    ]);
  });
});
