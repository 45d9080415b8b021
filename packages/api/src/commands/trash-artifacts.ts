import type { EntityManager } from '@mikro-orm/postgresql';
import { deleteInBatches } from '../db/delete-in-batches.js';
import type { TrashSnapshot } from '../db/entities/index.js';
import { pgArray } from '../db/pg-array.js';
import { notFound } from '../errors/app-error.js';
import { type DeletedArtifactView, presentDeletedArtifact } from '../presenters/present-deleted-artifact.js';
import type { Services } from '../services/create-services.js';
import { deriveArtifactSkills } from './derive-artifact-skills.js';
import { recordAudit } from './record-audit.js';

// Deleting an artifact moves it to the trash (`deleted_artifacts`): the artifact row, its evidence links and its
// label ids, kept whole for DOSSIER_TRASH_DAYS. Restoring puts the same rows back under the same ids, so
// documents that cite the artifact and its evidence find them again.

/** A trash holds what a person deletes in a month; a script deleting thousands still gets a bounded page. */
const LIST_LIMIT = 500;
const PURGE_BATCH = 500;

interface TrashRow {
  id: string;
  snapshot: TrashSnapshot;
  deleted_at: Date;
  purge_after: Date;
}

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
  const rows = await em.execute<TrashRow[]>(
    `select id, snapshot, deleted_at, purge_after from deleted_artifacts
      where owner_id = ? and purge_after > now()
      order by deleted_at desc, id limit ${LIST_LIMIT}`,
    [ownerId],
  );
  const labelIds = [...new Set(rows.flatMap((r) => r.snapshot.labelIds))];
  const labels = labelIds.length
    ? await em.execute<Array<{ id: string; name: string; colour: string }>>(
        'select id, name, colour from labels where owner_id = ? and id = any(?::uuid[])',
        [ownerId, pgArray(labelIds)],
      )
    : [];
  const byId = new Map(labels.map((l) => [l.id, l]));
  return rows.map((row) =>
    presentDeletedArtifact(
      { id: row.id, snapshot: row.snapshot, deletedAt: row.deleted_at, purgeAfter: row.purge_after },
      byId,
      services.cipher,
    ),
  );
}

/** The table's columns now: a restore writes only the snapshot's columns that the table still has. */
async function tableColumns(em: EntityManager, table: string): Promise<Set<string>> {
  const rows = await em.execute<Array<{ name: string }>>(
    `select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ?`,
    [table],
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Inserts rows written by `to_jsonb` back into their table, through the table's own row type. Snapshots taken
 * before and after a migration hold different columns, so rows are inserted in groups of the same columns.
 */
async function insertRows(
  em: EntityManager,
  table: 'artifacts' | 'evidence_links',
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  const existing = await tableColumns(em, table);
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const row of rows) {
    const keys = Object.keys(row)
      .filter((key) => existing.has(key))
      .map((key) => `"${key.replaceAll('"', '""')}"`)
      .join(', ');
    groups.set(keys, [...(groups.get(keys) ?? []), row]);
  }
  for (const [keys, group] of groups) {
    await em.execute(
      `insert into "${table}" (${keys}) select ${keys} from jsonb_populate_recordset(null::"${table}", ?::jsonb)`,
      [JSON.stringify(group)],
      'run',
    );
  }
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
    await insertRows(
      tx,
      'artifacts',
      rows.map((r) => r.snapshot.artifact),
    );
    await insertRows(
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
    for (const { id, snapshot } of rows) {
      const { evidence, labelIds } = snapshot;
      const labels = labelIds.length
        ? await tx.execute<Array<{ label_id: string }>>(
            `insert into artifact_labels (artifact_id, label_id)
               select ?, l.id from labels l where l.owner_id = ? and l.id = any(?::uuid[])
             returning label_id`,
            [id, ownerId, pgArray(labelIds)],
          )
        : [];
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

/** Deletes trashed artifacts for good: one (`id`), or the owner's whole trash. Returns how many went. */
export async function purgeTrash({
  em,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  id?: string;
  requestId?: string;
}): Promise<number> {
  const rows = await em.execute<Array<{ id: string }>>(
    `delete from deleted_artifacts where owner_id = ?${id ? ' and id = ?' : ''} returning id`,
    id ? [ownerId, id] : [ownerId],
  );
  if (id && rows.length === 0) throw notFound('Deleted artifact');
  if (rows.length > 0) {
    recordAudit({
      em,
      actorId: ownerId,
      action: id ? 'artifact.purge' : 'trash.empty',
      entityType: id ? 'artifact' : 'user',
      entityId: id ?? ownerId,
      requestId,
      data: { purged: rows.length },
    });
    await em.flush();
  }
  return rows.length;
}

/** The retention run: trashed artifacts past their purge date go for good, in batches. */
export async function purgeExpiredTrash(
  services: Services,
  { signal, batchSize = PURGE_BATCH }: { signal?: AbortSignal; batchSize?: number } = {},
): Promise<number> {
  const purged = await deleteInBatches(
    services,
    (limit) => `delete from deleted_artifacts where id in (
         select id from deleted_artifacts where purge_after <= now()
         order by purge_after limit ${limit} for update skip locked)
       returning id`,
    [],
    { signal, batchSize },
  );
  if (purged > 0) {
    const em = services.orm.em.fork();
    recordAudit({
      em,
      actorId: null,
      action: 'artifact.purge-expired',
      entityType: 'artifact',
      data: { purged },
    });
    await em.flush();
  }
  services.logger.info({ job: 'trash.purge-expired', purged }, 'expired trash purged');
  return purged;
}
