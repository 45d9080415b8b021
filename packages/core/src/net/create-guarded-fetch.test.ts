import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch, type ResolveHost } from './create-guarded-fetch.js';
import { GuardError } from './guard-error.js';

let server: Server;
let connections = 0;
let port: number;
let base: string;
const seen: { path: string; method: string; host: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({
      path: url.pathname,
      method: req.method ?? '',
      host: req.headers.host ?? '',
      headers: req.headers,
    });
    const to = url.searchParams.get('to');
    switch (url.pathname) {
      case '/ok':
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('hello');
        return;
      case '/redirect':
        res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to ?? '/ok' });
        res.end('moving');
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        res.end();
        return;
      case '/chain': {
        const n = Number(url.searchParams.get('n'));
        res.writeHead(302, { location: n > 0 ? `/chain?n=${n - 1}` : '/ok' });
        res.end();
        return;
      }
      case '/big':
        res.setHeader('content-length', String(3 * 1024 * 1024));
        res.end(Buffer.alloc(3 * 1024 * 1024, 97));
        return;
      case '/big-chunked': {
        // No Content-Length: the cap has to hold while streaming.
        let sent = 0;
        const pump = () => {
          while (sent < 3 * 1024 * 1024) {
            sent += 64 * 1024;
            if (!res.write(Buffer.alloc(64 * 1024, 98))) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      case '/slow':
        setTimeout(() => res.end('late'), 5_000).unref();
        return;
      case '/echo':
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, headers: req.headers }));
        return;
      default:
        res.statusCode = 404;
        res.end('no');
    }
  });
  server.on('connection', () => {
    connections += 1;
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const LOCAL = ['127.0.0.1/32'];

async function refusal(promise: Promise<unknown>): Promise<GuardError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GuardError);
  return error as GuardError;
}

describe('createGuardedFetch', () => {
  it('refuses a loopback server without an allow-list, however the address is written', async () => {
    const fetch = createGuardedFetch();
    for (const url of [
      `${base}/ok`,
      `http://0x7f.1:${port}/ok`,
      `http://2130706433:${port}/ok`,
      `http://0177.0.0.1:${port}/ok`,
      `http://[::ffff:127.0.0.1]:${port}/ok`,
      `http://[::1]:${port}/ok`,
      `http://localhost:${port}/ok`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
    ]) {
      const err = await refusal(fetch(url));
      expect(err.code, url).toBe('BLOCKED_ADDRESS');
    }
    expect(seen.filter((s) => s.path === '/ok')).toHaveLength(0);
  });

  it('fetches from the loopback server once 127.0.0.1/32 is allow-listed, on any port', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    const res = await fetch(`${base}/ok`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/ok`);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('hello');
    expect(new TextDecoder().decode(await res.bytes())).toBe('hello');
  });

  it('sends its user agent and never forwards a caller Host header', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL, userAgent: 'DossierTest/1' });
    const res = await fetch(`${base}/echo`, { headers: { host: 'metadata.google.internal', 'x-a': '1' } });
    const echoed = JSON.parse(await res.text());
    expect(echoed.headers['user-agent']).toBe('DossierTest/1');
    expect(echoed.headers.host).toBe(`127.0.0.1:${port}`);
    expect(echoed.headers['x-a']).toBe('1');
  });

  it('refuses non-http schemes and malformed URLs', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/x',
      'gopher://127.0.0.1:6379/_',
      'javascript:alert(1)',
    ]) {
      expect((await refusal(fetch(url))).code, url).toBe('BLOCKED_SCHEME');
    }
    expect((await refusal(fetch('not a url'))).code).toBe('INVALID_URL');
  });

  it('refuses ports other than 80 and 443 on destinations that are not allow-listed', async () => {
    const resolve: ResolveHost = async () => [{ address: '93.184.216.34', family: 4 }];
    const fetch = createGuardedFetch({ resolve });
    const err = await refusal(fetch('http://public.example.test:6379/'));
    expect(err.code).toBe('BLOCKED_PORT');
    expect((await refusal(createGuardedFetch({ resolve, allowedPorts: [80] })('https://x.test/'))).code).toBe(
      'BLOCKED_PORT',
    );
  });

  it('refuses a name with any forbidden address among its answers', async () => {
    const resolve: ResolveHost = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    const err = await refusal(createGuardedFetch({ resolve })('http://mixed.example.test/'));
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(err.message).toContain('10.0.0.5');
  });

  it('connects to the address it checked, resolving once (DNS rebinding has nothing to flip)', async () => {
    let calls = 0;
    const resolve: ResolveHost = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const fetch = createGuardedFetch({ allowList: LOCAL, resolve });
    const res = await fetch(`http://rebind.example.test:${port}/ok`);
    expect(await res.text()).toBe('hello');
    expect(calls).toBe(1);
    expect(seen.at(-1)?.host).toBe(`rebind.example.test:${port}`);
  });

  it('allow-lists by host name too', async () => {
    const resolve: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const fetch = createGuardedFetch({ allowList: ['intranet.example.test'], resolve });
    expect((await fetch(`http://intranet.example.test:${port}/ok`)).status).toBe(200);
    expect((await refusal(fetch(`http://other.example.test:${port}/ok`))).code).toBe('BLOCKED_ADDRESS');
  });

  it('checks every redirect hop: a redirect to a forbidden address is refused', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    for (const to of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      `http://127.0.0.2:${port}/ok`,
      `http://[::1]:${port}/ok`,
      'http://0x7f000002/',
    ]) {
      const before = seen.length;
      const err = await refusal(fetch(`${base}/redirect?to=${encodeURIComponent(to)}`));
      expect(err.code, to).toBe('BLOCKED_ADDRESS');
      expect(seen.slice(before).map((s) => s.path)).toEqual(['/redirect']);
    }
    const scheme = await refusal(fetch(`${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`));
    expect(scheme.code).toBe('BLOCKED_SCHEME');
  });

  it('follows allowed redirects and reports the final URL', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    const res = await fetch(`${base}/redirect?to=/ok`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/ok`);
    expect((await fetch(`${base}/chain?n=9`)).status).toBe(200);
  });

  it('turns a redirected POST into a GET on 303 and keeps it on 307', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    const r303 = await fetch(`${base}/redirect?status=303&to=/echo`, { method: 'POST', body: 'x' });
    expect(JSON.parse(await r303.text()).method).toBe('GET');
    const r307 = await fetch(`${base}/redirect?status=307&to=/echo`, { method: 'POST', body: 'x' });
    expect(JSON.parse(await r307.text()).method).toBe('POST');
  });

  it('stops a redirect loop with TOO_MANY_REDIRECTS after 10 hops', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    const before = seen.length;
    const err = await refusal(fetch(`${base}/loop`));
    expect(err.code).toBe('TOO_MANY_REDIRECTS');
    expect(seen.length - before).toBe(11);
    expect((await refusal(fetch(`${base}/chain?n=10`))).code).toBe('TOO_MANY_REDIRECTS');
  });

  it('caps the body: TOO_LARGE with or without Content-Length', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL, maxBytes: 1024 * 1024 });
    expect((await refusal(fetch(`${base}/big`))).code).toBe('TOO_LARGE');
    expect((await refusal(fetch(`${base}/big-chunked`))).code).toBe('TOO_LARGE');
    const roomy = createGuardedFetch({ allowList: LOCAL, maxBytes: 4 * 1024 * 1024 });
    expect((await (await roomy(`${base}/big`)).bytes()).byteLength).toBe(3 * 1024 * 1024);
  });

  it('gives up with TIMEOUT at the deadline', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL, timeoutMs: 200 });
    const started = Date.now();
    expect((await refusal(fetch(`${base}/slow`))).code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3_000);
    const slowDns: ResolveHost = () => new Promise(() => {});
    expect(
      (await refusal(createGuardedFetch({ timeoutMs: 100, resolve: slowDns })('http://x.test/'))).code,
    ).toBe('TIMEOUT');
  });

  it("passes the caller's abort through as an abort, not a refusal", async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    const controller = new AbortController();
    const pending = fetch(`${base}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by test')), 50);
    await expect(pending).rejects.toThrow('cancelled by test');
  });
});

