import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from './user.js';

/** What a deleted document was, row for row: restoring it gives back the same document and version ids. */
export interface DocumentTrashSnapshot {
  /** The `documents` row as `to_jsonb` wrote it (snake_case column names). */
  document: Record<string, unknown>;
  /** Every `document_versions` row, each with its content and ATS report. */
  versions: Array<Record<string, unknown>>;
  /** Its `export_logs` rows: which evidence went into which file. */
  exports: Array<Record<string, unknown>>;
}

/**
 * The trash for documents, as `deleted_artifacts` is for artifacts: a deleted document is kept whole (every
 * version) until `purgeAfter`. Share links are not kept: deleting a document ends its public links, and restoring
 * it does not publish them again.
 */
export const DeletedDocument = defineEntity({
  name: 'DeletedDocument',
  tableName: 'deleted_documents',
  properties: {
    /** The document's own id. */
    id: p.uuid().primary(),
    owner: () => p.manyToOne(User).deleteRule('cascade').index(),
    title: p.string().length(300),
    snapshot: p.json<DocumentTrashSnapshot>(),
    deletedAt: p.datetime(),
    purgeAfter: p.datetime().index(),
  },
});
export type IDeletedDocument = InferEntity<typeof DeletedDocument>;
