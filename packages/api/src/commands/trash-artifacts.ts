import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrashSnapshot } from '../db/entities/index.js';
import { pgArray } from '../db/pg-array.js';
import { notFound } from '../errors/app-error.js';
import { type DeletedArtifactView, presentDeletedArtifact } from '../presenters/present-deleted-artifact.js';
import type { Services } from '../services/create-services.js';
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
 * Moves one of the owner's artifacts to the trash, in one transaction with the audit event; false when the owner
 * has no such artifact.
 */
export async function moveArtifactToTrash({
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
}): Promise<boolean> {
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<Array<{ title: string; snapshot: TrashSnapshot }>>(
      `select a.title, jsonb_build_object(
          'artifact', to_jsonb(a),
          'evidence', coalesce((select jsonb_agg(to_jsonb(e) order by e.created_at, e.id)
                                  from evidence_links e where e.artifact_id = a.id), '[]'::jsonb),
          'labelIds', coalesce((select jsonb_agg(al.label_id order by al.label_id)
                                  from artifact_labels al where al.artifact_id = a.id), '[]'::jsonb)) as snapshot
         from artifacts a where a.id = ? and a.owner_id = ? for update`,
      [id, ownerId],
    );
    if (!row) return false;
    await tx.execute(
      `insert into deleted_artifacts (id, owner_id, title, snapshot, deleted_at, purge_after)
       values (?, ?, ?, ?::jsonb, now(), now() + make_interval(days => ?))`,
      [id, ownerId, row.title, JSON.stringify(row.snapshot), services.config.trashDays],
      'run',
    );
    await tx.execute('delete from artifacts where id = ?', [id], 'run');
    recordAudit({
      em: tx,
      actorId: ownerId,
      action: 'artifact.delete',
      entityType: 'artifact',
      entityId: id,
      requestId,
      data: { trash: true, evidence: row.snapshot.evidence.length },
    });
    return true;
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

/** Columns per table, read once: a restore writes only the snapshot's columns that the table still has. */
const columnsOf = new Map<string, Promise<Set<string>>>();

function tableColumns(em: EntityManager, table: string): Promise<Set<string>> {
  let columns = columnsOf.get(table);
  if (!columns) {
    columns = em
      .execute<Array<{ name: string }>>(
        `select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ?`,
        [table],
      )
      .then((rows) => new Set(rows.map((r) => r.name)));
    columnsOf.set(table, columns);
    columns.catch(() => columnsOf.delete(table));
  }
  return columns;
}

/** Inserts rows written by `to_jsonb` back into their table, through the table's own row type. */
async function insertRows(
  em: EntityManager,
  table: 'artifacts' | 'evidence_links',
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const existing = await tableColumns(em, table);
  const keys = Object.keys(rows[0]!)
    .filter((key) => existing.has(key))
    .map((key) => `"${key.replaceAll('"', '""')}"`)
    .join(', ');
  await em.execute(
    `insert into "${table}" (${keys}) select ${keys} from jsonb_populate_recordset(null::"${table}", ?::jsonb)`,
    [JSON.stringify(rows)],
    'run',
  );
}

/**
 * Puts a trashed artifact back: the same artifact, evidence links (with their check history) and the labels that
 * still exist, under the same ids. Its revision goes up by one, so an editor still holding the old revision is
 * told it changed. Not in the owner's trash (or past its purge date) → 404.
 */
export async function restoreArtifact({
  em,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  id: string;
  requestId?: string;
}): Promise<void> {
  await em.transactional(async (tx) => {
    const [row] = await tx.execute<Array<{ snapshot: TrashSnapshot }>>(
      `delete from deleted_artifacts where id = ? and owner_id = ? and purge_after > now() returning snapshot`,
      [id, ownerId],
    );
    if (!row) throw notFound('Deleted artifact');
    const { artifact, evidence, labelIds } = row.snapshot;
    await insertRows(tx, 'artifacts', [artifact]);
    await insertRows(tx, 'evidence_links', evidence);
    await tx.execute(
      'update artifacts set revision = revision + 1, updated_at = now() where id = ?',
      [id],
      'run',
    );
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
      data: { evidence: evidence.length, labels: labels.length, labelsGone: labelIds.length - labels.length },
    });
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
  let purged = 0;
  for (;;) {
    signal?.throwIfAborted();
    const rows = await services.orm.em.fork().execute<Array<{ id: string }>>(
      `delete from deleted_artifacts where id in (
         select id from deleted_artifacts where purge_after <= now()
         order by purge_after limit ${batchSize} for update skip locked)
       returning id`,
    );
    purged += rows.length;
    if (rows.length < batchSize) break;
    await new Promise((r) => setImmediate(r));
  }
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
