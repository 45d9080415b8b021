import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function userWithData() {
  const u = await t.signUp();
  const a = await t.request('POST', '/api/v1/artifacts', {
    token: u.token,
    body: {
      title: 'A',
      summary: 'S',
      startDate: '2024-01-01',
      evidence: [{ url: 'https://example.test/e' }],
    },
  });
  expect(a.status).toBe(201);
  await t.request('POST', '/api/v1/account/api-keys', { token: u.token, body: { name: 'k' } });
  return u;
}

describe('account', () => {
  it('exports everything the user owns, without secrets', async () => {
    const u = await userWithData();
    const res = await t.request('GET', '/api/v1/account/export', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body.portfolio.artifacts).toHaveLength(1);
    expect(res.body.apiKeys).toHaveLength(1);
    expect(res.body.apiKeys[0]).not.toHaveProperty('key');
    expect(res.body.apiKeys[0]).not.toHaveProperty('keyHash');
    expect(res.body.auditEvents.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user.register', 'artifact.create', 'api-key.create']),
    );
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
  });

  it('deletes the account with cascade, audited, only with the password', async () => {
    const u = await userWithData();
    const wrong = await t.request('DELETE', '/api/v1/account', {
      token: u.token,
      body: { password: 'not it at all' },
    });
    expect(wrong.status).toBe(403);
    const ok = await t.request('DELETE', '/api/v1/account', {
      token: u.token,
      body: { password: u.password },
    });
    expect(ok.status).toBe(204);
    const conn = t.services.orm.em.getConnection();
    for (const table of ['artifacts', 'evidence_links', 'labels', 'api_keys', 'refresh_tokens']) {
      const rows = await conn.execute(`select count(*)::int as n from ${table} where owner_id = ?`, [
        u.userId,
      ]);
      expect(rows[0]!.n, table).toBe(0);
    }
    const audit = await t.services.orm.em
      .fork()
      .count(AuditEvent, { actorId: u.userId, action: 'user.delete' });
    expect(audit).toBe(1);
    const login = await t.request('POST', '/api/v1/auth/login', {
      body: { email: u.email, password: u.password },
    });
    expect(login.status).toBe(401);
    const me = await t.request('GET', '/api/v1/auth/me', { token: u.token });
    expect(me.status).toBe(401);
  });
});
