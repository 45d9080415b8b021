import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedWebFetch } from './create-guarded-web-fetch.js';
import { GuardError } from './guard-error.js';
import type { ResolveHost } from './outbound-guard.js';

let server: Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      res.writeHead(Number(url.searchParams.get('status') ?? 302), {
        location: url.searchParams.get('to') ?? '/json',
      });
      res.end();
      return;
    }
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null }));
    });
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

describe('createGuardedWebFetch (for the LLM SDKs)', () => {
  it('refuses loopback, metadata and private addresses without an allow-list', async () => {
    const fetch = createGuardedWebFetch();
    for (const url of [`${base}/json`, 'http://169.254.169.254/latest/', 'http://[::1]/', 'http://0x7f.1/']) {
      const err = await fetch(url).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(GuardError);
      expect((err as GuardError).code).toBe('BLOCKED_ADDRESS');
    }
    expect(((await fetch('file:///etc/passwd').catch((e: unknown) => e)) as GuardError).code).toBe(
      'BLOCKED_SCHEME',
    );
  });

  it('returns a standard Response from an allow-listed server, POST body and headers intact', async () => {
    const fetch = createGuardedWebFetch({ allowList: ['127.0.0.1/32'] });
    const res = await fetch(`${base}/json`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    });
    expect(res.ok).toBe(true);
    expect(await res.json()).toEqual({ method: 'POST', body: '{"a":1}', auth: 'Bearer k' });
  });

  it('checks every redirect hop and drops credentials across origins', async () => {
    const fetch = createGuardedWebFetch({ allowList: ['127.0.0.1/32'] });
    const err = await fetch(`${base}/redirect?to=${encodeURIComponent('http://169.254.169.254/')}`).catch(
      (e: unknown) => e,
    );
    expect((err as GuardError).code).toBe('BLOCKED_ADDRESS');
    const resolve: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const named = createGuardedWebFetch({ allowList: ['127.0.0.1/32'], resolve });
    const to = encodeURIComponent(`http://other.test:${port}/json`);
    const res = await named(`${base}/redirect?status=307&to=${to}`, {
      method: 'POST',
      body: 'x',
      headers: { authorization: 'Bearer k' },
    });
    expect(await res.json()).toEqual({ method: 'POST', body: 'x', auth: null });
  });
});
