import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredTrash } from '../../commands/manage-trash.js';
import { AuditEvent } from '../../db/entities/index.js';
import { createTestContext, type TestContext } from '../../test-support/create-test-context.js';
import { createTestDocument } from '../../test-support/create-test-document.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const sql = <T>(query: string, params: unknown[] = []) =>
  t.services.orm.em.getConnection().execute<T[]>(query, params);

async function artifactWithLabels(token: string) {
  const keep = await t.request('POST', '/api/v1/labels', { token, body: { name: 'Kept label' } });
  const drop = await t.request('POST', '/api/v1/labels', { token, body: { name: 'Dropped label' } });
  const res = await t.request('POST', '/api/v1/artifacts', {
    token,
    body: {
      title: 'Payments ledger',
      summary: 'Double-entry ledger <b>verbatim</b>',
      role: 'Lead',
      technologies: ['Go', 'k8s'],
      collaborators: ['Ana'],
      outcomes: ['Cut reconciliation time by 80%'],
      startDate: '2022-03-01',
      endDate: '2023-06-30',
      evidence: [{ url: 'https://example.test/ledger', title: 'Repo' }, { url: 'https://example.test/talk' }],
      labelIds: [keep.body.id, drop.body.id],
    },
  });
  expect(res.status).toBe(201);
  return { artifact: res.body, keep: keep.body, drop: drop.body };
}

