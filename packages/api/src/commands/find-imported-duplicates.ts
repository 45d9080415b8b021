import type { TPipelinePortfolio } from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import { toDate } from './commit-import.js';

/**
 * For each proposed artifact, the id of one of the owner's artifacts that it would duplicate: the same title
 * (case and surrounding spaces ignored) starting on the same date, as the commit would store it. Importing the
 * same resume twice, or restoring an export into the account it came from, then shows what is already there.
 */
export async function findImportedDuplicates(
  em: EntityManager,
  ownerId: string,
  proposal: TPipelinePortfolio,
): Promise<Map<number, string>> {
  const keyOf = (title: string, startDate: string | null) =>
    `${title.trim().toLowerCase()}\u0000${startDate}`;
  const titles = [...new Set(proposal.artifacts.map((a) => a.title.trim().toLowerCase()))];
  const found = new Map<number, string>();
  if (titles.length === 0) return found;
  const rows = await em.execute<Array<{ id: string; title: string; start_date: string }>>(
    `select id, title, start_date::text as start_date from artifacts
       where owner_id = ? and lower(btrim(title)) = any(?::text[]) order by created_at, id`,
    [ownerId, pgArray(titles)],
  );
  const existing = new Map<string, string>();
  for (const row of rows) {
    const key = keyOf(row.title, row.start_date);
    if (!existing.has(key)) existing.set(key, row.id);
  }
  proposal.artifacts.forEach((a, index) => {
    const id = existing.get(keyOf(a.title, toDate(a.startDate)));
    if (id) found.set(index, id);
  });
  return found;
}