describe('createGuardedFetch: options for validators', () => {
  it('returns a redirect as it is with redirect: manual, the location made absolute', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    const res = await fetch(`${base}/redirect?status=308&to=/ok`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`${base}/ok`);
    expect(res.url).toBe(`${base}/redirect?status=308&to=/ok`);
  });

  it('still checks the first hop with redirect: manual', async () => {
    const fetch = createGuardedFetch();
    expect((await refusal(fetch(`${base}/redirect`, { redirect: 'manual' }))).code).toBe('BLOCKED_ADDRESS');
  });

  it('sends HEAD without reading a body', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    const before = seen.length;
    const res = await fetch(`${base}/ok`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(seen[before]?.method).toBe('HEAD');
  });

  it('keeps connections alive across requests to one checked destination, HEAD included', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    await fetch(`${base}/ok`, { method: 'HEAD' });
    const before = connections;
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${base}/ok`, { method: i % 2 ? 'GET' : 'HEAD' })).status).toBe(200);
      await new Promise((r) => setImmediate(r));
    }
    // Without keep-alive every HEAD would open its own connection.
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('truncates at maxBytes instead of failing when asked', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL });
    for (const path of ['/big', '/big-chunked']) {
      const res = await fetch(`${base}${path}`, { maxBytes: 1024 * 1024, truncate: true });
      expect(res.truncated, path).toBe(true);
      expect((await res.bytes()).byteLength, path).toBe(1024 * 1024);
    }
    const small = await fetch(`${base}/ok`, { maxBytes: 1024, truncate: true });
    expect(small.truncated).toBeUndefined();
  });

  it('has a headers deadline of its own, reported as TIMEOUT', async () => {
    const fetch = createGuardedFetch({ allowList: LOCAL, timeoutMs: 10_000 });
    const started = Date.now();
    const err = await refusal(fetch(`${base}/slow`, { timeouts: { headersMs: 150 } }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/headers/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('never reuses a pooled connection for an address that was not approved again', async () => {
    let answer = '127.0.0.1';
    const resolve: ResolveHost = async () => [{ address: answer, family: 4 }];
    const fetch = createGuardedFetch({ allowList: LOCAL, resolve });
    expect((await fetch(`http://pool.example.test:${port}/ok`)).status).toBe(200);
    answer = '169.254.169.254';
    expect((await refusal(fetch(`http://pool.example.test:${port}/ok`))).code).toBe('BLOCKED_ADDRESS');
    answer = '127.0.0.1';
    expect((await fetch(`http://pool.example.test:${port}/ok`)).status).toBe(200);
  });

  it('refuses a port outside 80/443 even on a public address, and opens it by allow-list', async () => {
    const resolve: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    expect(
      (
        await refusal(
          createGuardedFetch({ resolve, allowList: LOCAL.map(() => 'other.test') })(
            `http://x.test:${port}/ok`,
          ),
        )
      ).code,
    ).toBe('BLOCKED_ADDRESS');
    const byName = createGuardedFetch({ resolve, allowList: ['x.test'] });
    expect((await byName(`http://x.test:${port}/ok`)).status).toBe(200);
  });
});
