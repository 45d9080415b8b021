import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ DOSSIER_LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => t.close());

describe('POST /auth/register', () => {
  it('creates an account and returns a session', async () => {
    const res = await t.request('POST', '/api/v1/auth/register', {
      body: { email: 'Ada@Example.test', password: 'long enough password', name: 'Ada' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'ada@example.test', name: 'Ada', role: 'user' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.refreshToken).toMatch(/^dsr_/);
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('ada@example.test');
    const audits = await t.services.orm.em
      .fork()
      .count(AuditEvent, { actorId: res.body.user.id, action: 'user.register' });
    expect(audits).toBe(1);
  });

  it('rejects a duplicate e-mail with 409', async () => {
    const { email } = await t.signUp();
    const res = await t.request('POST', '/api/v1/auth/register', {
      body: { email, password: 'another password' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });

  it('gives field details for a bad body', async () => {
    const res = await t.request('POST', '/api/v1/auth/register', {
      body: { email: 'nope', password: 'short' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    expect(res.body.error.requestId).toBeTruthy();
  });

  it('rejects a protected field such as role', async () => {
    const res = await t.request('POST', '/api/v1/auth/register', {
      body: { email: 'mallory@example.test', password: 'long enough password', role: 'admin' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain('role');
  });
});

describe('login, refresh, logout', () => {
  it('logs in with the right password only', async () => {
    const u = await t.signUp();
    const ok = await t.request('POST', '/api/v1/auth/login', {
      body: { email: u.email, password: u.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(u.userId);
    const bad = await t.request('POST', '/api/v1/auth/login', {
      body: { email: u.email, password: 'wrong password!' },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('throttles repeated failed logins with 429 and Retry-After', async () => {
    const u = await t.signUp();
    for (let i = 0; i < 3; i++) {
      const r = await t.request('POST', '/api/v1/auth/login', {
        body: { email: u.email, password: 'wrong password!' },
      });
      expect(r.status).toBe(401);
    }
    const blocked = await t.request('POST', '/api/v1/auth/login', {
      body: { email: u.email, password: u.password },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rotates refresh tokens and revokes the family on reuse', async () => {
    const u = await t.signUp();
    const first = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(u.refreshToken);
    // The spent token comes back: a leak. Both it and its successor stop working.
    const reuse = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(reuse.status).toBe(401);
    const successor = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(successor.status).toBe(401);
  });

  it('logout revokes the refresh token', async () => {
    const u = await t.signUp();
    const out = await t.request('POST', '/api/v1/auth/logout', {
      token: u.token,
      body: { refreshToken: u.refreshToken },
    });
    expect(out.status).toBe(204);
    const again = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(again.status).toBe(401);
  });

  it('logout needs only the refresh token (as the web app sends it), and ends that session alone', async () => {
    const u = await t.signUp();
    const other = await t.request('POST', '/api/v1/auth/login', {
      body: { email: u.email, password: u.password },
    });
    const out = await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: u.refreshToken } });
    expect(out.status).toBe(204);
    expect((await t.request('GET', '/api/v1/auth/me', { token: u.token })).status).toBe(401);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: u.refreshToken } })).status,
    ).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { token: other.body.accessToken })).status).toBe(200);
    // Again, or with a token no one was given: nothing to end, and nothing said about whether it existed.
    for (const refreshToken of [u.refreshToken, 'dsr_not-a-token-anyone-has']) {
      expect((await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken } })).status).toBe(204);
    }
    const ended = await t.services.orm.em
      .fork()
      .count(AuditEvent, { actorId: u.userId, action: 'user.logout' });
    expect(ended).toBe(1);
  });

  it('rejects tampered, unsigned and foreign-audience tokens', async () => {
    const u = await t.signUp();
    const [h, p] = u.token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    for (const token of [`${h}.${p}.AAAA`, none, 'garbage']) {
      const r = await t.request('GET', '/api/v1/auth/me', { token });
      expect(r.status).toBe(401);
    }
    const r = await t.request('GET', '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } });
    expect(r.status).toBe(401);
  });
});

describe('API keys', () => {
  it('authenticates with X-API-Key and stores only a hash', async () => {
    const u = await t.signUp();
    const created = await t.request('POST', '/api/v1/account/api-keys', {
      token: u.token,
      body: { name: 'laptop' },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^dsk_/);
    const me = await t.request('GET', '/api/v1/auth/me', { apiKey: created.body.key });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(u.userId);
    const rows = await t.services.orm.em
      .getConnection()
      .execute('select key_hash from api_keys where id = ?', [created.body.id]);
    expect(rows[0]!.key_hash).not.toContain(created.body.key);
    const list = await t.request('GET', '/api/v1/account/api-keys', { token: u.token });
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    const revoked = await t.request('DELETE', `/api/v1/account/api-keys/${created.body.id}`, {
      token: u.token,
    });
    expect(revoked.status).toBe(204);
    const after = await t.request('GET', '/api/v1/auth/me', { apiKey: created.body.key });
    expect(after.status).toBe(401);
  });
});
