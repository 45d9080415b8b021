import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDown, migrateUp, pendingMigrations } from '../commands/migrate-database.js';
import { createTestDatabase } from '../test-support/create-test-context.js';
import { createOrm, type Orm } from './create-orm.js';
import { isReadModelStatement } from './read-model.js';

let orm: Orm;
beforeAll(async () => {
  orm = await createOrm({ databaseUrl: await createTestDatabase() });
});
afterAll(() => orm.close(true));

const tables = async () =>
  (
    await orm.em
      .getConnection()
      .execute<Array<{ t: string }>>(
        `select table_name as t from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations' order by 1`,
      )
  ).map((r) => r.t);

describe('migrations', () => {
  it('apply up, revert down to an empty schema, and apply again', async () => {
    expect((await pendingMigrations(orm)).length).toBeGreaterThan(0);
    await migrateUp(orm);
    expect(await pendingMigrations(orm)).toEqual([]);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'users',
        'api_keys',
        'refresh_tokens',
        'artifacts',
        'evidence_links',
        'labels',
        'artifact_labels',
        'skills',
        'audit_events',
      ]),
    );
    const indexes = await orm.em
      .getConnection()
      .execute<Array<{ indexname: string }>>(`select indexname from pg_indexes where schemaname = 'public'`);
    const names = indexes.map((i) => i.indexname);
    expect(names).toEqual(
      expect.arrayContaining([
        'artifacts_owner_start_idx',
        'artifacts_skills_gin_idx',
        'artifacts_search_gin_idx',
        'artifact_labels_label_artifact_idx',
        'evidence_links_url_hash_idx',
        'evidence_links_next_check_idx',
        'export_logs_created_idx',
      ]),
    );
    await migrateDown(orm, 0);
    expect(await tables()).toEqual([]);
    await migrateUp(orm);
    expect(await tables()).toContain('artifacts');
  });

  it('revert and re-apply the evaluation runs table on its own', async () => {
    await migrateUp(orm);
    expect(await tables()).toContain('eval_runs');
    // Down to the tailoring migration: the later ones go first, then the evaluation runs.
    const reverted = await migrateDown(orm, 'Migration20261122012257_tailoring');
    expect(reverted).toEqual([
      'Migration20261122171736_trash_labels',
      'Migration20261122151001_trash_documents',
      'Migration20261122141545_trash',
      'Migration20261122140211_sessions',
      'Migration20261122115243_artifact_revisions',
      'Migration20261122101500_json_strings',
      'Migration20261122074500_artifact_cards',
      'Migration20261122032922_evidence_checks',
      'Migration20261122030155_eval_runs',
    ]);
    expect(await tables()).not.toContain('eval_runs');
    expect(await tables()).toContain('generations');
    await migrateUp(orm);
    const columns = await orm.em
      .getConnection()
      .execute<Array<{ c: string }>>(
        `select column_name as c from information_schema.columns where table_name = 'eval_runs' order by 1`,
      );
    expect(columns.map((r) => r.c)).toEqual(
      expect.arrayContaining(['status', 'progress_done', 'progress_total', 'report', 'created_by_id']),
    );
  });

  it('the evidence-checks migration goes down and up on its own', async () => {
    const columns = async () =>
      (
        await orm.em
          .getConnection()
          .execute<Array<{ c: string }>>(
            `select column_name as c from information_schema.columns where table_name = 'evidence_links'`,
          )
      ).map((r) => r.c);
    expect(await pendingMigrations(orm)).toEqual([]);
    expect(await columns()).toEqual(expect.arrayContaining(['reason', 'failing_since', 'next_check_at']));
    expect(await migrateDown(orm, 'Migration20261122030155_eval_runs')).toEqual([
      'Migration20261122171736_trash_labels',
      'Migration20261122151001_trash_documents',
      'Migration20261122141545_trash',
      'Migration20261122140211_sessions',
      'Migration20261122115243_artifact_revisions',
      'Migration20261122101500_json_strings',
      'Migration20261122074500_artifact_cards',
      'Migration20261122032922_evidence_checks',
    ]);
    const after = await columns();
    expect(after).not.toContain('next_check_at');
    expect(after).toContain('consecutive_failures');
    expect(await migrateUp(orm)).toEqual([
      'Migration20261122032922_evidence_checks',
      'Migration20261122074500_artifact_cards',
      'Migration20261122101500_json_strings',
      'Migration20261122115243_artifact_revisions',
      'Migration20261122140211_sessions',
      'Migration20261122141545_trash',
      'Migration20261122151001_trash_documents',
      'Migration20261122171736_trash_labels',
    ]);
    expect(await columns()).toContain('next_check_at');
  });

  it('the artifact-revisions migration goes down and up on its own, and the cards follow it', async () => {
    const db = orm.em.getConnection();
    expect(await pendingMigrations(orm)).toEqual([]);
    const [user] = await db.execute<Array<{ id: string }>>(
      `insert into users (id, email, password_hash, role, created_at, updated_at)
       values (gen_random_uuid(), 'revisions@example.com', 'x', 'user', now(), now()) returning id`,
    );
    const [artifact] = await db.execute<Array<{ id: string }>>(
      `insert into artifacts (id, owner_id, title, summary, start_date, created_at, updated_at)
       values (gen_random_uuid(), ?, 'Kept', 'Across the migration', '2024-01-01', now(), now()) returning id`,
      [user!.id],
    );
    await db.execute('update artifacts set revision = 4 where id = ?', [artifact!.id]);
    const card = async () => {
      const [row] = await db.execute<Array<{ card: string }>>(
        'select card from artifact_cards where artifact_id = ?',
        [artifact!.id],
      );
      return JSON.parse(row!.card) as Record<string, unknown>;
    };
    expect((await card()).revision).toBe(4);
    expect(await migrateDown(orm, 'Migration20261122101500_json_strings')).toEqual([
      'Migration20261122171736_trash_labels',
      'Migration20261122151001_trash_documents',
      'Migration20261122141545_trash',
      'Migration20261122140211_sessions',
      'Migration20261122115243_artifact_revisions',
    ]);
    expect(await card()).not.toHaveProperty('revision');
    expect((await card()).title).toBe('Kept');
    expect(await migrateUp(orm)).toEqual([
      'Migration20261122115243_artifact_revisions',
      'Migration20261122140211_sessions',
      'Migration20261122141545_trash',
      'Migration20261122151001_trash_documents',
      'Migration20261122171736_trash_labels',
    ]);
    // Rows that were there before the column start at revision 1.
    expect((await card()).revision).toBe(1);
    await db.execute('delete from users where id = ?', [user!.id]);
  });

  it('leave nothing for a new migration: the committed snapshot matches the entities', async () => {
    // What `migration:create` would write, computed from the snapshot (the database plays no part), so a
    // snapshot that two branches both changed is caught here, not by the next person who makes a migration.
    const migrator = orm.migrator as unknown as {
      getSchemaDiff(blank: boolean, initial: boolean): Promise<{ up: string[]; down: string[] }>;
    };
    expect((await migrator.getSchemaDiff(false, false)).up).toEqual([]);
  });

  it('match the entity definitions (no schema drift)', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    // Expression indexes are declared as raw SQL and can appear in the diff as re-creations; nothing else may.
    // The artifact list's read model is kept by the database's own triggers and is not an ORM entity.
    const meaningful = diff
      .split('\n')
      .filter(
        (l) =>
          l.trim() &&
          !/artifacts_search_gin_idx|artifact_labels_label_artifact_idx/.test(l) &&
          !isReadModelStatement(l),
      );
    expect(meaningful).toEqual([]);
  });
});
