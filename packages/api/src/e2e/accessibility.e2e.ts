import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotification } from '../commands/create-notification.js';
import { registerUser } from '../commands/register-user.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { createTestDocument } from '../test-support/create-test-document.js';
import { launchBrowser } from '../test-support/launch-browser.js';

// Every page of the web app, with data in it, audited by axe-core against WCAG 2.1 A and AA on a desktop (in the
// light and the dark colour scheme) and on a phone, and checked for sideways scrolling on the phone. A violation names the rule, the elements and
// the page, so it can be fixed where it is.

const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const SETUPS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, colorScheme: 'light', phone: false },
  { name: 'desktop, dark scheme', viewport: { width: 1280, height: 900 }, colorScheme: 'dark', phone: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, colorScheme: 'light', phone: true },
] as const;

// What the functions evaluated in the page see (this package is compiled without the DOM's types).
declare const window: {
  axe?: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
};
declare const document: {
  documentElement: { scrollWidth: number; clientWidth: number };
  activeElement: PageElement | null;
  body: PageElement;
};
interface PageElement {
  tagName: string;
  id: string;
  className: unknown;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
}
declare function getComputedStyle(
  element: PageElement,
  pseudo?: string,
): {
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
  visibility: string;
};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

let t: TestContext;
let browser: Browser;
let user: Awaited<ReturnType<TestContext['signUp']>>;
const admin = { email: 'admin@example.test', password: 'correct horse battery' };
let labelName: string;
const pages: Record<string, string> = {};

