import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from './user.js';

/** What a deleted label was: restoring it gives back the same label id on the artifacts that still exist. */
export interface LabelTrashSnapshot {
  /** The `labels` row as `to_jsonb` wrote it (snake_case column names). */
  label: Record<string, unknown>;
  /** The artifacts that carried it when it was deleted. */
  artifactIds: string[];
}

/**
 * The trash for labels, as `deleted_artifacts` is for artifacts: a deleted label and the list of artifacts it was
 * on are kept until `purgeAfter`, so an accidental delete does not mean labelling every artifact again.
 */
export const DeletedLabel = defineEntity({
  name: 'DeletedLabel',
  tableName: 'deleted_labels',
  properties: {
    /** The label's own id. */
    id: p.uuid().primary(),
    owner: () => p.manyToOne(User).deleteRule('cascade').index(),
    name: p.string().length(80),
    snapshot: p.json<LabelTrashSnapshot>(),
    deletedAt: p.datetime(),
    purgeAfter: p.datetime().index(),
  },
});
export type IDeletedLabel = InferEntity<typeof DeletedLabel>;
