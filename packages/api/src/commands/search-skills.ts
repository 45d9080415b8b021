import type { TTaxonomyEntry } from '@dossier/core';
import type { Taxonomy } from '../services/create-services.js';

// The taxonomy is immutable for the life of the process: sort it by name once, not per request.
const byName = new WeakMap<Taxonomy, readonly TTaxonomyEntry[]>();

function sortedByName(taxonomy: Taxonomy): readonly TTaxonomyEntry[] {
  let sorted = byName.get(taxonomy);
  if (!sorted) {
    sorted = [...taxonomy.entries()].sort(
      (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id),
    );
    byName.set(taxonomy, sorted);
  }
  return sorted;
}

/**
 * Skills whose name or an alias matches `q` (exact, then prefix, then substring, as the taxonomy ranks them).
 * Without `q` it browses: the first `limit` skills in alphabetical order.
 */
export function searchSkills({
  taxonomy,
  q,
  limit,
}: {
  taxonomy: Taxonomy;
  q?: string | undefined;
  limit: number;
}): readonly TTaxonomyEntry[] {
  return q ? taxonomy.search(q, limit) : sortedByName(taxonomy).slice(0, limit);
}
