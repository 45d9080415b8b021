import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrashSnapshot } from '../db/entities/index.js';
import { pgArray } from '../db/pg-array.js';
import { insertSnapshotRows } from '../db/snapshot-rows.js';
import { notFound } from '../errors/app-error.js';
import { type DeletedArtifactView, presentDeletedArtifact } from '../presenters/present-deleted-artifact.js';
import type { Services } from '../services/create-services.js';
import { deriveArtifactSkills } from './derive-artifact-skills.js';
import { readTrash } from './manage-trash.js';
import { recordAudit } from './record-audit.js';

// Deleting an artifact moves it to the trash (`deleted_artifacts`): the artifact row, its evidence links and its
// label ids, kept whole for DOSSIER_TRASH_DAYS. Restoring puts the same rows back under the same ids, so
// documents that cite the artifact and its evidence find them again.

/**
 * Moves the owner's artifacts to the trash, in one transaction with an audit event each. All or nothing: when
 * one of them is not the owner's (or no longer there), nothing moves and the answer is 404.
 */
export async function moveArtifactsToTrash({
  em,
  services,
  ownerId,
  ids,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  ids: readonly string[];
  requestId?: string;
}): Promise<number> {
  const unique = [...new Set(ids)];
  return em.transactional(async (tx) => {
    // Locked first, so an edit committed while the snapshot is taken cannot slip between it and the delete.
    const locked = await tx.execute<Array<{ id: string }>>(
      'select id from artifacts where owner_id = ? and id = any(?::uuid[]) for update',
      [ownerId, pgArray(unique)],
    );
    if (locked.length !== unique.length)
      throw notFound(unique.length === 1 ? 'Artifact' : 'One of the artifacts');
    const moved = await tx.execute<Array<{ id: string; evidence: number }>>(
      `insert into deleted_artifacts (id, owner_id, title, snapshot, deleted_at, purge_after)
       select a.id, a.owner_id, a.title, jsonb_build_object(
           'artifact', to_jsonb(a),
           'evidence', coalesce((select jsonb_agg(to_jsonb(e) order by e.created_at, e.id)
                                   from evidence_links e where e.artifact_id = a.id), '[]'::jsonb),
           'labelIds', coalesce((select jsonb_agg(al.label_id order by al.label_id)
                                   from artifact_labels al where al.artifact_id = a.id), '[]'::jsonb)),
         now(), now() + make_interval(days => ?)
         from artifacts a where a.owner_id = ? and a.id = any(?::uuid[])
       returning id, jsonb_array_length(snapshot->'evidence') as evidence`,
      [services.config.trashDays, ownerId, pgArray(unique)],
    );
    await tx.execute(
      'delete from artifacts where owner_id = ? and id = any(?::uuid[])',
      [ownerId, pgArray(unique)],
      'run',
    );
    for (const row of moved) {
      recordAudit({
        em: tx,
        actorId: ownerId,
        action: 'artifact.delete',
        entityType: 'artifact',
        entityId: row.id,
        requestId,
        data: { trash: true, evidence: row.evidence },
      });
    }
    return moved.length;
  });
}

/** The owner's trash, most recently deleted first, with the labels its artifacts carried that still exist. */
export async function listTrash({
  em,
  services,
  ownerId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
}): Promise<DeletedArtifactView[]> {
  const rows = await readTrash<TrashSnapshot>(em, 'artifact', ownerId);
  const labelIds = [...new Set(rows.flatMap((r) => r.snapshot.labelIds))];
  const labels = labelIds.length
    ? await em.execute<Array<{ id: string; name: string; colour: string }>>(
        'select id, name, colour from labels where owner_id = ? and id = any(?::uuid[])',
        [ownerId, pgArray(labelIds)],
      )
    : [];
  const byId = new Map(labels.map((l) => [l.id, l]));
  return rows.map((row) => presentDeletedArtifact(row, byId, services.cipher));
}

/**
 * Puts trashed artifacts back: the same artifacts, evidence links (with their check history) and the labels that
 * still exist, under the same ids. Each revision goes up by one, so an editor still holding the old revision is
 * told it changed, and the skills are derived again with today's taxonomy. All or nothing: one not in the owner's
 * trash (or past its purge date) → 404, nothing restored.
 */
export async function restoreArtifacts({
  em,
  services,
  ownerId,
  ids,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  ids: readonly string[];
  requestId?: string;
}): Promise<number> {
  const unique = [...new Set(ids)];
  return em.transactional(async (tx) => {
    const rows = await tx.execute<Array<{ id: string; snapshot: TrashSnapshot }>>(
      `delete from deleted_artifacts where owner_id = ? and id = any(?::uuid[]) and purge_after > now()
       returning id, snapshot`,
      [ownerId, pgArray(unique)],
    );
    if (rows.length !== unique.length) {
      throw notFound(unique.length === 1 ? 'Deleted artifact' : 'One of the deleted artifacts');
    }
    await insertSnapshotRows(
      tx,
      'artifacts',
      rows.map((r) => r.snapshot.artifact),
    );
    await insertSnapshotRows(
      tx,
      'evidence_links',
      rows.flatMap((r) => r.snapshot.evidence),
    );
    const params: unknown[] = [];
    const values = rows
      .map(({ id, snapshot }) => {
        const a = snapshot.artifact as Parameters<typeof deriveArtifactSkills>[1];
        params.push(id, pgArray(deriveArtifactSkills(services.taxonomy, a)));
        return '(?::uuid, ?::text[])';
      })
      .join(', ');
    await tx.execute(
      `update artifacts a set revision = a.revision + 1, updated_at = now(), skills = v.skills
         from (values ${values}) as v(id, skills) where a.id = v.id`,
      params,
      'run',
    );
    // Every label link in one statement; labels deleted (or not the owner's) in the meantime are skipped.
    const pairs = rows.flatMap(({ id, snapshot }) => snapshot.labelIds.map((labelId) => [id, labelId]));
    const linked = pairs.length
      ? await tx.execute<Array<{ artifact_id: string }>>(
          `insert into artifact_labels (artifact_id, label_id)
             select (p->>0)::uuid, l.id from jsonb_array_elements(?::jsonb) p
               join labels l on l.id = (p->>1)::uuid and l.owner_id = ?
           returning artifact_id`,
          [JSON.stringify(pairs), ownerId],
        )
      : [];
    for (const { id, snapshot } of rows) {
      const { evidence, labelIds } = snapshot;
      const labels = linked.filter((l) => l.artifact_id === id);
      recordAudit({
        em: tx,
        actorId: ownerId,
        action: 'artifact.restore',
        entityType: 'artifact',
        entityId: id,
        requestId,
        data: {
          evidence: evidence.length,
          labels: labels.length,
          labelsGone: labelIds.length - labels.length,
        },
      });
    }
    return rows.length;
  });
}
