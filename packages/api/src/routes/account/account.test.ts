import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import { createRouteFixture } from '../../test-support/route-fixture.js';

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

  describe('covers every table that holds what a user owns', () => {
    /**
     * Where the account export shows each table with an `owner_id`. A table added without a place here fails the
     * test: decide what the export says about it, and check that deleting the account removes it.
     */
    // biome-ignore lint/suspicious/noExplicitAny: the export is read loosely in assertions
    const EXPORTED_AS: Record<string, ((body: Record<string, any>) => unknown[]) | 'derived'> = {
      artifacts: (b) => b.portfolio.artifacts,
      evidence_links: (b) => b.portfolio.artifacts.flatMap((a: { evidence: unknown[] }) => a.evidence),
      labels: (b) => b.portfolio.labels,
      api_keys: (b) => b.apiKeys,
      refresh_tokens: (b) => b.sessions,
      deleted_artifacts: (b) => b.trash.artifacts,
      deleted_documents: (b) => b.trash.documents,
      deleted_labels: (b) => b.trash.labels,
      job_descriptions: (b) => b.jobDescriptions,
      documents: (b) => b.documents,
      generations: (b) => b.generations,
      export_logs: (b) => b.exports,
      share_links: (b) => b.shareLinks,
      notifications: (b) => b.notifications,
      import_jobs: (b) => b.imports,
      token_usage: (b) => b.tokenUsage,
      // The artifact list's read model: the artifacts again, kept by the database.
      artifact_cards: 'derived',
    };

    const ownerTables = async () => {
      const rows = await t.services.orm.em.getConnection().execute<{ table_name: string }[]>(
        `select c.table_name from information_schema.columns c
           join information_schema.tables tb on tb.table_name = c.table_name and tb.table_schema = c.table_schema
           where c.column_name = 'owner_id' and c.table_schema = current_schema() and tb.table_type = 'BASE TABLE'
           order by 1`,
      );
      return rows.map((r) => r.table_name);
    };

    it('exports a section for each, with the rows the user owns, and deletion leaves none of them', async () => {
      const tables = await ownerTables();
      expect(tables.filter((name) => !(name in EXPORTED_AS))).toEqual([]);

      // One of everything: the shared route fixture, an export of the document and a day of model tokens.
      const u = await t.signUp();
      const { fixture } = await createRouteFixture(t, u);
      const exported = await t.request('POST', `/api/v1/export/${fixture.documentId}`, {
        token: u.token,
        body: { format: 'md' },
      });
      expect(exported.status).toBe(200);
      await t.services.orm.em
        .getConnection()
        .execute(
          `insert into token_usage (owner_id, day, tokens, cost) values (?, current_date, 1200, 0.01)`,
          [u.userId],
        );

      const res = await t.request('GET', '/api/v1/account/export', { token: u.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="dossier-account-/);
      const conn = t.services.orm.em.getConnection();
      for (const table of tables) {
        const n = (
          await conn.execute<{ n: number }[]>(`select count(*)::int as n from ${table} where owner_id = ?`, [
            u.userId,
          ])
        )[0]!.n;
        expect(n, `${table}: the fixture makes a row`).toBeGreaterThan(0);
        const section = EXPORTED_AS[table]!;
        if (section !== 'derived')
          expect(section(res.body).length, `${table} in the export`).toBeGreaterThan(0);
      }
      const doc = res.body.documents.find((d: { id: string }) => d.id === fixture.documentId);
      expect(doc.versions[0]).toMatchObject({ number: 1, content: expect.any(Object) });
      expect(res.body.jobDescriptions[0].text.length).toBeGreaterThan(0);
      expect(res.body.tokenUsage).toEqual([{ day: expect.any(String), tokens: 1200, cost: 0.01 }]);
      // No secret in it: no password hash, key hash or share token hash.
      const text = JSON.stringify(res.body);
      for (const secret of [
        'passwordHash',
        'password_hash',
        'keyHash',
        'key_hash',
        'tokenHash',
        'token_hash',
      ]) {
        expect(text).not.toContain(secret);
      }

      const gone = await t.request('DELETE', '/api/v1/account', {
        token: u.token,
        body: { password: u.password },
      });
      expect(gone.status).toBe(204);
      for (const table of tables) {
        const n = (
          await conn.execute<{ n: number }[]>(`select count(*)::int as n from ${table} where owner_id = ?`, [
            u.userId,
          ])
        )[0]!.n;
        expect(n, `${table} after deletion`).toBe(0);
      }
      const versions = (
        await conn.execute<{ versions: number }[]>(
          'select count(*)::int as versions from document_versions where document_id = ?',
          [fixture.documentId],
        )
      )[0]!.versions;
      expect(versions).toBe(0);
    });
  });
});

