import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test-support/create-test-context.js';

// The artifact cards are kept by database triggers. After each kind of write (through the API and straight in
// SQL, as the evidence checker and the skill re-derivation write), every stored card must equal the card the
// view computes now, and the list must show the change.

let t: TestContext;
let user: Awaited<ReturnType<TestContext['signUp']>>;

beforeAll(async () => {
  t = await createTestContext();
  user = await t.signUp();
});
afterAll(() => t.close());

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  t.services.orm.em.getConnection().execute<T[]>(query, params);

/** Cards that differ from the view, or artifacts without a card, or cards without an artifact. */
async function staleCards(): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `select count(*)::int as n from artifact_cards c
     full join artifact_cards_source v on v.artifact_id = c.artifact_id
     where c.artifact_id is null or v.artifact_id is null or c.card <> v.card
       or c.owner_id <> v.owner_id or c.start_date <> v.start_date`,
  );
  return row!.n;
}

async function labelLinksOutOfDate(): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `select count(*)::int as n from artifact_labels al join artifacts a on a.id = al.artifact_id
     where al.start_date <> a.start_date`,
  );
  return row!.n;
}

const api = (method: string, path: string, body?: object) =>
  t.request(method, `/api/v1${path}`, { token: user.token, body });

async function listByLabel(labelId: string) {
  const res = await api('GET', `/artifacts?label=${labelId}&limit=50`);
  expect(res.status).toBe(200);
  return res.body.items as Array<{
    id: string;
    title: string;
    startDate: string;
    labels: Array<{ name: string; colour: string }>;
    evidence: Array<{ id: string; url: string; status: string; lastCheckedAt: string | null }>;
    skills: Array<{ id: string }>;
  }>;
}

