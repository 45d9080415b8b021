import type { EntityManager } from '@mikro-orm/postgresql';
import type { DocumentTrashSnapshot } from '../db/entities/index.js';
import { insertSnapshotRows } from '../db/snapshot-rows.js';
import { notFound } from '../errors/app-error.js';
import { type DocumentRow, presentDocument } from '../presenters/present-document.js';
import type { Services } from '../services/create-services.js';
import { readTrash } from './manage-trash.js';
import { recordAudit } from './record-audit.js';

// Deleting a document moves it to the trash (`deleted_documents`): the document row, every version and its
// export logs, kept for DOSSIER_TRASH_DAYS. Its share links are deleted and stay deleted: restoring a document
// does not make it public again. The generations that made its versions point to it again once it is back.

export type DeletedDocumentView = ReturnType<typeof presentDocument> & {
  versions: number;
  deletedAt: string;
  purgeAfter: string;
};

/** Moves one of the owner's documents to the trash, with its audit event, in one transaction; else 404. */
export async function moveDocumentToTrash({
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
    const moved = await tx.execute<Array<{ versions: number; shares: number }>>(
      `with doc as (select * from documents where id = ? and owner_id = ? for update)
       insert into deleted_documents (id, owner_id, title, snapshot, deleted_at, purge_after)
       select d.id, d.owner_id, d.title, jsonb_build_object(
           'document', to_jsonb(d),
           'versions', coalesce((select jsonb_agg(to_jsonb(v) order by v.number)
                                   from document_versions v where v.document_id = d.id), '[]'::jsonb),
           'exports', coalesce((select jsonb_agg(to_jsonb(x) order by x.created_at, x.id)
                                  from export_logs x where x.document_id = d.id), '[]'::jsonb)),
         now(), now() + make_interval(days => ?)
         from doc d
       returning jsonb_array_length(snapshot->'versions') as versions,
         (select count(*)::int from share_links s where s.document_id = deleted_documents.id) as shares`,
      [id, ownerId, services.config.trashDays],
    );
    if (!moved[0]) throw notFound('Document');
    await tx.execute('delete from documents where id = ? and owner_id = ?', [id, ownerId], 'run');
    recordAudit({
      em: tx,
      actorId: ownerId,
      action: 'document.delete',
      entityType: 'document',
      entityId: id,
      requestId,
      data: { trash: true, versions: moved[0].versions, shareLinksEnded: moved[0].shares },
    });
  });
}

/** The owner's trashed documents, most recently deleted first. */
export async function listDocumentTrash({
  em,
  ownerId,
}: {
  em: EntityManager;
  ownerId: string;
}): Promise<DeletedDocumentView[]> {
  const rows = await readTrash<DocumentTrashSnapshot>(em, 'document', ownerId);
  return rows.map(({ snapshot, deletedAt, purgeAfter }) => {
    const doc = snapshot.document as unknown as Omit<DocumentRow, 'ats_score'>;
    const current = snapshot.versions.find((v) => v.number === doc.current_version);
    const report = current?.ats_report as { score?: number } | null | undefined;
    return {
      ...presentDocument({ ...doc, ats_score: report?.score ?? null }),
      versions: snapshot.versions.length,
      deletedAt,
      purgeAfter,
    };
  });
}

/**
 * Puts a trashed document back with every version and export log, under the same ids. Its job description may
 * have been deleted since: the document then keeps its content without the link, as it would have had it stayed.
 * Not in the owner's trash (or past its purge date) → 404.
 */
export async function restoreDocument({
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
    const [row] = await tx.execute<Array<{ snapshot: DocumentTrashSnapshot; job_gone: boolean }>>(
      `delete from deleted_documents t where t.id = ? and t.owner_id = ? and t.purge_after > now()
       returning t.snapshot, (t.snapshot->'document'->>'job_description_id') is not null and not exists (
         select 1 from job_descriptions j where j.id = (t.snapshot->'document'->>'job_description_id')::uuid
       ) as job_gone`,
      [id, ownerId],
    );
    if (!row) throw notFound('Deleted document');
    const { document, versions, exports } = row.snapshot;
    await insertSnapshotRows(tx, 'documents', [
      row.job_gone ? { ...document, job_description_id: null } : document,
    ]);
    await insertSnapshotRows(tx, 'document_versions', versions);
    await insertSnapshotRows(tx, 'export_logs', exports);
    await tx.execute('update documents set updated_at = now() where id = ?', [id], 'run');
    // The delete set their document to null (ON DELETE SET NULL); the versions still name them.
    await tx.execute(
      `update generations g set document_id = v.document_id from document_versions v
        where v.document_id = ? and v.generation_id = g.id and g.owner_id = ? and g.document_id is null`,
      [id, ownerId],
      'run',
    );
    recordAudit({
      em: tx,
      actorId: ownerId,
      action: 'document.restore',
      entityType: 'document',
      entityId: id,
      requestId,
      data: { versions: versions.length, exports: exports.length, jobDescriptionGone: row.job_gone },
    });
  });
}
