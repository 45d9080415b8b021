import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDown, migrateUp } from '../commands/migrate-database.js';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';
import { createRouteFixture } from '../test-support/route-fixture.js';

// JSON columns with an empty default (an evidence link's check history, a generation's timings, an audit event's
// data) hold an array or an object, never that value written as a JSON string.

let t: TestContext;
const sql = <T>(query: string, params: unknown[] = []) =>
  t.services.orm.em.getConnection().execute<T[]>(query, params);

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('JSON column defaults', () => {
  let fixture: Awaited<ReturnType<typeof createRouteFixture>>['fixture'];

  it('rows created without a value hold an empty array or object', async () => {
    const user = await t.signUp();
    ({ fixture } = await createRouteFixture(t, user));
    const [link] = await sql<{ t: string }>(
      'select jsonb_typeof(history) as t from evidence_links where id = ?',
      [fixture.evidenceId],
    );
    expect(link!.t).toBe('array');
    // The fixture's generation is made with the ORM and no timings.
    const [gen] = await sql<{ t: string }>(
      'select jsonb_typeof(timings) as t from generations where id = ?',
      [fixture.generationId],
    );
    expect(gen!.t).toBe('object');
    const kinds = await sql<{ t: string }>('select distinct jsonb_typeof(data) as t from audit_events');
    expect(kinds).toEqual([{ t: 'object' }]);
  });

  it('the json_strings migration turns strings stored by earlier versions into the values they stand for', async () => {
    await sql(`update evidence_links set history = '"[]"'::jsonb where id = ?`, [fixture.evidenceId]);
    await sql(`update generations set timings = '"{}"'::jsonb where id = ?`, [fixture.generationId]);
    const [card] = await sql<{ card: string }>(
      'select card::text as card from artifact_cards where artifact_id = ?',
      [fixture.artifactId],
    );
    expect(await migrateDown(t.services.orm, 'Migration20261122074500_artifact_cards')).toEqual([
      'Migration20261122171736_trash_labels',
      'Migration20261122151001_trash_documents',
      'Migration20261122141545_trash',
      'Migration20261122140211_sessions',
      'Migration20261122115243_artifact_revisions',
      'Migration20261122101500_json_strings',
    ]);
    expect(await migrateUp(t.services.orm)).toEqual([
      'Migration20261122101500_json_strings',
      'Migration20261122115243_artifact_revisions',
      'Migration20261122140211_sessions',
      'Migration20261122141545_trash',
      'Migration20261122151001_trash_documents',
      'Migration20261122171736_trash_labels',
    ]);
    const [link] = await sql<{ history: unknown }>('select history from evidence_links where id = ?', [
      fixture.evidenceId,
    ]);
    expect(link!.history).toEqual([]);
    const [gen] = await sql<{ timings: unknown }>('select timings from generations where id = ?', [
      fixture.generationId,
    ]);
    expect(gen!.timings).toEqual({});
    // The card trigger was re-enabled, and the card is as it was.
    const [after] = await sql<{ card: string }>(
      'select card::text as card from artifact_cards where artifact_id = ?',
      [fixture.artifactId],
    );
    expect(after!.card).toBe(card!.card);
    const [trigger] = await sql<{ enabled: string }>(
      `select tgenabled as enabled from pg_trigger where tgname = 'artifact_cards_evidence_update'`,
    );
    expect(trigger!.enabled).toBe('O');
  });
});
