import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from './user.js';

/** What a deleted artifact was, row for row, so that restoring it gives back the same ids (documents cite them). */
export interface TrashSnapshot {
  /** The `artifacts` row as `to_jsonb` wrote it (snake_case column names). */
  artifact: Record<string, unknown>;
  /** Its `evidence_links` rows, URLs still encrypted. */
  evidence: Array<Record<string, unknown>>;
  /** The labels it carried; those still there when it is restored are put back. */
  labelIds: string[];
}

/**
 * The trash: a deleted artifact is kept here, whole, until `purgeAfter` (DOSSIER_TRASH_DAYS), and can be restored
 * with its evidence links, their check history and its labels. A restore inserts only the columns the snapshot
 * holds that the table still has, so a later migration that adds a column with a default keeps old snapshots
 * restorable; one that adds a NOT NULL column without a default has to fill it in here too.
 */
export const DeletedArtifact = defineEntity({
  name: 'DeletedArtifact',
  tableName: 'deleted_artifacts',
  properties: {
    /** The artifact's own id. */
    id: p.uuid().primary(),
    owner: () => p.manyToOne(User).deleteRule('cascade').index(),
    title: p.string().length(300),
    snapshot: p.json<TrashSnapshot>(),
    deletedAt: p.datetime(),
    purgeAfter: p.datetime().index(),
  },
});
export type IDeletedArtifact = InferEntity<typeof DeletedArtifact>;