describe('artifact cards (read model)', () => {
  let labelId: string;
  let otherLabelId: string;
  const ids: string[] = [];

  it('are written with the artifact, its evidence and its labels', async () => {
    labelId = (await api('POST', '/labels', { name: 'Platform' })).body.id;
    otherLabelId = (await api('POST', '/labels', { name: 'Data' })).body.id;
    for (const [i, start] of ['2021-03-01', '2023-06-01', '2019-01-15'].entries()) {
      const res = await api('POST', '/artifacts', {
        title: `Project ${i}`,
        summary: 'Built it.',
        technologies: ['Go'],
        collaborators: [],
        outcomes: [],
        startDate: start,
        evidence: [{ url: `https://example.com/p/${i}`, title: 'Write-up' }],
        labelIds: [labelId],
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const items = await listByLabel(labelId);
    expect(items.map((a) => a.startDate)).toEqual(['2023-06-01', '2021-03-01', '2019-01-15']);
    expect(items[0]!.evidence[0]!.url).toBe('https://example.com/p/1');
    expect(items[0]!.labels).toEqual([{ id: labelId, name: 'Platform', colour: expect.any(String) }]);
    expect(await staleCards()).toBe(0);
  });

  it('follow artifact edits, and the label links follow a new start date', async () => {
    const res = await api('PATCH', `/artifacts/${ids[2]}`, { title: 'Renamed', startDate: '2025-01-01' });
    expect(res.status).toBe(200);
    const items = await listByLabel(labelId);
    expect(items[0]).toMatchObject({ id: ids[2], title: 'Renamed', startDate: '2025-01-01' });
    expect(await labelLinksOutOfDate()).toBe(0);
    expect(await staleCards()).toBe(0);
  });

  it('follow evidence added, edited and deleted through the API', async () => {
    const added = await api('POST', `/artifacts/${ids[0]}/evidence`, { url: 'https://example.com/extra' });
    expect(added.status).toBe(201);
    let item = (await listByLabel(labelId)).find((a) => a.id === ids[0])!;
    expect(item.evidence.map((e) => e.url)).toEqual(['https://example.com/p/0', 'https://example.com/extra']);
    const edited = await api('PATCH', `/artifacts/${ids[0]}/evidence/${added.body.id}`, { title: 'Slides' });
    expect(edited.status).toBe(200);
    expect(await staleCards()).toBe(0);
    expect((await api('DELETE', `/artifacts/${ids[0]}/evidence/${added.body.id}`)).status).toBe(204);
    item = (await listByLabel(labelId)).find((a) => a.id === ids[0])!;
    expect(item.evidence.map((e) => e.url)).toEqual(['https://example.com/p/0']);
    expect(await staleCards()).toBe(0);
  });

  it('follow writes made straight in SQL, as the evidence checker and the skill re-derivation make them', async () => {
    await sql(
      `update evidence_links set status = 'broken', last_checked_at = now(), consecutive_failures = 3
       where artifact_id = ?`,
      [ids[1]],
    );
    await sql(`update artifacts set skills = array['go', 'x:something new'] where id = ?`, [ids[1]]);
    const item = (await listByLabel(labelId)).find((a) => a.id === ids[1])!;
    expect(item.evidence[0]).toMatchObject({ status: 'broken', lastCheckedAt: expect.stringMatching(/Z$/) });
    expect(item.skills.map((s) => s.id)).toEqual(['go', 'x:something new']);
    expect(await staleCards()).toBe(0);
  });

  it('follow label links attached and detached, label renames and label deletion', async () => {
    expect((await api('PUT', `/labels/${otherLabelId}/artifacts/${ids[0]}`)).status).toBeLessThan(300);
    expect((await listByLabel(otherLabelId)).map((a) => a.id)).toEqual([ids[0]]);
    expect(await labelLinksOutOfDate()).toBe(0);
    expect(
      (await api('PATCH', `/labels/${labelId}`, { name: 'Platform team', colour: '#0f766e' })).status,
    ).toBe(200);
    const renamed = (await listByLabel(otherLabelId))[0]!;
    expect(renamed.labels.map((l) => [l.name, l.colour])).toEqual([
      ['Data', expect.any(String)],
      ['Platform team', '#0f766e'],
    ]);
    expect(await staleCards()).toBe(0);
    expect((await api('DELETE', `/labels/${otherLabelId}/artifacts/${ids[0]}`)).status).toBe(204);
    expect(await listByLabel(otherLabelId)).toEqual([]);
    expect((await api('DELETE', `/labels/${labelId}`)).status).toBe(204);
    const all = await api('GET', '/artifacts?limit=50');
    expect(all.body.items.every((a: { labels: unknown[] }) => a.labels.length === 0)).toBe(true);
    expect(await staleCards()).toBe(0);
  });

  it('list items written from the card text equal the artifact read on its own', async () => {
    const tricky = await api('POST', '/artifacts', {
      title: 'Quotes ", "skills" : ["evil"], "evidence" : [ and \\ backslashes',
      summary: 'Ünïcödé — 李明 <b>bold</b> "quoted"',
      technologies: ['My  Internal Tool', 'Go'],
      collaborators: ['A "B" C'],
      outcomes: ['x", "collaborators" : ['],
      startDate: '2020-05-05',
      evidence: [
        { url: 'https://example.com/a?q="x"&r=1', title: 'Say "hi"' },
        { url: 'https://example.com/b' },
      ],
    });
    expect(tricky.status).toBe(201);
    expect(tricky.body.skills.map((s: { name: string }) => s.name)).toContain('My  Internal Tool');
    const list = await api('GET', '/artifacts?limit=50');
    expect(list.headers.get('content-type')).toMatch(/^application\/json/);
    expect(list.body.items.length).toBeGreaterThanOrEqual(3);
    for (const item of list.body.items) {
      const one = await api('GET', `/artifacts/${item.id}`);
      expect(item).toEqual(one.body);
    }
  });

  it('come out right when two transactions change one artifact at once', async () => {
    // T1 changes the evidence (its refresh locks the artifact's row); T2 then edits the artifact and must wait, so
    // its refresh sees T1's committed evidence. Without the lock T2 would build its card from a snapshot without
    // T1's change and write it last.
    const one = new pg.Client({ connectionString: t.databaseUrl });
    const two = new pg.Client({ connectionString: t.databaseUrl });
    await one.connect();
    await two.connect();
    try {
      await one.query('begin');
      await one.query(
        `update evidence_links set status = 'valid', http_status = 200 where artifact_id = $1`,
        [ids[1]],
      );
      await two.query('begin');
      const edit = two.query(`update artifacts set title = 'Edited meanwhile' where id = $1`, [ids[1]]);
      await new Promise((r) => setTimeout(r, 200));
      await one.query('commit');
      await edit;
      await two.query('commit');
    } finally {
      await one.end();
      await two.end();
    }
    const item = (await api('GET', `/artifacts/${ids[1]}`)).body;
    expect(item.title).toBe('Edited meanwhile');
    expect(item.evidence.map((e: { status: string }) => e.status)).toEqual(['valid']);
    expect(await staleCards()).toBe(0);
  });

  it('go with their artifact', async () => {
    expect((await api('DELETE', `/artifacts/${ids[0]}`)).status).toBe(204);
    const [row] = await sql<{ n: number }>(
      'select count(*)::int as n from artifact_cards where artifact_id = ?',
      [ids[0]],
    );
    expect(row!.n).toBe(0);
    expect(await staleCards()).toBe(0);
  });
});
