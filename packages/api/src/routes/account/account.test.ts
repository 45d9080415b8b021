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
      refresh_tokens: (b) => (b.activeSessions > 0 ? [b.activeSessions] : []),
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
