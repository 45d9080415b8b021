import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../runtime/start-embedded-postgres.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { startRedisServer } from '../test-support/start-redis-server.js';

let t: TestContext;
let token: string;
beforeAll(async () => {
  t = await createTestContext({
    DOSSIER_FEATURES: 'exportPdf=false',
    DOSSIER_BODY_LIMIT_BYTES: String(10 * 1024 * 1024),
  });
  token = (await t.signUp()).token;
});
afterAll(() => t.close());

describe('bad input never answers 500', () => {
  it('malformed JSON → 400 INVALID_JSON', async () => {
    const res = await t.request('POST', '/api/v1/artifacts', {
      token,
      rawBody: '{"title": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
    expect(res.body.error.details.reason).toBeTruthy();
  });

  it('wrong content type → 415', async () => {
    const res = await t.request('POST', '/api/v1/artifacts', {
      token,
      rawBody: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over 10 MB → 413', async () => {
    const big = JSON.stringify({ title: 'x', summary: 'y'.repeat(10 * 1024 * 1024 + 10) });
    const res = await t.request('POST', '/api/v1/artifacts', {
      token,
      rawBody: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a JSON array or scalar body → 400 with details', async () => {
    for (const raw of ['[]', '42', '"x"', 'null']) {
      const res = await t.request('POST', '/api/v1/artifacts', {
        token,
        rawBody: raw,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
    }
  });

  it('unknown routes → 404 in the error format', async () => {
    const res = await t.request('GET', '/api/v1/nope', { token });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('honours a sane incoming request id and replaces a hostile one', async () => {
    const ok = await t.request('GET', '/api/v1/nope', { headers: { 'x-request-id': 'abc-123' } });
    expect(ok.headers.get('x-request-id')).toBe('abc-123');
    const bad = await t.request('GET', '/api/v1/nope', { headers: { 'x-request-id': '<script>' } });
    expect(bad.headers.get('x-request-id')).not.toBe('<script>');
  });
});

describe('service endpoints', () => {
  it('health, readiness and metrics', async () => {
    expect((await t.request('GET', '/health')).body).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe('ok');
    await t.request('GET', '/api/v1/artifacts', { token });
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/artifacts",status="200"\}/,
    );
    expect(metrics.body).toMatch(/db_pool_connections\{state="total"\} \d+/);
    expect(metrics.body).toContain('queue_depth');
  });

  it('serves an OpenAPI 3.1 document covering every route, and a docs page', async () => {
    const doc = await t.request('GET', '/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    // Valid against the OpenAPI 3.1 specification's own JSON Schema, as client generators expect.
    const validation = await new Validator().validate(doc.body);
    expect(validation.errors ?? [], JSON.stringify(validation.errors)).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(
      doc.body.paths['/artifacts'].post.requestBody.content['application/json'].schema.properties.title,
    ).toBeTruthy();
    expect(doc.body.paths['/artifacts/{id}'].get).toBeTruthy();
    const page = await t.request('GET', '/api/v1/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/api/v1/artifacts');
  });

  it('sends security headers', async () => {
    const res = await t.request('GET', '/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('lists feature flags', async () => {
    const res = await t.request('GET', '/api/v1/features');
    expect(res.body).toMatchObject({ exportPdf: false, cvGeneration: true });
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the hourly budget (Redis-backed)', async () => {
    const r = await createTestContext({ DOSSIER_RATE_LIMIT_PER_HOUR: '3' }, { redis: true });
    try {
      const u = await r.signUp();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        // The counting script is called by its hash; a server that forgot it gets it again.
        if (i === 2) await r.services.redis!.script('FLUSH');
        statuses.push((await r.request('GET', '/api/v1/artifacts', { token: u.token })).status);
      }
      // Sign-up itself counted against the caller's address, not the user.
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      const last = await r.request('GET', '/api/v1/artifacts', { token: u.token });
      expect(last.status).toBe(429);
      expect(last.body.error.code).toBe('RATE_LIMITED');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      const ready = await r.request('GET', '/health/ready');
      expect(ready.body.checks.redis).toBe('ok');
    } finally {
      await r.close();
    }
  });
});

describe('Redis down', () => {
  it('answers 503 UNAVAILABLE with Retry-After (not 500) while Redis is down, and recovers when it is back', async () => {
    const port = await findFreePort();
    let redis = await startRedisServer(port);
    const r = await createTestContext({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      const u = await r.signUp();
      expect((await r.request('GET', '/api/v1/artifacts', { token: u.token })).status).toBe(200);
      await redis.stop();
      for (const [method, path] of [
        ['GET', '/api/v1/artifacts'],
        ['GET', '/api/v1/skills?q=go'],
      ] as const) {
        const res = await r.request(method, path, { token: u.token });
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(503);
        expect(res.body.error).toMatchObject({ code: 'UNAVAILABLE', message: 'Redis is unavailable' });
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      const ready = await r.request('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.redis).toBe('down');

      redis = await startRedisServer(port);
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        status = (await r.request('GET', '/api/v1/artifacts', { token: u.token })).status;
        if (status !== 200) await new Promise((res) => setTimeout(res, 200));
      }
      expect(status).toBe(200);
    } finally {
      await r.close();
      await redis.stop();
    }
  }, 60_000);
});
