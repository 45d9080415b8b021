import type { EntityManager } from '@mikro-orm/postgresql';

// Rows kept as `to_jsonb` snapshots (the trash) and put back later, possibly after migrations changed the table.

/** The tables whose rows the trash keeps. */
export type SnapshotTable =
  | 'artifacts'
  | 'evidence_links'
  | 'labels'
  | 'documents'
  | 'document_versions'
  | 'export_logs';

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
export async function insertSnapshotRows(
  em: EntityManager,
  table: SnapshotTable,
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
