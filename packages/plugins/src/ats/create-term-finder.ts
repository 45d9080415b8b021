import type { Taxonomy } from '@dossier/core';
import { normalizeKey, scanTokens } from '@dossier/core';
import type { CriticalTerm } from './select-critical-terms.js';

export interface TermFinder {
  has(term: CriticalTerm): boolean;
}

const keysOf = (text: string) => scanTokens(text).map((token) => normalizeKey(token.raw));
const hasUpper = (value: string) => value !== value.toLowerCase();

/**
 * Finds critical terms in a text the way a keyword screen would, but without its false positives: the
 * taxonomy's own text matcher first (it knows "Go" the language from "go" the verb), then the term's name and
 * aliases as whole-token phrases. A one-word name with capitals ("Rust", "Go") must appear with the same
 * capitals, or in an all-capitals heading, so "rust" and "go home" do not count.
 */
export function createTermFinder(text: string, taxonomy: Taxonomy): TermFinder {
  const tokens = scanTokens(text);
  const keys = tokens.map((token) => normalizeKey(token.raw));
  const joined = ` ${keys.join(' ')} `;
  const skillIds = new Set(taxonomy.findInText(text).map((mention) => mention.id));

  const hasPhrase = (phrase: string): boolean => {
    const phraseKeys = keysOf(phrase).filter(Boolean);
    if (phraseKeys.length === 0) return false;
    if (phraseKeys.length > 1) return joined.includes(` ${phraseKeys.join(' ')} `);
    const key = phraseKeys[0]!;
    if (!hasUpper(phrase)) return keys.includes(key);
    return tokens.some(
      (token, i) =>
        keys[i] === key &&
        (token.raw === phrase.trim() || (token.raw.length > 1 && token.raw === token.raw.toUpperCase())),
    );
  };

  return {
    has(term) {
      if (term.skillId && skillIds.has(term.skillId)) return true;
      const entry = term.skillId ? taxonomy.get(term.skillId) : undefined;
      // A one-word, letters-only alias ("spark", "rest") is too often an ordinary word; the taxonomy's text
      // matcher above already weighed it with context.
      const aliases = (entry?.aliases ?? []).filter(
        (alias) => keysOf(alias).length > 1 || /[^\p{L}]/u.test(alias),
      );
      const phrases = new Set([term.name, ...(entry ? [entry.name] : []), ...aliases]);
      for (const phrase of phrases) if (hasPhrase(phrase)) return true;
      return false;
    },
  };
}
