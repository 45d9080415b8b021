import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, hit: number) => void;

export interface LinkCheckServer {
  base: string;
  /** Requests seen, in order. */
  requests: { method: string; path: string; at: number }[];
  hits(path: string): number;
  /** Forgets hit counts (routes that answer differently on the n-th request start over). */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A loopback server that does what each replay case's `route` says (markdown-link-check and linkinator specs),
 * plus the scenarios of the link checker: statuses, redirects and loops, HEAD refused, 429 with Retry-After,
 * slow answers and bot walls. `image` is the bytes served as /hello.jpg.
 */
export async function startLinkCheckServer({ image }: { image?: Uint8Array } = {}): Promise<LinkCheckServer> {
  const counts = new Map<string, number>();
  const requests: LinkCheckServer['requests'] = [];
  const status =
    (code: number, headers: Record<string, string> = {}): Route =>
    (_q, res) =>
      res.writeHead(code, headers).end(code === 204 ? undefined : `status ${code}`);
  const routes: Record<string, Route> = {
    // markdown-link-check
    '/redirect-with-body-in-head': (req) => {
      req.socket.end('HTTP/1.1 302 Found\r\nLocation: /foo/bar\r\n\r\nfoo bar baz qux');
    },
    '/loop': (_q, res) => res.writeHead(302, { location: '/loop' }).end(),
    '/foo/bar': (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"foo":"bar"}'),
    '/nohead': (req, res) => (req.method === 'HEAD' ? res.writeHead(405).end() : res.end('<html>ok</html>')),
    '/foo/redirect': (_q, res) => res.writeHead(302, { location: '/foo/bar' }).end(),
    '/basic-auth': (req, res) =>
      res.writeHead(req.headers.authorization === 'Basic Zm9vOmJhcg==' ? 200 : 401).end(),
    '/later': (_q, res, _u, hit) => {
      if (hit <= 5) return void res.writeHead(429, hit === 2 ? {} : { 'retry-after': '2' }).end();
      res.end('finally');
    },
    '/partial': status(206),
    '/hello.jpg': (_q, res) =>
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(image ?? new Uint8Array()),
    // linkinator status codes
    '/forbidden': status(403),
    '/notfound': status(404),
    '/success': status(200),
    '/teapot': status(418),
    '/unavailable': status(503),
    // scenarios
    '/ok': status(200),
    '/gone': status(410),
    '/error': status(500),
    '/moved': (_q, res) => res.writeHead(301, { location: '/ok' }).end(),
    '/moved-308': (_q, res) => res.writeHead(308, { location: '/ok' }).end(),
    '/temporary': (_q, res) => res.writeHead(307, { location: '/ok' }).end(),
    '/see-other': (_q, res) => res.writeHead(303, { location: '/ok' }).end(),
    '/moved-to-404': (_q, res) => res.writeHead(301, { location: '/notfound' }).end(),
    '/ping': (_q, res) => res.writeHead(302, { location: '/pong' }).end(),
    '/pong': (_q, res) => res.writeHead(302, { location: '/ping' }).end(),
    '/long-chain': (_q, res, url) => {
      const n = Number(url.searchParams.get('n') ?? 12);
      res.writeHead(302, { location: n > 0 ? `/long-chain?n=${n - 1}` : '/ok' }).end();
    },
    '/to-metadata': (_q, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/head-501': (req, res) => (req.method === 'HEAD' ? res.writeHead(501).end() : res.end('ok')),
    '/head-404': (req, res) => (req.method === 'HEAD' ? res.writeHead(404).end() : res.end('ok')),
    '/rate-limited': (_q, res, _u, hit) =>
      hit === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.end('ok'),
    '/rate-limited-date': (_q, res, _u, hit) =>
      hit === 1
        ? res.writeHead(429, { 'retry-after': new Date(Date.now() + 1500).toUTCString() }).end()
        : res.end('ok'),
    '/always-429': status(429, { 'retry-after': '0' }),
    '/busy': (_q, res, _u, hit) =>
      hit === 1 ? res.writeHead(503, { 'retry-after': '1' }).end() : res.end('ok'),
    '/slow': (_q, res, url) => {
      setTimeout(() => res.end('late'), Number(url.searchParams.get('ms') ?? 2_000)).unref();
    },
    '/linkedin': status(999),
    '/cloudflare': (_q, res) =>
      res.writeHead(403, { 'cf-mitigated': 'challenge', 'content-type': 'text/html' }).end('<html></html>'),
    '/challenge': (_q, res) =>
      res
        .writeHead(503, { 'content-type': 'text/html' })
        .end(
          '<html><head><title>Just a moment...</title></head><script src="/cdn-cgi/challenge-platform/x"></script></html>',
        ),
    '/captcha': (_q, res) =>
      res
        .writeHead(403, { 'content-type': 'text/html' })
        .end('<html><title>Access denied</title><div class="g-recaptcha"></div></html>'),
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hit = (counts.get(url.pathname) ?? 0) + 1;
    counts.set(url.pathname, hit);
    requests.push({ method: req.method ?? '', path: url.pathname, at: Date.now() });
    const route = routes[url.pathname];
    if (route) route(req, res, url, hit);
    else res.writeHead(404).end('not found');
  });
  server.keepAliveTimeout = 1_000;
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    hits: (path) => counts.get(path) ?? 0,
    reset: () => counts.clear(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export function readImage(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}