describe('the trash', () => {
  it('keeps a deleted artifact whole and restores it under the same ids, with its checks and remaining labels', async () => {
    const me = await t.signUp();
    const { artifact, keep, drop } = await artifactWithLabels(me.token);
    const [repo, talk] = artifact.evidence as Array<{ id: string }>;
    // A checked link keeps its verdict and history through the trash.
    await sql(
      `update evidence_links set status = 'valid', http_status = 200, last_checked_at = now(),
         history = '[{"at":"2026-11-01T00:00:00.000Z","status":"valid","httpStatus":200}]'::jsonb where id = ?`,
      [repo!.id],
    );
    const before = await t.request('GET', `/api/v1/artifacts/${artifact.id}`, { token: me.token });

    expect((await t.request('DELETE', `/api/v1/artifacts/${artifact.id}`, { token: me.token })).status).toBe(
      204,
    );
    expect((await t.request('GET', `/api/v1/artifacts/${artifact.id}`, { token: me.token })).status).toBe(
      404,
    );
    const list = await t.request('GET', '/api/v1/artifacts', { token: me.token });
    expect(list.body.items).toEqual([]);

    const trash = await t.request('GET', '/api/v1/trash', { token: me.token });
    expect(trash.status).toBe(200);
    expect(trash.body.items).toHaveLength(1);
    const item = trash.body.items[0];
    expect(item).toMatchObject({
      id: artifact.id,
      title: 'Payments ledger',
      summary: 'Double-entry ledger <b>verbatim</b>',
      role: 'Lead',
      startDate: '2022-03-01',
      endDate: '2023-06-30',
      technologies: ['Go', 'k8s'],
      evidence: [
        { id: repo!.id, url: 'https://example.test/ledger', title: 'Repo', status: 'valid' },
        { id: talk!.id, url: 'https://example.test/talk', title: null, status: 'unchecked' },
      ],
    });
    expect(item.labels.map((l: { name: string }) => l.name).sort()).toEqual(['Dropped label', 'Kept label']);
    const kept = Date.parse(item.purgeAfter) - Date.parse(item.deletedAt);
    expect(Math.round(kept / 86_400_000)).toBe(30);

    // A label deleted while the artifact is in the trash is not listed, nor put back.
    expect((await t.request('DELETE', `/api/v1/labels/${drop.id}`, { token: me.token })).status).toBe(204);
    expect(
      (await t.request('GET', '/api/v1/trash', { token: me.token })).body.items[0].labels.map(
        (l: { id: string }) => l.id,
      ),
    ).toEqual([keep.id]);

    const restored = await t.request('POST', `/api/v1/trash/${artifact.id}/restore`, { token: me.token });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      id: artifact.id,
      title: before.body.title,
      summary: before.body.summary,
      technologies: before.body.technologies,
      skills: before.body.skills,
      createdAt: before.body.createdAt,
      revision: before.body.revision + 1,
      labels: [expect.objectContaining({ id: keep.id })],
    });
    expect(restored.body.evidence).toEqual(before.body.evidence);
    // The list's read model has it back, under its label too.
    const byLabel = await t.request('GET', `/api/v1/artifacts?label=${keep.id}`, { token: me.token });
    expect(byLabel.body.items.map((a: { id: string }) => a.id)).toEqual([artifact.id]);
    const searched = await t.request('GET', '/api/v1/artifacts?q=reconciliation', { token: me.token });
    expect(searched.body.items.map((a: { id: string }) => a.id)).toEqual([artifact.id]);
    expect((await t.request('GET', '/api/v1/trash', { token: me.token })).body.items).toEqual([]);
    expect(
      (await t.request('POST', `/api/v1/trash/${artifact.id}/restore`, { token: me.token })).status,
    ).toBe(404);

    const audit = await t.services.orm.em.fork().find(
      AuditEvent,
      { entityId: artifact.id, action: { $in: ['artifact.delete', 'artifact.restore'] } },
      {
        orderBy: { createdAt: 'asc' },
      },
    );
    expect(audit.map((a) => [a.action, a.data])).toEqual([
      ['artifact.delete', { trash: true, evidence: 2 }],
      ['artifact.restore', { evidence: 2, labels: 1, labelsGone: 1 }],
    ]);
  });

  it('a document citing a deleted artifact finds its evidence again once it is restored', async () => {
    const me = await t.signUp();
    const doc = await createTestDocument(t, me);
    const evidenceId = doc.artifacts.ledger.evidenceId;
    const cited = async () =>
      (await t.request('GET', `/api/v1/documents/${doc.id}`, { token: me.token })).body.evidence[evidenceId];
    expect(await cited()).toBeDefined();
    await t.request('DELETE', `/api/v1/artifacts/${doc.artifacts.ledger.id}`, { token: me.token });
    expect(await cited()).toBeUndefined();
    await t.request('POST', `/api/v1/trash/${doc.artifacts.ledger.id}/restore`, { token: me.token });
    expect(await cited()).toMatchObject({ status: 'unchecked' });
  });

  it('deletes for good one item or the whole trash; another account sees none of it', async () => {
    const me = await t.signUp();
    const other = await t.signUp();
    const ids: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      const a = await t.request('POST', '/api/v1/artifacts', {
        token: me.token,
        body: {
          title,
          summary: 's',
          startDate: '2024-01-01',
          evidence: [{ url: `https://example.test/${title}` }],
        },
      });
      ids.push(a.body.id);
      await t.request('DELETE', `/api/v1/artifacts/${a.body.id}`, { token: me.token });
    }
    expect((await t.request('GET', '/api/v1/trash', { token: other.token })).body.items).toEqual([]);
    expect((await t.request('DELETE', `/api/v1/trash/${ids[0]}`, { token: other.token })).status).toBe(404);

    expect((await t.request('DELETE', `/api/v1/trash/${ids[0]}`, { token: me.token })).status).toBe(204);
    expect((await t.request('DELETE', `/api/v1/trash/${ids[0]}`, { token: me.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/trash/${ids[0]}/restore`, { token: me.token })).status).toBe(
      404,
    );
    const listed = await t.request('GET', '/api/v1/trash', { token: me.token });
    expect(listed.body.items.map((i: { title: string }) => i.title)).toEqual(['Three', 'Two']);

    const emptied = await t.request('DELETE', '/api/v1/trash', { token: me.token });
    expect(emptied.body).toEqual({ purged: 2, artifacts: 2, documents: 0, labels: 0 });
    expect((await t.request('GET', '/api/v1/trash', { token: me.token })).body.items).toEqual([]);
    expect((await t.request('DELETE', '/api/v1/trash', { token: me.token })).body).toEqual({
      purged: 0,
      artifacts: 0,
      documents: 0,
      labels: 0,
    });
    const [{ n }] = (await sql<{ n: number }>(
      'select count(*)::int as n from evidence_links where artifact_id = any(?::uuid[])',
      [`{${ids.join(',')}}`],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('moves and restores many at once, all or nothing', async () => {
    const me = await t.signUp();
    const other = await t.signUp();
    const make = async (token: string, title: string) =>
      (
        await t.request('POST', '/api/v1/artifacts', {
          token,
          body: {
            title,
            summary: 's',
            startDate: '2024-01-01',
            evidence: [{ url: `https://example.test/${title}` }],
          },
        })
      ).body.id as string;
    const mine = [await make(me.token, 'A'), await make(me.token, 'B'), await make(me.token, 'C')];
    const theirs = await make(other.token, 'Theirs');

    // One id that is not mine: nothing moves.
    const refused = await t.request('POST', '/api/v1/trash', {
      token: me.token,
      body: { ids: [mine[0], theirs] },
    });
    expect(refused.status).toBe(404);
    expect((await t.request('GET', `/api/v1/artifacts/${mine[0]}`, { token: me.token })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/artifacts/${theirs}`, { token: other.token })).status).toBe(200);

    const moved = await t.request('POST', '/api/v1/trash', {
      token: me.token,
      body: { ids: [...mine, mine[0]] },
    });
    expect(moved.body).toEqual({ moved: 3 });
    expect((await t.request('GET', '/api/v1/artifacts', { token: me.token })).body.items).toEqual([]);
    expect((await t.request('GET', '/api/v1/trash', { token: me.token })).body.items).toHaveLength(3);

    // Restoring: one id not in my trash (another account's artifact) → nothing restored.
    const partial = await t.request('POST', '/api/v1/trash/restore', {
      token: me.token,
      body: { ids: [mine[0], theirs] },
    });
    expect(partial.status).toBe(404);
    expect((await t.request('GET', '/api/v1/trash', { token: me.token })).body.items).toHaveLength(3);
    const restored = await t.request('POST', '/api/v1/trash/restore', {
      token: me.token,
      body: { ids: mine },
    });
    expect(restored.body).toEqual({ restored: 3 });
    const list = await t.request('GET', '/api/v1/artifacts?sort=title', { token: me.token });
    expect(
      list.body.items.map((a: { title: string; evidence: unknown[] }) => [a.title, a.evidence.length]),
    ).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 1],
    ]);
    expect((await t.request('POST', '/api/v1/trash', { token: me.token, body: { ids: [] } })).status).toBe(
      400,
    );
  });

  it('past its purge date an item is neither listed nor restorable, and the retention run deletes it', async () => {
    const me = await t.signUp();
    const a = await t.request('POST', '/api/v1/artifacts', {
      token: me.token,
      body: { title: 'Old', summary: 's', startDate: '2020-01-01' },
    });
    await t.request('DELETE', `/api/v1/artifacts/${a.body.id}`, { token: me.token });
    await sql(`update deleted_artifacts set purge_after = now() - interval '1 minute' where id = ?`, [
      a.body.id,
    ]);
    expect((await t.request('GET', '/api/v1/trash', { token: me.token })).body.items).toEqual([]);
    expect((await t.request('POST', `/api/v1/trash/${a.body.id}/restore`, { token: me.token })).status).toBe(
      404,
    );
    expect(await purgeExpiredTrash(t.services, { batchSize: 1 })).toBeGreaterThanOrEqual(1);
    expect(await sql('select id from deleted_artifacts where id = ?', [a.body.id])).toEqual([]);
    expect(await purgeExpiredTrash(t.services)).toBe(0);
  });

  it("derives a restored artifact's skills again with today's taxonomy", async () => {
    const me = await t.signUp();
    const a = await t.request('POST', '/api/v1/artifacts', {
      token: me.token,
      body: { title: 'Cluster work', summary: 's', technologies: ['k8s'], startDate: '2022-01-01' },
    });
    expect(a.body.skills.map((s: { id: string }) => s.id)).toContain('kubernetes');
    await t.request('DELETE', `/api/v1/artifacts/${a.body.id}`, { token: me.token });
    // As if it had been deleted under an older taxonomy that did not know the alias.
    await sql(
      `update deleted_artifacts set snapshot = jsonb_set(snapshot, '{artifact,skills}', '["x:k8s"]') where id = ?`,
      [a.body.id],
    );
    const restored = await t.request('POST', `/api/v1/trash/${a.body.id}/restore`, { token: me.token });
    expect(restored.body.skills).toEqual(a.body.skills);
    const bySkill = await t.request('GET', '/api/v1/artifacts?skill=Kubernetes', { token: me.token });
    expect(bySkill.body.items.map((i: { id: string }) => i.id)).toEqual([a.body.id]);
  });

  it('restores a snapshot holding a column the table no longer has', async () => {
    const me = await t.signUp();
    const a = await t.request('POST', '/api/v1/artifacts', {
      token: me.token,
      body: { title: 'Kept through a migration', summary: 's', startDate: '2021-01-01' },
    });
    await t.request('DELETE', `/api/v1/artifacts/${a.body.id}`, { token: me.token });
    await sql(
      `update deleted_artifacts set snapshot = jsonb_set(snapshot, '{artifact,dropped_column}', '"old"') where id = ?`,
      [a.body.id],
    );
    const restored = await t.request('POST', `/api/v1/trash/${a.body.id}/restore`, { token: me.token });
    expect(restored.status).toBe(200);
    expect(restored.body.title).toBe('Kept through a migration');
  });
});

describe('the trash, for documents', () => {
  it('keeps a deleted document with every version and export log; restoring it does not bring its share links back', async () => {
    const me = await t.signUp();
    const doc = await createTestDocument(t, me, { title: 'Platform CV' });
    const api = (method: string, path: string, body?: unknown) =>
      t.request(method, `/api/v1${path}`, { token: me.token, ...(body === undefined ? {} : { body }) });
    const edited = await api('PATCH', `/documents/${doc.id}`, {
      content: { ...doc.content, title: 'Platform CV, edited' },
    });
    expect(edited.status).toBe(201);
    expect((await api('POST', `/export/${doc.id}`, { format: 'md' })).status).toBe(200);
    const share = await api('POST', `/documents/${doc.id}/shares`, {});
    const before = await api('GET', `/documents/${doc.id}`);

    expect((await api('DELETE', `/documents/${doc.id}`)).status).toBe(204);
    expect((await api('GET', `/documents/${doc.id}`)).status).toBe(404);
    expect((await t.request('GET', `/s/${share.body.token}`)).status).toBe(404);
    const trash = await api('GET', '/trash');
    expect(trash.body.documents).toEqual([
      expect.objectContaining({
        id: doc.id,
        title: 'Platform CV, edited',
        kind: 'cv',
        currentVersion: 2,
        versions: 2,
      }),
    ]);

    const restored = await api('POST', `/trash/documents/${doc.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      id: doc.id,
      currentVersion: 2,
      jobDescriptionId: doc.jobDescriptionId,
    });
    expect(restored.body.version).toEqual(before.body.version);
    const versions = await api('GET', `/documents/${doc.id}/versions`);
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const exports = await api('GET', `/documents/${doc.id}/exports`);
    expect(exports.body.items).toHaveLength(1);
    // The public link ended with the delete, and stays ended.
    expect((await api('GET', `/documents/${doc.id}/shares`)).body.items).toEqual([]);
    expect((await t.request('GET', `/s/${share.body.token}`)).status).toBe(404);
    expect((await api('GET', '/trash')).body.documents).toEqual([]);
    expect((await api('POST', `/trash/documents/${doc.id}/restore`)).status).toBe(404);

    const audit = await t.services.orm.em.fork().find(
      AuditEvent,
      { entityId: doc.id, action: { $in: ['document.delete', 'document.restore'] } },
      {
        orderBy: { createdAt: 'asc' },
      },
    );
    expect(audit.map((a) => [a.action, a.data])).toEqual([
      ['document.delete', { trash: true, versions: 2, shareLinksEnded: 1 }],
      ['document.restore', { versions: 2, exports: 1, jobDescriptionGone: false }],
    ]);
  });

  it('the generation that made a restored document points to it again', async () => {
    const me = await t.signUp();
    const doc = await createTestDocument(t, me);
    const [gen] = await sql<{ id: string }>(
      `insert into generations (id, owner_id, kind, job_description_id, inputs, request_hash, status, document_id,
                                created_at, updated_at)
       values (gen_random_uuid(), ?, 'cv', ?, '{}'::jsonb, ?, 'succeeded', ?, now(), now()) returning id`,
      [me.userId, doc.jobDescriptionId, 'a'.repeat(64), doc.id],
    );
    await sql('update document_versions set generation_id = ? where document_id = ?', [gen!.id, doc.id]);
    const documentOf = async () =>
      (await t.request('GET', `/api/v1/generations/${gen!.id}`, { token: me.token })).body.documentId;
    expect(await documentOf()).toBe(doc.id);
    await t.request('DELETE', `/api/v1/documents/${doc.id}`, { token: me.token });
    expect(await documentOf()).toBeNull();
    await t.request('POST', `/api/v1/trash/documents/${doc.id}/restore`, { token: me.token });
    expect(await documentOf()).toBe(doc.id);
  });

  it('restores a document whose job description was deleted meanwhile, without the link', async () => {
    const me = await t.signUp();
    const doc = await createTestDocument(t, me);
    await t.request('DELETE', `/api/v1/documents/${doc.id}`, { token: me.token });
    expect(
      (await t.request('DELETE', `/api/v1/job-descriptions/${doc.jobDescriptionId}`, { token: me.token }))
        .status,
    ).toBe(204);
    const restored = await t.request('POST', `/api/v1/trash/documents/${doc.id}/restore`, {
      token: me.token,
    });
    expect(restored.status).toBe(200);
    expect(restored.body.jobDescriptionId).toBeNull();
    expect(restored.body.version.content).toEqual(doc.content);
  });

  it('deletes a trashed document for good, alone or with the whole trash, and the retention run purges it', async () => {
    const me = await t.signUp();
    const other = await t.signUp();
    const [a, b, c] = [
      await createTestDocument(t, me),
      await createTestDocument(t, me),
      await createTestDocument(t, me),
    ];
    for (const d of [a, b, c]) await t.request('DELETE', `/api/v1/documents/${d!.id}`, { token: me.token });
    expect(
      (await t.request('DELETE', `/api/v1/trash/documents/${a!.id}`, { token: other.token })).status,
    ).toBe(404);
    expect((await t.request('DELETE', `/api/v1/trash/documents/${a!.id}`, { token: me.token })).status).toBe(
      204,
    );
    expect((await t.request('DELETE', `/api/v1/trash/documents/${a!.id}`, { token: me.token })).status).toBe(
      404,
    );
    await sql(`update deleted_documents set purge_after = now() - interval '1 minute' where id = ?`, [b!.id]);
    expect(await purgeExpiredTrash(t.services)).toBeGreaterThanOrEqual(1);
    expect(
      (await t.request('GET', '/api/v1/trash', { token: me.token })).body.documents.map(
        (d: { id: string }) => d.id,
      ),
    ).toEqual([c!.id]);
    const emptied = await t.request('DELETE', '/api/v1/trash', { token: me.token });
    expect(emptied.body).toMatchObject({ documents: 1 });
    const left = await sql<{ n: number }>(
      'select count(*)::int as n from deleted_documents where owner_id = ?',
      [me.userId],
    );
    expect(left[0]!.n).toBe(0);
  });
});

