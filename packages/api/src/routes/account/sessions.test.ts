import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../db/entities/index.js';
import { purgeExpiredSessions } from '../../queue/jobs/purge-expired-sessions.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** Signs in with a given User-Agent: another browser or device of the same account. */
async function signIn(email: string, password: string, userAgent?: string) {
  const res = await t.request('POST', '/api/v1/auth/login', {
    body: { email, password },
    ...(userAgent ? { headers: { 'user-agent': userAgent } } : {}),
  });
  expect(res.status).toBe(200);
  return { token: res.body.accessToken as string, refreshToken: res.body.refreshToken as string };
}

const sessionsOf = async (token: string) => {
  const res = await t.request('GET', '/api/v1/account/sessions', { token });
  expect(res.status).toBe(200);
  return res.body.items as Array<Record<string, unknown>>;
};
const canRead = async (token: string) => (await t.request('GET', '/api/v1/artifacts', { token })).status;

describe('sessions', () => {
  it('lists each sign-in with its device, marks the current one, and keeps its id through renewals', async () => {
    const me = await t.signUp();
    const laptop = await signIn(me.email, me.password, FIREFOX);
    const phone = await signIn(me.email, me.password, IPHONE);
    const listed = await sessionsOf(laptop.token);
    expect(listed).toHaveLength(3);
    // The most recently renewed first.
    expect(listed.map((s) => s.device)).toEqual(['Safari 17 on iOS', 'Firefox 133 on Linux', 'node']);
    expect(listed.map((s) => s.current)).toEqual([false, true, false]);
    expect(listed[1]).toMatchObject({ userAgent: FIREFOX });
    for (const s of listed) {
      expect(Date.parse(s.expiresAt as string)).toBeGreaterThan(Date.now());
      expect(s.renewedAt).toBe(s.signedInAt);
    }

    // A renewal is the same session: same id, a later renewedAt, and the new access token is its too.
    const renewed = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: phone.refreshToken },
      headers: { 'user-agent': IPHONE },
    });
    expect(renewed.status).toBe(200);
    const after = await sessionsOf(renewed.body.accessToken);
    expect(after).toHaveLength(3);
    const phoneSession = after.find((s) => s.current)!;
    expect(phoneSession.id).toBe(listed[0]!.id);
    expect(Date.parse(phoneSession.renewedAt as string)).toBeGreaterThanOrEqual(
      Date.parse(phoneSession.signedInAt as string),
    );

    // Another account's sessions are not listed.
    const other = await t.signUp();
    expect((await sessionsOf(other.token)).map((s) => s.id)).not.toContain(phoneSession.id);
  });

  it('ending one session refuses its access token at once and leaves the others working', async () => {
    const me = await t.signUp();
    const laptop = await signIn(me.email, me.password, FIREFOX);
    const phone = await signIn(me.email, me.password, IPHONE);
    const phoneId = (await sessionsOf(phone.token)).find((s) => s.current)!.id as string;
    expect(await canRead(phone.token)).toBe(200);

    const ended = await t.request('DELETE', `/api/v1/account/sessions/${phoneId}`, { token: laptop.token });
    expect(ended.status).toBe(204);
    const refused = await t.request('GET', '/api/v1/artifacts', { token: phone.token });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('This session has been signed out');
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: phone.refreshToken } }))
        .status,
    ).toBe(401);
    expect(await canRead(laptop.token)).toBe(200);
    expect(await canRead(me.token)).toBe(200);
    expect((await sessionsOf(laptop.token)).map((s) => s.id)).not.toContain(phoneId);

    // Ended already, someone else's, or not a session id at all: 404.
    expect(
      (await t.request('DELETE', `/api/v1/account/sessions/${phoneId}`, { token: laptop.token })).status,
    ).toBe(404);
    const other = await t.signUp();
    const otherId = (await sessionsOf(other.token))[0]!.id;
    expect(
      (await t.request('DELETE', `/api/v1/account/sessions/${otherId}`, { token: laptop.token })).status,
    ).toBe(404);
    expect(await canRead(other.token)).toBe(200);
    expect((await t.request('DELETE', '/api/v1/account/sessions/nope', { token: laptop.token })).status).toBe(
      404,
    );

    const audit = await t.services.orm.em
      .fork()
      .find(AuditEvent, { actorId: me.userId, action: 'session.end' });
    expect(audit.map((a) => a.entityId)).toEqual([phoneId]);
  });

  it('a session can end itself', async () => {
    const me = await t.signUp();
    const id = (await sessionsOf(me.token))[0]!.id;
    expect((await t.request('DELETE', `/api/v1/account/sessions/${id}`, { token: me.token })).status).toBe(
      204,
    );
    expect(await canRead(me.token)).toBe(401);
  });

  it('signing out everywhere else keeps only the current session; with an API key it ends them all', async () => {
    const me = await t.signUp();
    const laptop = await signIn(me.email, me.password, FIREFOX);
    const phone = await signIn(me.email, me.password, IPHONE);
    const res = await t.request('POST', '/api/v1/account/sessions/end-others', { token: laptop.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: 2 });
    expect(await canRead(phone.token)).toBe(401);
    expect(await canRead(me.token)).toBe(401);
    expect(await canRead(laptop.token)).toBe(200);
    expect((await sessionsOf(laptop.token)).map((s) => s.current)).toEqual([true]);
    const again = await t.request('POST', '/api/v1/account/sessions/end-others', { token: laptop.token });
    expect(again.body).toEqual({ ended: 0 });
    const audit = await t.services.orm.em
      .fork()
      .find(AuditEvent, { actorId: me.userId, action: 'session.end-others' });
    expect(audit.map((a) => a.data)).toEqual([{ sessionsEnded: 2 }]);

    const key = await t.request('POST', '/api/v1/account/api-keys', {
      token: laptop.token,
      body: { name: 'k' },
    });
    const viaKey = await t.request('POST', '/api/v1/account/sessions/end-others', { apiKey: key.body.key });
    expect(viaKey.body).toEqual({ ended: 1 });
    expect(await canRead(laptop.token)).toBe(401);
    // The key itself is not a session and keeps working.
    expect((await t.request('GET', '/api/v1/artifacts', { apiKey: key.body.key })).status).toBe(200);
  });

  it('logging out refuses the access token of that session at once', async () => {
    const me = await t.signUp();
    const other = await signIn(me.email, me.password);
    const out = await t.request('POST', '/api/v1/auth/logout', {
      token: me.token,
      body: { refreshToken: me.refreshToken },
    });
    expect(out.status).toBe(204);
    expect(await canRead(me.token)).toBe(401);
    expect(await canRead(other.token)).toBe(200);
  });

  it('a reused refresh token ends its session, access tokens included', async () => {
    const me = await t.signUp();
    const renewed = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: me.refreshToken },
    });
    expect(renewed.status).toBe(200);
    expect(await canRead(renewed.body.accessToken)).toBe(200);
    // The first token again: it leaked, so the session ends for whoever holds any of its tokens.
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: me.refreshToken } })).status,
    ).toBe(401);
    expect(await canRead(renewed.body.accessToken)).toBe(401);
  });

  it('a password change refuses every earlier access token at once; the new session works', async () => {
    const me = await t.signUp();
    const elsewhere = await signIn(me.email, me.password);
    const changed = await t.request('POST', '/api/v1/account/password', {
      token: me.token,
      body: { currentPassword: me.password, newPassword: 'a brand new password' },
      headers: { 'user-agent': FIREFOX },
    });
    expect(changed.status).toBe(200);
    expect(await canRead(me.token)).toBe(401);
    expect(await canRead(elsewhere.token)).toBe(401);
    expect(await canRead(changed.body.accessToken)).toBe(200);
    const listed = await sessionsOf(changed.body.accessToken);
    expect(listed).toEqual([expect.objectContaining({ current: true, device: 'Firefox 133 on Linux' })]);
  });

  it("a deleted account's tokens are refused everywhere, not only where the account is looked up", async () => {
    const me = await t.signUp();
    const res = await t.request('DELETE', '/api/v1/account', {
      token: me.token,
      body: { password: me.password },
    });
    expect(res.status).toBe(204);
    expect(await canRead(me.token)).toBe(401);
    const create = await t.request('POST', '/api/v1/labels', { token: me.token, body: { name: 'Ghost' } });
    expect(create.status).toBe(401);
  });
});

