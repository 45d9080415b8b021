import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolveHost } from '@dossier/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { datasetsDir } from '../test-support/datasets.js';
import { type LinkCheckServer, readImage, startLinkCheckServer } from '../test-support/link-check-server.js';
import { type LinksCheckOptions, runLinksCheck } from './links-commands.js';

// Replays ../shared/datasets/link-check/cases/replay-cases.json (read in place through DOSSIER_DATASETS)
// against a loopback server doing what each case's `route` says.
const dir = path.join(datasetsDir(), 'link-check');
const MLC = path.join(dir, 'markdown-link-check/test');

interface ReplayCase {
  id: string;
  url: string;
  route: string;
  options?: {
    httpHeaders?: { urls: string[]; headers: Record<string, string> }[];
    ignorePatterns?: string[];
    replacementPatterns?: { pattern: string; replacement: string }[];
    retryOn429?: boolean;
    retryCount?: number;
    fallbackRetryDelay?: string;
    aliveStatusCodes?: number[];
    statusCodes?: Record<string, string>;
  };
  /** markdown-link-check: `status` (alive, dead, …) and `statusCode`; linkinator: `state` and a numeric `status`. */
  expected: { status?: string | number; statusCode?: number; state?: string; warning?: boolean };
}
const { cases } = JSON.parse(readFileSync(path.join(dir, 'cases/replay-cases.json'), 'utf8')) as {
  cases: ReplayCase[];
};

// Names other than loopback literals do not resolve: the DNS-failure case stays offline and deterministic.
const resolve: ResolveHost = async (host) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

export function cliOptions(over: Partial<LinksCheckOptions> = {}): LinksCheckOptions {
  return {
    json: true,
    concurrency: 8,
    perHost: 4,
    minInterval: 0,
    retries: 3,
    timeout: 5_000,
    maxRetryAfter: 10_000,
    retryDelay: 200,
    ignore: [],
    replace: [],
    header: [],
    alive: [],
    status: [],
    ...over,
  };
}

/** The upstream suite's option names, as `dossier links check` flags. */
function optionsFor(c: ReplayCase, base: string): Partial<LinksCheckOptions> {
  const o = c.options ?? {};
  const ms = (v?: string) => (v ? Number(/^(\d+)ms$/.exec(v)?.[1] ?? Number(v) * 1000) : undefined);
  return {
    header: (o.httpHeaders ?? []).flatMap((h) =>
      h.urls.flatMap((u) =>
        Object.entries(h.headers).map(([k, v]) => `${u.replace('BASE', base)}=${k}: ${v}`),
      ),
    ),
    ignore: o.ignorePatterns ?? [],
    replace: (o.replacementPatterns ?? []).map((r) => `${r.pattern}=${r.replacement}`),
    ...(o.retryOn429 ? { retries: o.retryCount ?? 3, retryDelay: ms(o.fallbackRetryDelay) ?? 1_000 } : {}),
    alive: o.aliveStatusCodes ?? [],
    status: Object.entries(o.statusCodes ?? {}).map(([code, action]) => `${code}=${action}`),
  };
}

/** alive → valid or redirected; dead → broken; ignored/SKIPPED → skipped; error → an invalid-scheme reason. */
function expectVerdict(
  c: ReplayCase,
  r: { status: string; httpStatus: number | null; reason: string | null },
) {
  const e = c.expected;
  const outcome = e.state ?? e.status;
  switch (outcome) {
    case 'alive':
    case 'OK':
      expect(['valid', 'redirected'], c.id).toContain(r.status);
      break;
    case 'dead':
    case 'BROKEN':
      expect(r.status, c.id).toBe('broken');
      break;
    case 'ignored':
    case 'SKIPPED':
      expect(r.status, c.id).toBe('skipped');
      break;
    case 'error':
      expect(r.status, c.id).toBe('broken');
      expect(r.reason, c.id).toMatch(/^invalid-scheme/);
      break;
    default:
      throw new Error(`${c.id}: unknown expectation ${outcome}`);
  }
  const code = e.state ? e.status : e.statusCode;
  const isHttp = c.url.startsWith('BASE');
  if (isHttp && typeof code === 'number' && code > 0 && outcome !== 'ignored')
    expect(r.httpStatus, c.id).toBe(code);
  if (e.warning) expect(r.reason, c.id).toMatch(/warning/);
}

let server: LinkCheckServer;
const env = { DOSSIER_OUTBOUND_ALLOWLIST: '127.0.0.1/32' };
const sink = () => {};