describe('changing the profile and the password', () => {
  it('renames, and changes the e-mail only with the current password and only to a free one', async () => {
    const me = await t.signUp({ email: 'profile@example.test', password: 'the first password' });
    const patch = (body: object) => t.request('PATCH', '/api/v1/account', { token: me.token, body });
    const renamed = await patch({ name: '  Robin Q. Tester ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user).toMatchObject({ name: 'Robin Q. Tester', email: 'profile@example.test' });
    expect((await t.request('GET', '/api/v1/auth/me', { token: me.token })).body.user.name).toBe(
      'Robin Q. Tester',
    );
    expect((await patch({ name: null })).body.user.name).toBeNull();

    const noPassword = await patch({ email: 'new-profile@example.test' });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.error.details.issues[0].path).toBe('body.currentPassword');
    const wrong = await patch({ email: 'new-profile@example.test', currentPassword: 'not it at all' });
    expect(wrong.status).toBe(403);
    const other = await t.signUp({ email: 'taken@example.test' });
    const taken = await patch({ email: 'TAKEN@example.test', currentPassword: 'the first password' });
    expect(taken.status).toBe(409);
    const moved = await patch({ email: 'New-Profile@Example.test', currentPassword: 'the first password' });
    expect(moved.status).toBe(200);
    expect(moved.body.user.email).toBe('new-profile@example.test');
    const login = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'new-profile@example.test', password: 'the first password' },
    });
    expect(login.status).toBe(200);
    expect(other.userId).not.toBe(me.userId);
    expect((await patch({})).status).toBe(400);
    const audits = await t.services.orm.em
      .fork()
      .find(AuditEvent, { entityId: me.userId, action: 'user.update' });
    expect(audits.map((a) => (a.data as { fields: string[] }).fields)).toEqual([
      ['name'],
      ['name'],
      ['email'],
    ]);
  });

  it('changes the password with the current one and ends every other session', async () => {
    const me = await t.signUp({ email: 'password@example.test', password: 'the first password' });
    const elsewhere = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'password@example.test', password: 'the first password' },
    });
    const change = (body: object) => t.request('POST', '/api/v1/account/password', { token: me.token, body });
    expect((await change({ currentPassword: 'wrong one', newPassword: 'the second password' })).status).toBe(
      403,
    );
    const same = await change({ currentPassword: 'the first password', newPassword: 'the first password' });
    expect(same.status).toBe(400);
    expect((await change({ currentPassword: 'the first password', newPassword: 'short' })).status).toBe(400);
    const changed = await change({
      currentPassword: 'the first password',
      newPassword: 'the second password',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.id).toBe(me.userId);
    // Neither earlier session can be renewed; the new one can.
    for (const refreshToken of [me.refreshToken, elsewhere.body.refreshToken]) {
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    }
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: changed.body.refreshToken } }))
        .status,
    ).toBe(200);
    const login = (password: string) =>
      t.request('POST', '/api/v1/auth/login', { body: { email: 'password@example.test', password } });
    expect((await login('the first password')).status).toBe(401);
    expect((await login('the second password')).status).toBe(200);
    expect(
      await t.services.orm.em.fork().count(AuditEvent, { entityId: me.userId, action: 'user.password' }),
    ).toBe(1);
  });
});