describe('session housekeeping', () => {
  it('the daily run deletes expired refresh tokens and spent revocations, and nothing a session still needs', async () => {
    const me = await t.signUp();
    const renewed = await t.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: me.refreshToken },
    });
    const sql = <T>(query: string, params: unknown[] = []) =>
      t.services.orm.em.getConnection().execute<T[]>(query, params);
    const [old] = await sql<{ id: string }>(
      `insert into refresh_tokens (id, owner_id, family, token_hash, expires_at, rotated_at, created_at)
       values (gen_random_uuid(), ?, gen_random_uuid(), ?, now() - interval '1 day', now() - interval '31 days',
               now() - interval '31 days') returning id`,
      [me.userId, 'e'.repeat(64)],
    );
    await sql(
      `insert into session_revocations (id, user_id, family, revoked_at, expires_at)
       values (gen_random_uuid(), ?, gen_random_uuid(), now() - interval '2 days', now() - interval '1 hour')`,
      [me.userId],
    );
    const purged = await purgeExpiredSessions(t.services, { batchSize: 1 });
    expect(purged.refreshTokens).toBeGreaterThanOrEqual(1);
    expect(purged.revocations).toBeGreaterThanOrEqual(1);
    expect(await sql('select id from refresh_tokens where id = ?', [old!.id])).toEqual([]);
    expect(await sql('select id from session_revocations where expires_at < now()')).toEqual([]);
    // The live session, and the spent token its reuse detection needs, are still there.
    const kept = await sql<{ n: number }>(
      'select count(*)::int as n from refresh_tokens where owner_id = ?',
      [me.userId],
    );
    expect(kept[0]!.n).toBe(2);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: renewed.body.refreshToken } }))
        .status,
    ).toBe(200);
    expect(await purgeExpiredSessions(t.services)).toEqual({ refreshTokens: 0, revocations: 0 });
  });
});

