import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';

let t: TestContext;
let token: string;

beforeAll(async () => {
  t = await createTestContext();
  token = (await t.signUp()).token;
});
afterAll(() => t.close());

const issuePaths = (body: { error: { details: { issues: Array<{ path: string }> } } }) =>
  body.error.details.issues.map((i) => i.path);

describe('GET /skills', () => {
  it('finds skills by name or alias', async () => {
    const res = await t.request('GET', '/api/v1/skills?q=kube&limit=5', { token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.length).toBeLessThanOrEqual(5);
    expect(res.body.items[0]).toEqual({
      id: 'kubernetes',
      name: 'Kubernetes',
      category: 'platform',
      aliases: expect.any(Array),
    });
    expect(res.body.items[0].aliases.map((a: string) => a.toLowerCase())).toContain('k8s');
    const alias = await t.request('GET', '/api/v1/skills?q=k8s', { token });
    expect(alias.body.items.map((s: { id: string }) => s.id)).toContain('kubernetes');
  });

  it('never exposes internal fields', async () => {
    const res = await t.request('GET', '/api/v1/skills?q=python', { token });
    for (const item of res.body.items)
      expect(Object.keys(item).sort()).toEqual(['aliases', 'category', 'id', 'name']);
  });

  it('without q lists the first skills by name, 10 by default', async () => {
    const res = await t.request('GET', '/api/v1/skills', { token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(10);
    const names: string[] = res.body.items.map((s: { name: string }) => s.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    for (const qs of ['?q=&limit=3', '?q=%20%20&limit=3', '?limit=3']) {
      const page = await t.request('GET', `/api/v1/skills${qs}`, { token });
      expect(page.status, qs).toBe(200);
      expect(page.body.items.map((s: { name: string }) => s.name)).toEqual(names.slice(0, 3));
    }
  });

  it('defaults to 10 results and honours limit up to 50', async () => {
    const byDefault = await t.request('GET', '/api/v1/skills?q=a', { token });
    expect(byDefault.body.items).toHaveLength(10);
    const max = await t.request('GET', '/api/v1/skills?q=a&limit=50', { token });
    expect(max.body.items).toHaveLength(50);
    const one = await t.request('GET', '/api/v1/skills?q=a&limit=1', { token });
    expect(one.body.items).toHaveLength(1);
  });

  it('is an empty list when nothing matches', async () => {
    const res = await t.request('GET', '/api/v1/skills?q=qqqzzzxxyy', { token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('rejects a limit outside 1..50 and unknown parameters with field details', async () => {
    for (const qs of ['limit=0', 'limit=51', 'limit=ten']) {
      const res = await t.request('GET', `/api/v1/skills?q=go&${qs}`, { token });
      expect(res.status, qs).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(issuePaths(res.body)).toEqual(['query.limit']);
    }
    const unknown = await t.request('GET', '/api/v1/skills?q=go&sort=name', { token });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details)).toContain('sort');
  });

  it('treats HTML- and SQL-looking queries as plain text', async () => {
    for (const q of ['<script>alert(1)</script>', "'; drop table labels; --"]) {
      const res = await t.request('GET', `/api/v1/skills?q=${encodeURIComponent(q)}`, { token });
      expect(res.status, q).toBe(200);
      expect(Array.isArray(res.body.items)).toBe(true);
    }
  });

  it('is 401 without a token', async () => {
    const res = await t.request('GET', '/api/v1/skills?q=kube');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /skills/normalize', () => {
  it('maps an alias to its canonical skill', async () => {
    const res = await t.request('GET', '/api/v1/skills/normalize?name=k8s', { token });
    expect(res.status).toBe(200);
    expect(res.body.input).toBe('k8s');
    expect(res.body.match).toEqual({ id: 'kubernetes', name: 'Kubernetes', category: 'platform' });
    expect(Array.isArray(res.body.suggestions)).toBe(true);
    expect(res.body.suggestions.map((s: { id: string }) => s.id)).not.toContain('kubernetes');
    for (const s of res.body.suggestions) expect(Object.keys(s).sort()).toEqual(['category', 'id', 'name']);
  });

  it('returns no match, and suggestions, for a misspelling', async () => {
    const res = await t.request('GET', '/api/v1/skills/normalize?name=Kubernetis', { token });
    expect(res.status).toBe(200);
    expect(res.body.match).toBeNull();
    expect(res.body.suggestions.map((s: { id: string }) => s.id)).toContain('kubernetes');
  });

  it('echoes HTML-looking input verbatim with no match', async () => {
    const name = '<script>alert(1)</script>';
    const res = await t.request('GET', `/api/v1/skills/normalize?name=${encodeURIComponent(name)}`, {
      token,
    });
    expect(res.status).toBe(200);
    expect(res.body.input).toBe(name);
    expect(res.body.match).toBeNull();
  });

  it('requires name', async () => {
    for (const qs of ['', '?name=', '?name=%20%20']) {
      const res = await t.request('GET', `/api/v1/skills/normalize${qs}`, { token });
      expect(res.status, qs).toBe(400);
      expect(issuePaths(res.body)).toEqual(['query.name']);
    }
  });

  it('is 401 without a token', async () => {
    expect((await t.request('GET', '/api/v1/skills/normalize?name=k8s')).status).toBe(401);
  });
});

describe('rate limit', () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await createTestContext({ DOSSIER_RATE_LIMIT_PER_HOUR: '3' });
  });
  afterAll(() => limited.close());

  it('answers the fourth request with 429 and Retry-After', async () => {
    const u = await limited.signUp();
    for (let i = 0; i < 3; i++) {
      expect((await limited.request('GET', '/api/v1/skills?q=go', { token: u.token })).status).toBe(200);
    }
    const res = await limited.request('GET', '/api/v1/skills/normalize?name=go', { token: u.token });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