beforeAll(async () => {
  server = await startLinkCheckServer({ image: readImage(path.join(MLC, 'hello.jpg')) });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function check(text: string, opts: Partial<LinksCheckOptions>, file?: string) {
  return runLinksCheck(cliOptions(opts), {
    text,
    ...(file ? { file } : {}),
    stdout: sink,
    stderr: sink,
    tty: false,
    env,
    resolve,
  });
}

describe('replay-cases.json', () => {
  it('has the 28 cases', () => {
    expect(cases).toHaveLength(28);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', { timeout: 30_000 }, async (_id, c) => {
    const url = c.url.replace('BASE', server.base);
    const { report } = await check(
      url,
      { ...optionsFor(c, server.base), format: 'urls' },
      path.join(MLC, 'sample.md'),
    );
    expect(report.results).toHaveLength(1);
    expectVerdict(c, report.results[0]!);
  });

  it('mlc-429-retry-after honours Retry-After: five refusals, then the sixth request succeeds', {
    timeout: 30_000,
  }, async () => {
    const c = cases.find((x) => x.id === 'mlc-429-retry-after')!;
    const started = Date.now();
    const { report } = await check(`${server.base}/later`, { ...optionsFor(c, server.base), format: 'urls' });
    expect(report.results[0]).toMatchObject({ status: 'valid', httpStatus: 200 });
    expect(server.hits('/later')).toBe(6);
    // 2 s + 0.5 s (no Retry-After on the second answer) + 3 × 2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(8_000);
  });
});

describe('sample.md end to end, with the upstream suite options', () => {
  it('gives every link the verdict its annotation says', { timeout: 60_000 }, async () => {
    const text = readFileSync(path.join(MLC, 'sample.md'), 'utf8').replaceAll('%%BASE_URL%%', server.base);
    const { code, report } = await check(
      text,
      {
        header: [`${server.base}/basic-auth=Authorization: Basic Zm9vOmJhcg==`],
        ignore: ['not-working-and-ignored'],
        replace: ['boo=foo'],
        retries: 5,
        retryDelay: 500,
        alive: [200, 206],
      },
      path.join(MLC, 'sample.md'),
    );
    const by = (suffix: string) => report.results.find((r) => r.url.endsWith(suffix))!;
    expect(by('/redirect-with-body-in-head').status).toBe('valid');
    expect(by('/loop').status).toBe('broken');
    expect(by('/foo/bar').status).toBe('valid');
    expect(by('/foo/dead')).toMatchObject({ status: 'broken', httpStatus: 404 });
    expect(by('example.example.example.com/')).toMatchObject({ status: 'broken', httpStatus: null });
    expect(by('/nohead').status).toBe('valid');
    expect(by('/foo/redirect').status).toBe('valid');
    expect(by('/basic-auth').status).toBe('valid');
    expect(by('/not-working-and-ignored/something').status).toBe('skipped');
    expect(by('/boo/bar').status).toBe('valid');
    expect(by('/later').status).toBe('valid');
    expect(by('/partial')).toMatchObject({ status: 'valid', httpStatus: 206 });
    expect(by(`${server.base}/hello.jpg`).status).toBe('valid');
    expect(report.results.find((r) => r.url === 'hello.jpg')).toMatchObject({
      status: 'valid',
      reason: 'local file',
    });
    expect(by('linuxgeek@gmail.com?subject=test').status).toBe('valid');
    expect(by('MAILTO:alice@example.org,bob@example.net?subject=Test').status).toBe('valid');
    expect(by('mailto:foo@bar@baz').status).toBe('broken');
    expect(by('mailto:foo@@bar@@baz,bob@example.net?subject=Test').status).toBe('broken');
    expect(by('hhttppss://example.org').reason).toBe('invalid-scheme: hhttppss');
    expect(by('applesauce://example.org').reason).toBe('invalid-scheme: applesauce');
    expect(report.summary.total).toBe(20);
    expect(code).toBe(1);
  });
});

describe('server scenarios: every verdict', () => {
  const scenarios: [string, string, number | null, string | null][] = [
    ['/ok', 'valid', 200, null],
    ['/gone', 'broken', 410, null],
    ['/notfound', 'broken', 404, null],
    ['/error', 'broken', 500, null],
    ['/moved', 'redirected', 200, '/ok'],
    ['/moved-308', 'redirected', 200, '/ok'],
    ['/temporary', 'valid', 200, '/ok'],
    ['/see-other', 'valid', 200, '/ok'],
    ['/moved-to-404', 'broken', 404, '/notfound'],
    ['/ping', 'broken', 302, '/ping'],
    ['/long-chain', 'broken', 302, '/long-chain?n=1'],
    ['/long-chain?n=9', 'valid', 200, '/ok'],
    ['/nohead', 'valid', 200, null],
    ['/head-501', 'valid', 200, null],
    ['/head-404', 'valid', 200, null],
    ['/rate-limited', 'valid', 200, null],
    ['/rate-limited-date', 'valid', 200, null],
    ['/busy', 'valid', 200, null],
    ['/always-429', 'unverifiable', 429, null],
    ['/slow?ms=1500', 'valid', 200, null],
    ['/slow?ms=4000', 'unverifiable', null, null],
    ['/linkedin', 'unverifiable', 999, null],
    ['/cloudflare', 'unverifiable', 403, null],
    ['/challenge', 'unverifiable', 503, null],
    ['/captcha', 'unverifiable', 403, null],
    ['/forbidden', 'unverifiable', 403, null],
    ['/to-metadata', 'blocked', null, null],
  ];

  it('checks them all in one run, at once', { timeout: 60_000 }, async () => {
    const urls = scenarios.map(([p]) => `${server.base}${p}`);
    const { code, report } = await check(urls.join('\n'), { timeout: 3_000, retries: 2, retryDelay: 100 });
    for (const [p, status, httpStatus, final] of scenarios) {
      const r = report.results.find((x) => x.url === `${server.base}${p}`)!;
      expect(r.status, p).toBe(status);
      expect(r.httpStatus, p).toBe(httpStatus);
      expect(r.finalUrl, p).toBe(final === null ? null : `${server.base}${final}`);
      if (!['valid', 'redirected'].includes(status)) expect(r.reason, p).toBeTruthy();
    }
    expect(report.summary).toMatchObject({ total: scenarios.length, broken: 6, blocked: 1 });
    expect(code).toBe(1);
  });

  it('waits out Retry-After before asking a rate-limited host again', { timeout: 30_000 }, async () => {
    await check(`${server.base}/rate-limited\n${server.base}/ok`, { perHost: 1 });
    const [first, second] = server.requests.filter((r) => r.path === '/rate-limited');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('blocks loopback when it is not allow-listed', async () => {
    const { report } = await runLinksCheck(cliOptions(), {
      text: `${server.base}/ok`,
      stdout: sink,
      stderr: sink,
      tty: false,
      env: {},
    });
    expect(report.results[0]).toMatchObject({ status: 'blocked' });
    expect(server.hits('/ok')).toBe(0);
  });
});
