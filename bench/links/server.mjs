// The link-check fixture for `npm run bench:links`: one process listening on 127.0.0.1–127.0.0.<hosts> (all
// loopback on Linux), the same port everywhere. Every URL's behaviour comes from its path:
//   /ok/<i>            200
//   /dead/<i>          404
//   /redirect/<i>      301 or 302 (by i) to /target/<i>, which answers 200
//   /slow/<i>          200 after BENCH_SLOW_MS (2 s)
//   /limited/<i>       429 with Retry-After: 1 until one second has passed since its first 429, then 200
//   /wall/<i>          a bot wall: 999, 403 with cf-mitigated, or 503 with a challenge page (by i)
//   /nohead/<i>        405 to HEAD, 200 to GET
//   /__index.html      an HTML page linking every URL (what linkinator crawls)
// The parent sends {type:'start', hosts, urls} and gets {type:'listening', port}; {type:'reset'} forgets the
// 429 state and the counters; {type:'stats'} answers with request counts per method and category.
import { createServer } from 'node:http';

const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 2_000);
const BODY =
  '<!doctype html><html><head><title>fixture</title></head><body><p>Dossier link fixture</p></body></html>';
const CHALLENGE =
  '<!doctype html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></body></html>';

let limitedSince = new Map();
let counts = {};
let indexHtml = '';

function count(key) {
  counts[key] = (counts[key] ?? 0) + 1;
}

function handle(req, res) {
  const [, kind, idText] = (req.url ?? '/').split('/');
  const i = Number(idText);
  count(`${req.method} ${kind}`);
  const html = (status, headers = {}, body = BODY) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  switch (kind) {
    case '__index.html':
      return html(200, {}, indexHtml);
    case 'ok':
    case 'target':
      return html(200);
    case 'dead':
      return html(404, {}, 'not found');
    case 'redirect':
      res.writeHead(i % 2 === 0 ? 301 : 302, { location: `/target/${i}` });
      return res.end();
    case 'slow':
      return void setTimeout(() => html(200), SLOW_MS);
    case 'limited': {
      const key = `${req.headers.host}/${i}`;
      const since = limitedSince.get(key);
      if (since === undefined || Date.now() - since < 1_000) {
        if (since === undefined) limitedSince.set(key, Date.now());
        return html(429, { 'retry-after': '1' }, 'slow down');
      }
      return html(200);
    }
    case 'wall':
      if (i % 3 === 0) return html(999, {}, 'Request denied');
      if (i % 3 === 1) return html(403, { 'cf-mitigated': 'challenge' }, CHALLENGE);
      return html(503, {}, CHALLENGE);
    case 'nohead':
      if (req.method === 'HEAD') {
        res.writeHead(405, { allow: 'GET' });
        return res.end();
      }
      return html(200);
    default:
      return html(404, {}, 'no such route');
  }
}

process.on('message', async (msg) => {
  if (msg.type === 'start') {
    indexHtml = `<!doctype html><html><body>${msg.urls.map((u) => `<a href="${u}">${u}</a>`).join('\n')}</body></html>`;
    let port = msg.port ?? 0;
    for (let h = 1; h <= msg.hosts; h++) {
      const server = createServer(handle);
      server.keepAliveTimeout = 5_000;
      // Every address gets its own listening socket on the same port.
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host: `127.0.0.${h}`, backlog: 1024 }, resolve);
      });
      port = server.address().port;
    }
    process.send({ type: 'listening', port });
  } else if (msg.type === 'reset') {
    limitedSince = new Map();
    counts = {};
    process.send({ type: 'reset' });
  } else if (msg.type === 'stats') {
    process.send({ type: 'stats', counts });
  }
});
process.on('disconnect', () => process.exit(0));
