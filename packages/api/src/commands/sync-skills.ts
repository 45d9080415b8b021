import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import type { Taxonomy } from '../services/create-services.js';

export interface SyncResult {
  total: number;
  /** Rows inserted or updated: non-zero means the shipped taxonomy changed since the last sync. */
  changed: number;
  /** A digest of the shipped taxonomy, used as the idempotency key of the re-derive job. */
  version: string;
}

/**
 * Mirrors the shipped taxonomy into the skills table in batches (one statement per 1,000 rows), writing only
 * entries that changed, so it is cheap to run at every start.
 */
export async function syncSkills(em: EntityManager, taxonomy: Taxonomy): Promise<SyncResult> {
  const entries = taxonomy.entries();
  const version = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
  const BATCH = 1000;
  let changed = 0;
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    const params: unknown[] = [];
    const values = batch
      .map((s) => {
        params.push(s.id, s.name, s.category, pgArray(s.aliases), pgArray(s.sources));
        return '(?, ?, ?, ?::text[], ?::text[])';
      })
      .join(', ');
    const rows = await em.execute<Array<{ id: string }>>(
      `insert into skills (id, name, category, aliases, sources) values ${values}
       on conflict (id) do update set name = excluded.name, category = excluded.category,
         aliases = excluded.aliases, sources = excluded.sources
       where (skills.name, skills.category, skills.aliases, skills.sources)
         is distinct from (excluded.name, excluded.category, excluded.aliases, excluded.sources)
       returning id`,
      params,
    );
    changed += rows.length;
  }
  return { total: entries.length, changed, version };
}
