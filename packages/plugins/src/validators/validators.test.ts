import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedFetch, type EvidenceValidatorHandler, type StageContext } from '@dossier/core';
import { createTestDeps } from '@dossier/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from '../index.js';
import { doiValidator } from './doi-validator.js';
import { githubValidator, parseGithubUrl } from './github-validator.js';
import { httpValidator } from './http-validator.js';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

let server: Server;
let base: string;
let host: string;
const hits = new Map<string, number>();
const log: { method: string; path: string; ua: string; at: number; auth?: string }[] = [];

const ROUTES: Record<string, Handler> = {
  '/ok': (_q, res) => res.end('<html><title>Ledger by @ada</title></html>'),
  '/404': (_q, res) => {
    res.statusCode = 404;
    res.end('nope');
  },
  '/410': (_q, res) => {
    res.statusCode = 410;
    res.end();
  },
  '/500': (_q, res) => {
    res.statusCode = 500;
    res.end();
  },
  '/301': (_q, res) => res.writeHead(301, { location: '/ok' }).end(),
  '/308': (_q, res) => res.writeHead(308, { location: '/301' }).end(),
  '/302': (_q, res) => res.writeHead(302, { location: '/ok' }).end(),
  '/307-then-301': (_q, res) => res.writeHead(307, { location: '/301' }).end(),
  '/301-to-404': (_q, res) => res.writeHead(301, { location: '/404' }).end(),
  '/loop-a': (_q, res) => res.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_q, res) => res.writeHead(302, { location: '/loop-a' }).end(),
  '/chain': (_q, res, url) => {
    const n = Number(url.searchParams.get('n'));
    res.writeHead(302, { location: n > 0 ? `/chain?n=${n - 1}` : '/ok' }).end();
  },
  '/nohead': (req, res) => {
    res.statusCode = req.method === 'HEAD' ? 405 : 200;
    res.end(req.method === 'HEAD' ? undefined : 'ok');
  },
  '/head-hangup': (req, res) => {
    if (req.method === 'HEAD') return void req.socket.destroy();
    res.end('ok');
  },
  '/later': (_q, res, url) => {
    const key = `later${url.search}`;
    const n = (hits.get(key) ?? 0) + 1;
    hits.set(key, n);
    if (n <= Number(url.searchParams.get('times') ?? 1)) {
      res.writeHead(429, { 'retry-after': url.searchParams.get('ra') ?? '1' }).end();
      return;
    }
    res.end('ok');
  },
  '/unavailable': (_q, res, url) => {
    const key = `unavailable${url.search}`;
    const n = (hits.get(key) ?? 0) + 1;
    hits.set(key, n);
    if (n === 1) return void res.writeHead(503, { 'retry-after': '0' }).end();
    res.end('ok');
  },
  '/always-429': (_q, res) => res.writeHead(429, { 'retry-after': '0' }).end(),
  '/slow': (_q, res, url) => {
    setTimeout(() => res.end('late'), Number(url.searchParams.get('ms') ?? 2000)).unref();
  },
  '/linkedin': (_q, res) => {
    res.statusCode = 999;
    res.end('Request denied');
  },
  '/cf': (_q, res) => res.writeHead(403, { 'cf-mitigated': 'challenge' }).end('<html>challenge</html>'),
  '/cf-page': (_q, res) => {
    res.statusCode = 503;
    res.end(
      '<html><head><title>Just a moment...</title></head><body>/cdn-cgi/challenge-platform/</body></html>',
    );
  },
  '/captcha-200': (_q, res) =>
    res.end('<html><head><title>Verify you are human</title></head><div class="g-recaptcha"></div></html>'),
  '/forbidden': (_q, res) => {
    res.statusCode = 403;
    res.end('private');
  },
  '/big': (_q, res) => {
    res.setHeader('content-length', String(3 * 1024 * 1024));
    res.end(Buffer.alloc(3 * 1024 * 1024, 97));
  },
  '/to-metadata': (_q, res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/' }).end(),
  '/auth': (req, res) => {
    res.statusCode = req.headers.authorization === 'Basic Zm9vOmJhcg==' ? 200 : 401;
    res.end();
  },
  // A fake GitHub REST API and DOI handle API.
  '/api/repos/ada/ledger': (_q, res) =>
    json(res, 200, { full_name: 'ada/ledger', html_url: 'https://github.com/ada/ledger' }),
  '/api/repos/ada/old-name': (_q, res) =>
    json(res, 200, { full_name: 'ada/new-name', html_url: 'https://github.com/ada/new-name' }),
  '/api/repos/ada/ledger/pulls/1': (_q, res) =>
    json(res, 200, { state: 'open', merged: false, html_url: 'https://github.com/ada/ledger/pull/1' }),
  '/api/repos/ada/ledger/pulls/2': (_q, res) =>
    json(res, 200, { state: 'closed', merged: true, html_url: 'https://github.com/ada/ledger/pull/2' }),
  '/api/repos/ada/ledger/pulls/3': (_q, res) =>
    json(res, 200, { state: 'closed', merged: false, html_url: 'https://github.com/ada/ledger/pull/3' }),
  '/api/repos/ada/ledger/issues/4': (_q, res) =>
    json(res, 200, { state: 'closed', html_url: 'https://github.com/ada/ledger/issues/4' }),
  '/api/repos/ada/ledger/commits/abcdef1': (_q, res) => json(res, 200, { sha: 'abcdef1234' }),
  '/api/repos/ada/ledger/commits/1234567': (_q, res) => json(res, 422, { message: 'No commit found' }),
  '/api/repos/ada/limited': (_q, res) =>
    res
      .writeHead(403, {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60),
      })
      .end('{"message":"API rate limit exceeded"}'),
  '/ada/limited': (_q, res) => res.end('the web page'),
  '/doi/api/handles/10.1000/182': (_q, res) =>
    json(res, 200, {
      responseCode: 1,
      handle: '10.1000/182',
      values: [{ type: 'URL', data: { value: 'https://www.doi.org/the-handbook' } }],
    }),
  '/doi/api/handles/10.9999/missing': (_q, res) =>
    json(res, 404, { responseCode: 100, handle: '10.9999/missing' }),
  '/doi/api/handles/10.5555/flaky': (_q, res) => json(res, 500, {}),
  '/doi/10.5555/flaky': (_q, res) => res.end('landing page'),
};

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    log.push({
      method: req.method ?? '',
      path: url.pathname,
      ua: req.headers['user-agent'] ?? '',
      at: Date.now(),
      ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
    });
    const route = ROUTES[url.pathname];
    if (route) route(req, res, url);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const ctx = (): StageContext => ({
  signal: new AbortController().signal,
  report: () => {},
  progress: () => {},
});
const localDeps = () => createTestDeps({ http: createGuardedFetch({ allowList: ['127.0.0.1/32'] }) });

