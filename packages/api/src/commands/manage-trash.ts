import type { EntityManager } from '@mikro-orm/postgresql';
import { deleteInBatches } from '../db/delete-in-batches.js';
import { notFound } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';

// What the trash does to every kind it holds (trash-artifacts.ts, trash-documents.ts and trash-labels.ts put things
// in and take them out): delete one for good, empty it, and the daily retention run.

const PURGE_BATCH = 500;

const TRASH_TABLES = {
  artifact: 'deleted_artifacts',
  document: 'deleted_documents',
  label: 'deleted_labels',
} as const;
const NOT_FOUND = {
  artifact: 'Deleted artifact',
  document: 'Deleted document',
  label: 'Deleted label',
} as const;

/** A trash holds what a person deletes in a month; a script deleting thousands still gets a bounded page. */
const LIST_LIMIT = 500;

/** A row of the trash: what was deleted (its snapshot), when, and when it goes for good (ISO date-times). */
export interface TrashRow<S> {
  id: string;
  snapshot: S;
  deletedAt: string;
  purgeAfter: string;
}

/** The owner's trashed items of one kind still restorable, most recently deleted first, at most 500. */
export async function readTrash<S>(
  em: EntityManager,
  kind: keyof typeof TRASH_TABLES,
  ownerId: string,
): Promise<Array<TrashRow<S>>> {
  const rows = await em.execute<Array<{ id: string; snapshot: S; deleted_at: Date; purge_after: Date }>>(
    `select id, snapshot, deleted_at, purge_after from ${TRASH_TABLES[kind]}
      where owner_id = ? and purge_after > now()
      order by deleted_at desc, id limit ${LIST_LIMIT}`,
    [ownerId],
  );
  return rows.map((row) => ({
    id: row.id,
    snapshot: row.snapshot,
    deletedAt: new Date(row.deleted_at).toISOString(),
    purgeAfter: new Date(row.purge_after).toISOString(),
  }));
}

/** Deletes one trashed artifact, document or label for good; not in the owner's trash → 404. */
export async function purgeTrashed({
  em,
  ownerId,
  kind,
  id,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  kind: keyof typeof TRASH_TABLES;
  id: string;
  requestId?: string;
}): Promise<void> {
  const deleted = await em.execute<Array<{ id: string }>>(
    `delete from ${TRASH_TABLES[kind]} where owner_id = ? and id = ? returning id`,
    [ownerId, id],
  );
  if (deleted.length === 0) throw notFound(NOT_FOUND[kind]);
  recordAudit({ em, actorId: ownerId, action: `${kind}.purge`, entityType: kind, entityId: id, requestId });
  await em.flush();
}

/** Empties the owner's trash, artifacts, documents and labels, for good; audited when anything went. */
export async function emptyTrash({
  em,
  ownerId,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  requestId?: string;
}): Promise<{ artifacts: number; documents: number; labels: number }> {
  const [counts] = await em.execute<Array<{ artifacts: number; documents: number; labels: number }>>(
    `with a as (delete from deleted_artifacts where owner_id = ? returning 1),
          d as (delete from deleted_documents where owner_id = ? returning 1),
          l as (delete from deleted_labels where owner_id = ? returning 1)
     select (select count(*) from a)::int as artifacts, (select count(*) from d)::int as documents,
            (select count(*) from l)::int as labels`,
    [ownerId, ownerId, ownerId],
  );
  const result = {
    artifacts: counts?.artifacts ?? 0,
    documents: counts?.documents ?? 0,
    labels: counts?.labels ?? 0,
  };
  if (result.artifacts + result.documents + result.labels > 0) {
    recordAudit({
      em,
      actorId: ownerId,
      action: 'trash.empty',
      entityType: 'user',
      entityId: ownerId,
      requestId,
      data: result,
    });
    await em.flush();
  }
  return result;
}

/** The retention run: trashed artifacts, documents and labels past their purge date go for good, in batches. */
export async function purgeExpiredTrash(
  services: Services,
  { signal, batchSize = PURGE_BATCH }: { signal?: AbortSignal; batchSize?: number } = {},
): Promise<number> {
  let purged = 0;
  for (const table of Object.values(TRASH_TABLES)) {
    purged += await deleteInBatches(
      services,
      (limit) => `delete from ${table} where id in (
           select id from ${table} where purge_after <= now()
           order by purge_after limit ${limit} for update skip locked)
         returning id`,
      [],
      { signal, batchSize },
    );
  }
  if (purged > 0) {
    const em = services.orm.em.fork();
    recordAudit({ em, actorId: null, action: 'trash.purge-expired', entityType: 'trash', data: { purged } });
    await em.flush();
  }
  services.logger.info({ job: 'trash.purge-expired', purged }, 'expired trash purged');
  return purged;
}