beforeAll(async () => {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run \`npm run build\` first (npm test does).`);
  }
  t = await createTestContext({ DOSSIER_WEB_DIST: WEB_DIST });
  browser = await launchBrowser();
  user = await t.signUp({ name: 'Robin Tester' });
  const label = await t.request('POST', '/api/v1/labels', {
    token: user.token,
    body: { name: 'Backend', colour: '#2563eb' },
  });
  const doc = await createTestDocument(t, user);
  await t.request('PATCH', `/api/v1/artifacts/${doc.artifacts.ledger.id}`, {
    token: user.token,
    body: { labelIds: [label.body.id] },
  });
  const share = await t.request('POST', `/api/v1/documents/${doc.id}/shares`, {
    token: user.token,
    body: {},
  });
  await createNotification({
    em: t.services.orm.em.fork(),
    ownerId: user.userId,
    type: 'generation.succeeded',
    title: 'Your CV is ready',
    link: `/documents/${doc.id}`,
  });
  await registerUser({ em: t.services.orm.em.fork(), services: t.services, ...admin, role: 'admin' });
  labelName = label.body.name;
  // The trash with something in it.
  const binned = await t.request('POST', '/api/v1/artifacts', {
    token: user.token,
    body: {
      title: 'Retired prototype',
      summary: 'Deleted',
      startDate: '2021-05-01',
      labelIds: [label.body.id],
    },
  });
  await t.request('DELETE', `/api/v1/artifacts/${binned.body.id}`, { token: user.token });
  const binnedDoc = await createTestDocument(t, user, { title: 'Retired CV' });
  await t.request('DELETE', `/api/v1/documents/${binnedDoc.id}`, { token: user.token });
  Object.assign(pages, {
    login: '/login',
    signup: '/signup',
    portfolio: '/',
    'portfolio, filtered': `/?label=${label.body.id}`,
    'new artifact': '/artifacts/new',
    'artifact editor': `/artifacts/${doc.artifacts.ledger.id}`,
    labels: '/labels',
    trash: '/trash',
    tailor: '/tailor',
    documents: '/documents',
    document: `/documents/${doc.id}`,
    'job descriptions': '/job-descriptions',
    import: '/import',
    account: '/account',
    'shared document': `/s/${share.body.token}`,
  });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signedIn(context: BrowserContext, who: { email: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: /Log in|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

async function audit(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(
    async (tags) => (await window.axe!.run(document, { runOnly: { type: 'tag', values: tags } })).violations,
    TAGS,
  );
}

const describeViolations = (name: string, vs: AxeViolation[]) =>
  vs.map(
    (v) =>
      `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
        .slice(0, 4)
        .map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}]`)
        .join(' | ')}`,
  );

for (const { name: setup, viewport, colorScheme, phone } of SETUPS) {
  describe(`accessibility: ${setup} (${viewport.width}×${viewport.height})`, () => {
    let context: BrowserContext;
    let page: Page;
    const options = { viewport, colorScheme, isMobile: phone, hasTouch: phone, bypassCSP: true };
    beforeAll(async () => {
      // CSP bypassed only so the audit script can be injected; the app's own policy is tested elsewhere.
      context = await browser.newContext(options);
      page = await signedIn(context, user);
    });
    afterAll(() => context?.close());

    it('every page passes axe-core (WCAG 2.1 A and AA) and, on a phone, does not scroll sideways', async () => {
      const problems: string[] = [];
      for (const [name, url] of Object.entries(pages)) {
        const guest = name === 'login' || name === 'signup';
        const target = guest ? await browser.newPage(options) : page;
        await target.goto(`${t.url}${url}`);
        await target.waitForLoadState('networkidle');
        await target.waitForTimeout(150);
        problems.push(...describeViolations(name, await audit(target)));
        if (phone) {
          const overflow = await target.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          if (overflow > 1) problems.push(`${name}: the page scrolls sideways by ${overflow} px`);
        }
        if (guest) await target.close();
      }
      expect(problems).toEqual([]);
    });

    it('so do the open notifications panel and a confirmation dialog', async () => {
      const problems: string[] = [];
      await page.goto(`${t.url}/`);
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await page.getByRole('heading', { name: 'Notifications' }).waitFor();
      problems.push(...describeViolations('notifications panel', await audit(page)));
      await page.keyboard.press('Escape');
      await page.goto(`${t.url}/labels`);
      await page.getByRole('button', { name: `Delete label ${labelName}` }).click();
      await page.getByRole('dialog').waitFor();
      problems.push(...describeViolations('delete dialog', await audit(page)));
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(problems).toEqual([]);
    });

    // A phone has no Tab key.
    if (!phone) {
      it('can be walked with the keyboard: every Tab stop is visible and shows where focus is', async () => {
        const problems: string[] = [];
        for (const [name, url] of Object.entries(pages)) {
          if (name === 'login' || name === 'signup') continue;
          await page.goto(`${t.url}${url}`);
          await page.waitForLoadState('networkidle');
          const seen = new Set<string>();
          for (let i = 0; i < 40; i++) {
            await page.keyboard.press('Tab');
            const stop = await page.evaluate(() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const style = getComputedStyle(el);
              // The ring may be drawn by a pseudo-element (a card's stretched link outlines its ::after).
              const shows = (st: ReturnType<typeof getComputedStyle>) =>
                (st.outlineStyle !== 'none' && Number.parseFloat(st.outlineWidth) > 0) ||
                st.boxShadow !== 'none';
              const box = el.getBoundingClientRect();
              const label =
                el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40) ?? el.tagName;
              return {
                key: `${el.tagName}#${el.id}.${String(el.className)}:${label}`,
                label: `${el.tagName.toLowerCase()} "${label}"`,
                visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
                indicator:
                  shows(style) ||
                  shows(getComputedStyle(el, '::after')) ||
                  shows(getComputedStyle(el, '::before')),
              };
            });
            if (!stop) continue;
            if (seen.has(stop.key)) break; // wrapped around
            seen.add(stop.key);
            if (!stop.visible) problems.push(`${name}: Tab stops on an invisible ${stop.label}`);
            else if (!stop.indicator) problems.push(`${name}: no focus indicator on ${stop.label}`);
          }
          if (seen.size < 3) problems.push(`${name}: only ${seen.size} Tab stops reached`);
        }
        expect(problems).toEqual([]);
      });
    }

    it("so do an administrator's evaluation pages", async () => {
      const adminContext = await browser.newContext(options);
      try {
        const adminPage = await signedIn(adminContext, admin);
        const problems: string[] = [];
        for (const [name, url] of [
          ['evaluation', '/eval'],
          ['evaluation compare', '/eval/compare'],
        ]) {
          await adminPage.goto(`${t.url}${url}`);
          await adminPage.waitForLoadState('networkidle');
          problems.push(...describeViolations(name!, await audit(adminPage)));
        }
        expect(problems).toEqual([]);
      } finally {
        await adminContext.close();
      }
    });
  });
}