async function make<O>(
  plugin: { create(o: O, d: ReturnType<typeof createTestDeps>): unknown },
  options: O,
  deps = localDeps(),
): Promise<EvidenceValidatorHandler> {
  return (await plugin.create(options, deps)) as EvidenceValidatorHandler;
}

describe('http validator', () => {
  let v: EvidenceValidatorHandler;
  beforeAll(async () => {
    v = await make(httpValidator, { retries: 2, retryDelayMs: 50, headersTimeoutMs: 1_000 });
  });

  it.each([
    ['/ok', 'valid', 200, null],
    ['/404', 'broken', 404, null],
    ['/410', 'broken', 410, null],
    ['/301', 'redirected', 200, '/ok'],
    ['/308', 'redirected', 200, '/ok'],
    ['/302', 'valid', 200, '/ok'],
    ['/307-then-301', 'valid', 200, '/ok'],
    ['/301-to-404', 'broken', 404, '/404'],
    ['/loop-a', 'broken', 302, '/loop-a'],
    ['/chain?n=9', 'valid', 200, '/ok'],
    ['/chain?n=10', 'broken', 302, '/ok'],
    ['/nohead', 'valid', 200, null],
    ['/head-hangup', 'valid', 200, null],
    ['/linkedin', 'unverifiable', 999, null],
    ['/cf', 'unverifiable', 403, null],
    ['/cf-page', 'unverifiable', 503, null],
    ['/forbidden', 'unverifiable', 403, null],
    ['/big', 'valid', 200, null],
    ['/500', 'broken', 500, null],
  ])('%s → %s', async (path, status, httpStatus, final) => {
    const r = await v.validate(`${base}${path}`, ctx());
    expect(r.status).toBe(status);
    expect(r.httpStatus).toBe(httpStatus);
    expect(r.finalUrl).toBe(final === null ? null : `${base}${final}`);
    if (status !== 'valid') expect(r.reason).toBeTruthy();
  });

  it('names the loop and the redirect limit in its reason', async () => {
    expect((await v.validate(`${base}/loop-a`, ctx())).reason).toMatch(/loop/);
    expect((await v.validate(`${base}/chain?n=10`, ctx())).reason).toMatch(/more than 10 redirects/);
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    const started = Date.now();
    const r = await v.validate(`${base}/later?times=1&ra=1&k=a`, ctx());
    expect(r.status).toBe('valid');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a host that keeps answering 429 as unverifiable, never broken', async () => {
    const r = await v.validate(`${base}/always-429`, ctx());
    expect(r.status).toBe('unverifiable');
    expect(r.httpStatus).toBe(429);
    expect(r.retryAfterMs).toBe(0);
  });

  it('retries a 503 and then succeeds', async () => {
    expect((await v.validate(`${base}/unavailable?k=b`, ctx())).status).toBe('valid');
  });

  it('leaves retrying to the caller with retries: 0, returning a provisional verdict', async () => {
    const once = await make(httpValidator, { retries: 0 });
    const r = await once.validate(`${base}/later?times=1&ra=3&k=c`, ctx());
    expect(r).toMatchObject({ status: 'unverifiable', httpStatus: 429, retryAfterMs: 3000 });
  });

  it('is unverifiable on a timeout, not broken, and a slow answer inside the deadline is valid', async () => {
    const quick = await make(httpValidator, { retries: 0, headersTimeoutMs: 500 });
    const r = await quick.validate(`${base}/slow?ms=3000`, ctx());
    expect(r.status).toBe('unverifiable');
    expect(r.reason).toMatch(/timeout/);
    expect((await v.validate(`${base}/slow?ms=300`, ctx())).status).toBe('valid');
  });

  it('reports the guard refusing, on the first hop or a later one, as blocked', async () => {
    const guarded = await make(httpValidator, {}, createTestDeps({ http: createGuardedFetch() }));
    expect((await guarded.validate(`${base}/ok`, ctx())).status).toBe('blocked');
    const r = await v.validate(`${base}/to-metadata`, ctx());
    expect(r.status).toBe('blocked');
    expect(r.reason).toMatch(/169\.254\.169\.254/);
  });

  it('reports a host that does not resolve as broken', async () => {
    const http = createGuardedFetch({
      resolve: async (h) => {
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${h}`), { code: 'ENOTFOUND' });
      },
    });
    const dns = await make(httpValidator, {}, createTestDeps({ http }));
    const r = await dns.validate('https://example.example.example.com/', ctx());
    expect(r).toMatchObject({ status: 'broken', httpStatus: null });
    expect(r.reason).toMatch(/DNS/);
  });

  it('sends a user agent naming Dossier and the contact URL, and per-URL headers', async () => {
    const custom = await make(httpValidator, { contactUrl: 'https://example.org/bot' });
    const before = log.length;
    await custom.validate(`${base}/ok`, ctx());
    expect(log[before]?.ua).toBe('Dossier-LinkCheck/0.1 (+https://example.org/bot)');
    const plain = log.length;
    await v.validate(`${base}/ok`, ctx());
    expect(log[plain]?.ua).toBe('Dossier-LinkCheck/0.1 (evidence link checker)');
    expect((await custom.validate(`${base}/auth`, ctx())).status).toBe('unverifiable');
    const r = await custom.validate(`${base}/auth`, ctx(), {
      headers: { Authorization: 'Basic Zm9vOmJhcg==' },
    });
    expect(r.status).toBe('valid');
  });

  it('checks content when asked: the page must still name the title or the handle', async () => {
    const content = await make(httpValidator, { contentCheck: true });
    expect((await content.validate(`${base}/ok`, ctx(), { expect: { title: 'ledger' } })).status).toBe(
      'valid',
    );
    expect((await content.validate(`${base}/ok`, ctx(), { expect: { handle: '@ada' } })).status).toBe(
      'valid',
    );
    const gone = await content.validate(`${base}/ok`, ctx(), {
      expect: { title: 'Compiler', handle: 'bob' },
    });
    expect(gone.status).toBe('unverifiable');
    expect(gone.reason).toMatch(/no longer names/);
    // A challenge page served with 200 is seen once the body is read.
    const wall = await content.validate(`${base}/captcha-200`, ctx(), { expect: { title: 'x' } });
    expect(wall).toMatchObject({ status: 'unverifiable', reason: 'bot challenge page' });
    // Without content check, expectations are ignored.
    expect((await v.validate(`${base}/ok`, ctx(), { expect: { title: 'Compiler' } })).status).toBe('valid');
  });

  it('handles every http(s) URL and nothing else', () => {
    expect(v.handles(new URL('https://example.org/x'))).toBe(true);
    expect(v.handles(new URL('http://example.org/x'))).toBe(true);
    expect(v.handles(new URL('ftp://example.org/x'))).toBe(false);
    expect(v.handles(new URL('mailto:a@b.c'))).toBe(false);
  });

  it('honours the abort signal', async () => {
    const controller = new AbortController();
    const pending = v.validate(`${base}/slow?ms=3000`, { ...ctx(), signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('github validator', () => {
  let v: EvidenceValidatorHandler;
  beforeAll(async () => {
    v = await make(githubValidator, { apiBaseUrl: `${base}/api`, hosts: [host], token: 't0k' });
  });

  it('reads repositories, pull requests, issues and commits from the API', async () => {
    const cases: [string, string, string | null][] = [
      ['/ada/ledger', 'valid', 'repository'],
      ['/ada/ledger/pull/1', 'valid', 'pull request open'],
      ['/ada/ledger/pull/2', 'valid', 'pull request merged'],
      ['/ada/ledger/pull/3', 'valid', 'pull request closed'],
      ['/ada/ledger/issues/4', 'valid', 'issue closed'],
      ['/ada/ledger/commit/abcdef1', 'valid', 'commit'],
      ['/ada/ledger/commit/1234567', 'broken', 'commit not found'],
      ['/ada/gone', 'broken', 'repository not found'],
      ['/ada/ledger/pull/99', 'broken', 'pull request not found'],
    ];
    for (const [path, status, reason] of cases) {
      const r = await v.validate(`${base}${path}`, ctx());
      expect(r.status, path).toBe(status);
      expect(r.reason, path).toBe(reason);
    }
    expect(log.filter((l) => l.path.startsWith('/api/')).every((l) => l.auth === 'Bearer t0k')).toBe(true);
  });

  it('says a renamed repository is redirected to its new URL', async () => {
    const gh = await make(githubValidator, { apiBaseUrl: `${base}/api`, hosts: [host, 'github.com'] });
    const r = await gh.validate(`${base}/ada/old-name`, ctx());
    expect(r).toMatchObject({ status: 'redirected', finalUrl: 'https://github.com/ada/new-name' });
  });

  it('falls back to http when rate limited, and stays off the API until the reset', async () => {
    const before = log.length;
    const r = await v.validate(`${base}/ada/limited`, ctx());
    expect(r.status).toBe('valid');
    expect(log.slice(before).map((l) => l.path)).toEqual(['/api/repos/ada/limited', '/ada/limited']);
    const again = log.length;
    await v.validate(`${base}/ada/ledger`, ctx());
    expect(log.slice(again).every((l) => !l.path.startsWith('/api/'))).toBe(true);
  });

  it('falls back to http for pages the API does not describe', async () => {
    const gh = await make(githubValidator, { apiBaseUrl: `${base}/api`, hosts: [host] });
    expect((await gh.validate(`${base}/ok`, ctx())).status).toBe('valid');
  });

  it('parses the URLs it understands', () => {
    expect(parseGithubUrl(new URL('https://github.com/a/b.git'))).toEqual({
      type: 'repo',
      owner: 'a',
      repo: 'b',
    });
    expect(parseGithubUrl(new URL('https://github.com/a/b/pull/12/'))).toMatchObject({
      type: 'pull',
      number: '12',
    });
    expect(parseGithubUrl(new URL('https://github.com/a/b/blob/main/x.ts'))).toBeNull();
    expect(parseGithubUrl(new URL('https://github.com/orgs/x'))).toBeNull();
    expect(v.handles(new URL('https://gitlab.com/a/b'))).toBe(false);
  });
});

describe('doi validator', () => {
  let v: EvidenceValidatorHandler;
  beforeAll(async () => {
    v = await make(doiValidator, { resolverBaseUrl: `${base}/doi` });
  });

  it('resolves a registered DOI as valid with its target, an unknown one as broken', async () => {
    expect(await v.validate('https://doi.org/10.1000/182', ctx())).toMatchObject({
      status: 'valid',
      finalUrl: 'https://www.doi.org/the-handbook',
    });
    expect(await v.validate('doi:10.9999/missing', ctx())).toMatchObject({
      status: 'broken',
      httpStatus: 404,
    });
  });

  it('falls back to http on the resolver when its API fails', async () => {
    expect((await v.validate('https://dx.doi.org/10.5555/flaky', ctx())).status).toBe('valid');
  });

  it('handles DOI links only', () => {
    expect(v.handles(new URL('https://doi.org/10.1000/182'))).toBe(true);
    expect(v.handles(new URL('doi:10.1000/182'))).toBe(true);
    expect(v.handles(new URL('https://doi.org/about'))).toBe(false);
    expect(v.handles(new URL('https://example.org/10.1000/182'))).toBe(false);
  });
});

describe('registration', () => {
  it('registers github (10), doi (20) and http (100) as evidence validators', () => {
    const validators = BUILTIN_PLUGINS.filter((p) => p.kind === 'evidence-validator').map((p) => [
      p.name,
      p.order,
    ]);
    expect(validators).toEqual([
      ['github', 10],
      ['doi', 20],
      ['http', 100],
    ]);
  });

  it('picks the lowest-order validator that handles a URL', async () => {
    const deps = localDeps();
    const handlers = await Promise.all(
      BUILTIN_PLUGINS.filter((p) => p.kind === 'evidence-validator')
        .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
        .map(async (p) => ({ name: p.name, h: (await p.create({}, deps)) as EvidenceValidatorHandler })),
    );
    const pick = (u: string) => handlers.find((x) => x.h.handles(new URL(u)))?.name;
    expect(pick('https://github.com/a/b')).toBe('github');
    expect(pick('https://doi.org/10.1000/182')).toBe('doi');
    expect(pick('https://example.org/')).toBe('http');
    expect(pick('ftp://example.org/')).toBeUndefined();
  });
});
