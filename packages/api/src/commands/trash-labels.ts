import type { EntityManager } from '@mikro-orm/postgresql';
import type { LabelTrashSnapshot } from '../db/entities/index.js';
import { pgArray } from '../db/pg-array.js';
import { insertSnapshotRows } from '../db/snapshot-rows.js';
import { AppError, notFound } from '../errors/app-error.js';
import { isUniqueViolation } from '../errors/is-unique-violation.js';
import { presentLabel } from '../presenters/present-label.js';
import type { Services } from '../services/create-services.js';
import { raiseRevisions } from './link-label.js';
import { readTrash } from './manage-trash.js';
import { recordAudit } from './record-audit.js';

// Deleting a label moves it to the trash (`deleted_labels`): the label row and the ids of the artifacts it was on,
// kept for DOSSIER_TRASH_DAYS. Restoring puts the same label back on those of the artifacts that still exist.

export type DeletedLabelView = ReturnType<typeof presentLabel> & { deletedAt: string; purgeAfter: string };

/** Moves one of the owner's labels to the trash, with its audit event, in one transaction; else 404. */
export async function moveLabelToTrash({
  em,
  services,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  id: string;
  requestId?: string;
}): Promise<void> {
  await em.transactional(async (tx) => {
    const moved = await tx.execute<Array<{ artifacts: number }>>(
      `with label as (select * from labels where id = ? and owner_id = ? for update)
       insert into deleted_labels (id, owner_id, name, snapshot, deleted_at, purge_after)
       select l.id, l.owner_id, l.name, jsonb_build_object(
           'label', to_jsonb(l),
           'artifactIds', coalesce((select jsonb_agg(al.artifact_id order by al.artifact_id)
                                      from artifact_labels al where al.label_id = l.id), '[]'::jsonb)),
         now(), now() + make_interval(days => ?)
         from label l
       returning jsonb_array_length(snapshot->'artifactIds') as artifacts`,
      [id, ownerId, services.config.trashDays],
    );
    if (!moved[0]) throw notFound('Label');
    await tx.execute('delete from labels where id = ? and owner_id = ?', [id, ownerId], 'run');
    recordAudit({
      em: tx,
      actorId: ownerId,
      action: 'label.delete',
      entityType: 'label',
      entityId: id,
      requestId,
      data: { trash: true, artifacts: moved[0].artifacts },
    });
  });
}

/** The owner's trashed labels, most recently deleted first; `artifactCount` is how many carried it. */
export async function listLabelTrash({
  em,
  ownerId,
}: {
  em: EntityManager;
  ownerId: string;
}): Promise<DeletedLabelView[]> {
  const rows = await readTrash<LabelTrashSnapshot>(em, 'label', ownerId);
  return rows.map(({ snapshot, deletedAt, purgeAfter }) => {
    const label = snapshot.label as {
      id: string;
      name: string;
      description: string | null;
      colour: string;
      skill_focus: string[] | null;
    };
    return {
      ...presentLabel({ ...label, artifact_count: snapshot.artifactIds.length }),
      deletedAt,
      purgeAfter,
    };
  });
}

/**
 * Puts a trashed label back under the same id, on the artifacts that carried it and still exist (each such
 * artifact moves to a new revision, as an attach does); those in the trash get it back when they are restored.
 * A label of the same name made since → 409 CONFLICT, the label staying in the trash; not in the owner's trash
 * (or past its purge date) → 404.
 */
export async function restoreLabel({
  em,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  id: string;
  requestId?: string;
}): Promise<{ artifacts: number; inTrash: number; artifactsGone: number }> {
  try {
    return await em.transactional(async (tx) => {
      const [row] = await tx.execute<Array<{ snapshot: LabelTrashSnapshot }>>(
        `delete from deleted_labels where id = ? and owner_id = ? and purge_after > now() returning snapshot`,
        [id, ownerId],
      );
      if (!row) throw notFound('Deleted label');
      const { label, artifactIds } = row.snapshot;
      await insertSnapshotRows(tx, 'labels', [{ ...label, updated_at: new Date().toISOString() }]);
      const linked = artifactIds.length
        ? await tx.execute<Array<{ artifact_id: string }>>(
            `insert into artifact_labels (artifact_id, label_id)
               select a.id, ? from artifacts a where a.owner_id = ? and a.id = any(?::uuid[])
             returning artifact_id`,
            [id, ownerId, pgArray(artifactIds)],
          )
        : [];
      await raiseRevisions(
        tx,
        linked.map((r) => r.artifact_id),
      );
      // Artifacts that went to the trash after the label did: they get it back when they are restored.
      const pending = artifactIds.length
        ? await tx.execute<Array<{ id: string }>>(
            `update deleted_artifacts set snapshot = jsonb_set(snapshot, '{labelIds}',
                 coalesce(snapshot->'labelIds', '[]'::jsonb) || to_jsonb(?::text))
               where owner_id = ? and id = any(?::uuid[]) and purge_after > now()
                 and not coalesce(snapshot->'labelIds', '[]'::jsonb) @> jsonb_build_array(?::text)
             returning id`,
            [id, ownerId, pgArray(artifactIds), id],
          )
        : [];
      const result = {
        artifacts: linked.length,
        inTrash: pending.length,
        artifactsGone: artifactIds.length - linked.length - pending.length,
      };
      recordAudit({
        em: tx,
        actorId: ownerId,
        action: 'label.restore',
        entityType: 'label',
        entityId: id,
        requestId,
        data: result,
      });
      return result;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new AppError('CONFLICT', 'A label with this name exists now; rename it, then restore this one', {
      details: { field: 'name' },
    });
  }
}
