/**
 * The artifact list's read model lives in the database only: the `artifact_cards` table (one JSON card per
 * artifact), the start date copied onto each label link with its index, and the triggers (`artifact_cards_*`) and functions (`dossier_*`) that keep both current
 * (migration `Migration20261122074500_artifact_cards`). The ORM has no entity for them, so a schema diff against
 * the entities proposes to drop them; these are the statements that belong to the read model.
 */
export const READ_MODEL_OBJECTS = [
  // the table, its indexes and constraints, and every trigger
  'artifact_cards',
  // the trigger functions
  '"dossier_',
  '"artifact_labels_label_start_idx"',
  '"artifact_labels" drop column "start_date"',
] as const;

export function isReadModelStatement(sql: string): boolean {
  return READ_MODEL_OBJECTS.some((needle) => sql.includes(needle));
}
