import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import type { Taxonomy } from '../services/create-services.js';

/**
 * Mirrors the shipped taxonomy into the skills table in batches (one statement per 1,000 rows), updating
 * changed entries and leaving the rest, so it is cheap to run at every start.
 */
export async function syncSkills(em: EntityManager, taxonomy: Taxonomy): Promise<number> {
  const entries = taxonomy.entries();
  const BATCH = 1000;
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    const params: unknown[] = [];
    const values = batch
      .map((s) => {
        params.push(s.id, s.name, s.category, pgArray(s.aliases), pgArray(s.sources));
        return '(?, ?, ?, ?::text[], ?::text[])';
      })
      .join(', ');
    await em.execute(
      `insert into skills (id, name, category, aliases, sources) values ${values}
       on conflict (id) do update set name = excluded.name, category = excluded.category,
         aliases = excluded.aliases, sources = excluded.sources
       where (skills.name, skills.category, skills.aliases, skills.sources)
         is distinct from (excluded.name, excluded.category, excluded.aliases, excluded.sources)`,
      params,
    );
  }
  return entries.length;
}
