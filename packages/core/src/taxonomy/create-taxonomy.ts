import { computeEditDistance } from './compute-edit-distance.js';
import { createTextMatcher, DEFAULT_AMBIGUOUS_TERMS } from './create-text-matcher.js';
import type { TSkillMention, TSkillRef, TTaxonomyEntry } from './schema.js';
import { normalizeKey } from './tokenize.js';

export interface TaxonomyOptions {
  /**
   * Lookup keys of single-word aliases that are also ordinary words ("go", "make"); `findInText` accepts
   * them only with evidence. Defaults to a short built-in list; the default taxonomy passes a generated one.
   */
  ambiguousTerms?: Iterable<string>;
}

export interface DeriveSkillsInput {
  technologies?: readonly string[];
  text?: string;
}

export interface Taxonomy {
  /** Number of skills. */
  readonly size: number;
  /** The skill a name or alias denotes, ignoring case, spacing and punctuation ("k8s", "Node.JS"); O(1). */
  normalize(name: string): TSkillRef | null;
  /** The skill with this id, or undefined. */
  get(id: string): TTaxonomyEntry | undefined;
  /** Every skill, in the order given (the shipped data is sorted by id); for mirroring into a database. */
  entries(): readonly TTaxonomyEntry[];
  /** Skills whose name or an alias equals, starts with or contains the query, in that order, then shorter names first. */
  search(query: string, limit?: number): TTaxonomyEntry[];
  /** Close matches for unknown input: a name or alias within a small edit distance, or one it begins. */
  suggest(name: string, limit?: number): TTaxonomyEntry[];
  /** Skills mentioned in free text, in order of first mention; see `createTextMatcher` for the rules. */
  findInText(text: string): TSkillMention[];
  /** Normalised technologies followed by skills found in the text: ids, de-duplicated, first occurrence kept. */
  deriveSkills(input: DeriveSkillsInput): string[];
}

interface SearchRow {
  entry: TTaxonomyEntry;
  /** The name's key first, then the aliases' keys. */
  keys: string[];
}

const byRankThenName = (
  a: { rank: number; entry: TTaxonomyEntry },
  b: { rank: number; entry: TTaxonomyEntry },
): number =>
  a.rank - b.rank || a.entry.name.length - b.entry.name.length || a.entry.name.localeCompare(b.entry.name);

/**
 * Builds a taxonomy over the given skills. Ids must be unique; when two skills claim the same lookup key,
 * names win over aliases and earlier skills over later ones.
 */
export function createTaxonomy(entries: readonly TTaxonomyEntry[], options: TaxonomyOptions = {}): Taxonomy {
  const list: readonly TTaxonomyEntry[] = Object.freeze([...entries]);
  const byId = new Map<string, TTaxonomyEntry>();
  const refs = new Map<string, TSkillRef>();
  const byKey = new Map<string, TTaxonomyEntry>();
  for (const entry of entries) {
    if (byId.has(entry.id)) throw new Error(`Duplicate skill id in taxonomy: ${entry.id}`);
    byId.set(entry.id, entry);
    refs.set(entry.id, Object.freeze({ id: entry.id, name: entry.name, category: entry.category }));
  }
  const claim = (form: string, entry: TTaxonomyEntry): void => {
    const key = normalizeKey(form);
    if (key && !byKey.has(key)) byKey.set(key, entry);
  };
  for (const entry of entries) claim(entry.name, entry);
  for (const entry of entries) for (const alias of entry.aliases) claim(alias, entry);

  const rows: SearchRow[] = entries.map((entry) => ({
    entry,
    keys: [...new Set([entry.name, ...entry.aliases].map(normalizeKey))].filter(Boolean),
  }));
  const findInText = createTextMatcher(entries, options.ambiguousTerms ?? DEFAULT_AMBIGUOUS_TERMS);

  function normalize(name: string): TSkillRef | null {
    const entry = byKey.get(normalizeKey(name));
    return entry ? refs.get(entry.id)! : null;
  }

  function search(query: string, limit = 10): TTaxonomyEntry[] {
    const needle = normalizeKey(query);
    if (!needle) return [];
    const hits: { rank: number; entry: TTaxonomyEntry }[] = [];
    for (const { entry, keys } of rows) {
      // Exact, prefix, substring; at each level a hit on the name outranks one on an alias, so "java" lists
      // JavaScript before JSON ("JavaScript Object Notation").
      let rank = Number.POSITIVE_INFINITY;
      keys.forEach((key, i) => {
        const level = key === needle ? 0 : key.startsWith(needle) ? 2 : key.includes(needle) ? 4 : undefined;
        if (level !== undefined) rank = Math.min(rank, level + (i === 0 ? 0 : 1));
      });
      if (Number.isFinite(rank)) hits.push({ rank, entry });
    }
    return hits
      .sort(byRankThenName)
      .slice(0, limit)
      .map((hit) => hit.entry);
  }

  function suggest(name: string, limit = 5): TTaxonomyEntry[] {
    const needle = normalizeKey(name);
    if (!needle) return [];
    // One typo in a short word is already a different word ("go" → "gd"); longer names tolerate two.
    const maxDistance = needle.length <= 4 ? 1 : 2;
    const hits: { rank: number; entry: TTaxonomyEntry }[] = [];
    for (const { entry, keys } of rows) {
      let rank = Number.POSITIVE_INFINITY;
      for (const key of keys) {
        const distance = computeEditDistance(needle, key, maxDistance);
        if (distance <= maxDistance) rank = Math.min(rank, distance);
        // A prefix ranks after every edit-distance hit but still counts ("kuber" → Kubernetes).
        else if (needle.length >= 2 && key.startsWith(needle)) rank = Math.min(rank, maxDistance + 1);
      }
      if (Number.isFinite(rank)) hits.push({ rank, entry });
    }
    return hits
      .sort(byRankThenName)
      .slice(0, limit)
      .map((hit) => hit.entry);
  }

  function deriveSkills({ technologies = [], text = '' }: DeriveSkillsInput): string[] {
    const ids = new Set<string>();
    for (const technology of technologies) {
      const skill = normalize(technology);
      if (skill) ids.add(skill.id);
    }
    if (text) for (const mention of findInText(text)) ids.add(mention.id);
    return [...ids];
  }

  return {
    size: byId.size,
    normalize,
    get: (id) => byId.get(id),
    entries: () => list,
    search,
    suggest,
    findInText,
    deriveSkills,
  };
}
