import type { EntityManager } from '@mikro-orm/postgresql';
import { Artifact, Label } from '../db/entities/index.js';
import { pgArray } from '../db/pg-array.js';
import { notFound } from '../errors/app-error.js';
import { recordAudit } from './record-audit.js';

interface LinkLabelProps {
  em: EntityManager;
  ownerId: string;
  labelId: string;
  artifactId: string;
  requestId?: string;
}

// Both ends must belong to the caller; someone else's label or artifact is indistinguishable from none.
async function assertBothOwned(em: EntityManager, { ownerId, labelId, artifactId }: LinkLabelProps) {
  if ((await em.count(Label, { id: labelId, owner: ownerId })) === 0) throw notFound('Label');
  if ((await em.count(Artifact, { id: artifactId, owner: ownerId })) === 0) throw notFound('Artifact');
}

/**
 * Attaches or detaches a label. Both are idempotent at the SQL level (`on conflict do nothing`, a delete that
 * may match nothing), so concurrent repeats cannot fail; an audit event is written and the artifact's revision
 * raised only when the set changed.
 */
/** A changed label set is an edit of the artifact (PATCH writes it), so it moves to a new revision. */
export async function raiseRevisions(em: EntityManager, artifactIds: string[]) {
  if (artifactIds.length === 0) return;
  await em.execute(
    'update artifacts set revision = revision + 1, updated_at = now() where id = any(?::uuid[])',
    [pgArray(artifactIds)],
  );
}

/**
 * Attaches a label to many artifacts and detaches it from many, in one transaction: every artifact must be the
 * caller's (else 404 naming the first that is not, and nothing changes). As with one at a time, only real
 * changes count, raise the artifact's revision and are audited (`label.attach` / `label.detach` per artifact).
 */
export async function changeLabelArtifacts({
  em: outer,
  ownerId,
  labelId,
  add,
  remove,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  labelId: string;
  add: string[];
  remove: string[];
  requestId?: string;
}): Promise<{ added: number; removed: number }> {
  return outer.transactional(async (em) => {
    if ((await em.count(Label, { id: labelId, owner: ownerId })) === 0) throw notFound('Label');
    const named = [...new Set([...add, ...remove])];
    const owned = await em.execute<Array<{ id: string }>>(
      'select id from artifacts where owner_id = ? and id = any(?::uuid[])',
      [ownerId, pgArray(named)],
    );
    const mine = new Set(owned.map((r) => r.id));
    const missing = named.find((id) => !mine.has(id));
    if (missing) throw notFound(`Artifact ${missing}`);
    const added = add.length
      ? await em.execute<Array<{ artifact_id: string }>>(
          `insert into artifact_labels (artifact_id, label_id)
           select unnest(?::uuid[]), ?::uuid on conflict do nothing returning artifact_id`,
          [pgArray([...new Set(add)]), labelId],
        )
      : [];
    const removed = remove.length
      ? await em.execute<Array<{ artifact_id: string }>>(
          'delete from artifact_labels where label_id = ? and artifact_id = any(?::uuid[]) returning artifact_id',
          [labelId, pgArray([...new Set(remove)])],
        )
      : [];
    const changed = [...added, ...removed].map((r) => r.artifact_id);
    await raiseRevisions(em, changed);
    for (const [rows, action] of [
      [added, 'label.attach'],
      [removed, 'label.detach'],
    ] as const) {
      for (const row of rows) {
        recordAudit({
          em,
          actorId: ownerId,
          action,
          entityType: 'label',
          entityId: labelId,
          requestId,
          data: { artifactId: row.artifact_id },
        });
      }
    }
    await em.flush();
    return { added: added.length, removed: removed.length };
  });
}

export async function linkLabel(props: LinkLabelProps & { attach: boolean }): Promise<{ changed: boolean }> {
  const { ownerId, labelId, artifactId, requestId, attach } = props;
  return props.em.transactional(async (em) => {
    await assertBothOwned(em, props);
    const sql = attach
      ? 'insert into artifact_labels (artifact_id, label_id) values (?, ?) on conflict do nothing'
      : 'delete from artifact_labels where artifact_id = ? and label_id = ?';
    const res = await em.execute<{ affectedRows: number }>(sql, [artifactId, labelId], 'run');
    const changed = res.affectedRows > 0;
    if (changed) {
      // The label set is part of what PATCH /artifacts/:id writes, so a change to it is a new revision: an
      // editor still showing the old set gets EDIT_CONFLICT instead of quietly undoing this.
      await raiseRevisions(em, [artifactId]);
      recordAudit({
        em,
        actorId: ownerId,
        action: attach ? 'label.attach' : 'label.detach',
        entityType: 'label',
        entityId: labelId,
        requestId,
        data: { artifactId },
      });
    }
    return { changed };
  });
}