describe('sessions across API processes', () => {
  let second: TestContext;
  beforeAll(async () => {
    const { config } = t.services;
    second = await createTestContext(
      {
        DOSSIER_JWT_SECRET: config.jwtSecret!,
        DOSSIER_ENCRYPTION_KEY: config.encryptionKey!.toString('hex'),
        DOSSIER_SESSION_SYNC_MS: '200',
      },
      { databaseUrl: t.databaseUrl },
    );
  });
  afterAll(() => second.close());

  const readOnSecond = async (token: string) =>
    (await second.request('GET', '/api/v1/artifacts', { token })).status;

  /** Asks the second process until it answers `status` (each request may start a read of new revocations). */
  async function until(token: string, status: number, withinMs: number): Promise<number> {
    const start = Date.now();
    while (Date.now() - start < withinMs) {
      if ((await readOnSecond(token)) === status) return Date.now() - start;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`still not ${status} after ${withinMs} ms`);
  }

  it('a session ended on one process is refused by the other within its sync interval', async () => {
    const me = await t.signUp();
    const phone = await signIn(me.email, me.password, IPHONE);
    expect(await readOnSecond(phone.token)).toBe(200);
    const phoneId = (await sessionsOf(phone.token)).find((s) => s.current)!.id;
    expect(
      (await t.request('DELETE', `/api/v1/account/sessions/${phoneId}`, { token: me.token })).status,
    ).toBe(204);
    const took = await until(phone.token, 401, 3000);
    expect(took).toBeLessThan(3000);
    expect(await readOnSecond(me.token)).toBe(200);
  });

  it('a revocation committed after a read but stamped before it is still picked up', async () => {
    const me = await t.signUp();
    expect(await readOnSecond(me.token)).toBe(200);
    const sid = (await t.services.signer.verify(me.token)).sid!;
    // As a transaction that stamped its row 20 s ago and committed only now would leave it.
    await t.services.orm.em.getConnection().execute(
      `insert into session_revocations (id, user_id, family, revoked_at, expires_at)
         values (gen_random_uuid(), ?, ?, now() - interval '20 seconds', now() + interval '1 day')`,
      [me.userId, sid],
    );
    await until(me.token, 401, 3000);
  });
});