describe('the trash, for labels', () => {
  async function labelledPortfolio(token: string) {
    const label = await t.request('POST', '/api/v1/labels', {
      token,
      body: { name: 'Platform', colour: '#0f766e', description: 'Infra work', skillFocus: ['Kubernetes'] },
    });
    const ids: string[] = [];
    for (const title of ['Cluster upgrade', 'Preview environments', 'Unlabelled']) {
      const res = await t.request('POST', '/api/v1/artifacts', {
        token,
        body: {
          title,
          summary: title,
          startDate: '2024-01-01',
          labelIds: title === 'Unlabelled' ? [] : [label.body.id],
        },
      });
      ids.push(res.body.id);
    }
    return { label: label.body, ids };
  }

  it('keeps a deleted label with its artifacts and puts it back on them under the same id', async () => {
    const me = await t.signUp();
    const { label, ids } = await labelledPortfolio(me.token);
    const before = await t.request('GET', `/api/v1/artifacts/${ids[0]}`, { token: me.token });

    expect((await t.request('DELETE', `/api/v1/labels/${label.id}`, { token: me.token })).status).toBe(204);
    expect((await t.request('GET', `/api/v1/labels/${label.id}`, { token: me.token })).status).toBe(404);
    const filtered = await t.request('GET', `/api/v1/artifacts?label=${label.id}`, { token: me.token });
    expect(filtered.body.items).toEqual([]);
    const listed = await t.request('GET', '/api/v1/trash', { token: me.token });
    expect(listed.body.labels).toEqual([
      {
        id: label.id,
        name: 'Platform',
        description: 'Infra work',
        colour: '#0f766e',
        skillFocus: ['Kubernetes'],
        artifactCount: 2,
        deletedAt: expect.any(String),
        purgeAfter: expect.any(String),
      },
    ]);
    // An artifact that carried it goes to the trash meanwhile: the label comes back on the other one, and on
    // this one when it is restored.
    expect((await t.request('DELETE', `/api/v1/artifacts/${ids[1]}`, { token: me.token })).status).toBe(204);

    const restored = await t.request('POST', `/api/v1/trash/labels/${label.id}/restore`, { token: me.token });
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({ ...label, artifactCount: 1 });
    const after = await t.request('GET', `/api/v1/artifacts?label=${label.id}`, { token: me.token });
    expect(after.body.items.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    const artifact = await t.request('GET', `/api/v1/artifacts/${ids[0]}`, { token: me.token });
    expect(artifact.body.labels.map((l: { id: string }) => l.id)).toEqual([label.id]);
    expect(artifact.body.revision).toBe(before.body.revision + 1);
    expect((await t.request('GET', '/api/v1/trash', { token: me.token })).body.labels).toEqual([]);
    // Restoring the artifact now brings its label link back too.
    expect((await t.request('POST', `/api/v1/trash/${ids[1]}/restore`, { token: me.token })).status).toBe(
      200,
    );
    const both = await t.request('GET', `/api/v1/artifacts?label=${label.id}`, { token: me.token });
    expect(both.body.items).toHaveLength(2);

    const audits = await sql<{ action: string; data: Record<string, unknown> }>(
      `select action, data from audit_events where entity_id = ? and action in ('label.delete', 'label.restore')
        order by created_at`,
      [label.id],
    );
    expect(audits.map((a) => [a.action, a.data])).toEqual([
      ['label.delete', { trash: true, artifacts: 2 }],
      ['label.restore', { artifacts: 1, inTrash: 1, artifactsGone: 0 }],
    ]);
  });

  it('refuses to restore over a label of the same name made since, and keeps it in the trash', async () => {
    const me = await t.signUp();
    const { label } = await labelledPortfolio(me.token);
    await t.request('DELETE', `/api/v1/labels/${label.id}`, { token: me.token });
    const again = await t.request('POST', '/api/v1/labels', { token: me.token, body: { name: 'platform' } });
    expect(again.status).toBe(201);

    const refused = await t.request('POST', `/api/v1/trash/labels/${label.id}/restore`, { token: me.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect((await t.request('GET', '/api/v1/trash', { token: me.token })).body.labels).toHaveLength(1);

    await t.request('PATCH', `/api/v1/labels/${again.body.id}`, {
      token: me.token,
      body: { name: 'Platform 2' },
    });
    expect(
      (await t.request('POST', `/api/v1/trash/labels/${label.id}/restore`, { token: me.token })).status,
    ).toBe(200);
  });

  it('deletes a trashed label for good, alone or with the whole trash; another account sees none of it', async () => {
    const me = await t.signUp();
    const other = await t.signUp();
    const { label } = await labelledPortfolio(me.token);
    const second = await t.request('POST', '/api/v1/labels', { token: me.token, body: { name: 'Second' } });
    await t.request('DELETE', `/api/v1/labels/${label.id}`, { token: me.token });
    await t.request('DELETE', `/api/v1/labels/${second.body.id}`, { token: me.token });

    expect((await t.request('GET', '/api/v1/trash', { token: other.token })).body.labels).toEqual([]);
    for (const [method, path] of [
      ['POST', `/api/v1/trash/labels/${label.id}/restore`],
      ['DELETE', `/api/v1/trash/labels/${label.id}`],
    ] as const) {
      expect((await t.request(method, path, { token: other.token })).status).toBe(404);
    }
    expect((await t.request('DELETE', `/api/v1/trash/labels/${label.id}`, { token: me.token })).status).toBe(
      204,
    );
    expect((await t.request('DELETE', `/api/v1/trash/labels/${label.id}`, { token: me.token })).status).toBe(
      404,
    );
    expect((await t.request('DELETE', '/api/v1/trash', { token: me.token })).body).toEqual({
      purged: 1,
      artifacts: 0,
      documents: 0,
      labels: 1,
    });

    const third = await t.request('POST', '/api/v1/labels', { token: me.token, body: { name: 'Third' } });
    await t.request('DELETE', `/api/v1/labels/${third.body.id}`, { token: me.token });
    await sql(`update deleted_labels set purge_after = now() - interval '1 minute' where id = ?`, [
      third.body.id,
    ]);
    expect((await t.request('GET', '/api/v1/trash', { token: me.token })).body.labels).toEqual([]);
    expect(await purgeExpiredTrash(t.services)).toBeGreaterThanOrEqual(1);
    expect(await sql('select id from deleted_labels where id = ?', [third.body.id])).toEqual([]);
  });
});
