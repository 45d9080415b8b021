import type { Taxonomy } from '@dossier/core';
import { phraseKey, words } from './document-text.js';

export interface KeywordPresence {
  /** True when the keyword, a taxonomy alias of it or the skill it denotes is in the text. */
  has(keyword: string): boolean;
}

/**
 * A case-insensitive, whole-phrase keyword finder over one text. A keyword counts when the text names it or,
 * when the taxonomy knows it as a skill, names that skill or any of its aliases ("k8s" for Kubernetes,
 * "Postgres" for PostgreSQL) — the taxonomy's text matcher decides the ambiguous short ones ("Go", "R").
 */
export function createKeywordPresence(text: string, taxonomy: Taxonomy): KeywordPresence {
  const key = phraseKey(text);
  const tokens = new Set(words(text));
  const rawTokens = new Set(text.match(/[\p{L}\p{N}][\p{L}\p{N}+#.]*/gu) ?? []);
  const skillIds = new Set(taxonomy.findInText(text).map((m) => m.id));
  const hasPhrase = (phrase: string): boolean => {
    const k = phraseKey(phrase);
    if (!k) return false;
    if (k.trim().includes(' ')) return key.includes(k);
    const word = phrase.trim();
    // A one-word name with capitals ("Go", "Rust") must keep them, so "go ahead" and "rust" do not count.
    if (word !== word.toLowerCase() && /^[\p{L}]+$/u.test(word))
      return rawTokens.has(word) || rawTokens.has(word.toUpperCase());
    return tokens.has(k.trim());
  };
  return {
    has(keyword) {
      if (hasPhrase(keyword)) return true;
      const ref = taxonomy.normalize(keyword);
      if (!ref) return false;
      if (skillIds.has(ref.id)) return true;
      const entry = taxonomy.get(ref.id);
      // Multi-word or symbol-bearing aliases only: a one-word alias like "spark" is too often a plain word.
      return [entry?.name ?? ref.name, ...(entry?.aliases ?? [])].some(
        (alias) => (phraseKey(alias).trim().includes(' ') || /[^\p{L}\s]/u.test(alias)) && hasPhrase(alias),
      );
    },
  };
}

/** Share (0–1) of the critical keywords the text contains; 1 when the case lists none. */
export function keywordCoverage(
  text: string,
  keywords: readonly string[],
  taxonomy: Taxonomy,
): { coverage: number; missing: string[] } {
  if (keywords.length === 0) return { coverage: 1, missing: [] };
  const presence = createKeywordPresence(text, taxonomy);
  const missing = keywords.filter((k) => !presence.has(k));
  return { coverage: (keywords.length - missing.length) / keywords.length, missing };
}
