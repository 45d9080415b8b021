import type { Taxonomy } from '@dossier/core';
import { normalizeKey, scanTokens } from '@dossier/core';
import type { Stemmer } from '../../matchers/load-porter-stemmer.js';
import { createTermFinder } from '../create-term-finder.js';
import type { CriticalTerm } from '../select-critical-terms.js';

/** A critical term with the ways it can be written. */
export interface ExpectedTerm {
  term: CriticalTerm;
  /** Name, canonical name and aliases: what a normalising parser accepts (stems of them too). */
  phrases: string[];
  /** The term as the job ad writes it: all an exact-matching parser looks for. */
  jobForms: string[];
}

export interface KeywordMatcher {
  has(expected: ExpectedTerm): boolean;
}

const escapeForRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squash = (value: string) => value.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** A whole-word, case-insensitive pattern for a phrase; inner spaces match any run of white space. */
export function exactPattern(phrase: string): RegExp {
  const body = squash(phrase).split(' ').map(escapeForRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

/** Token keys with letter-only words stemmed ("microservices" → "microservic"), joined by spaces. */
export function stemKeys(text: string, stem: Stemmer): string[] {
  return scanTokens(text)
    .map((token) => normalizeKey(token.raw))
    .filter(Boolean)
    .map((key) => (/^\p{L}+$/u.test(key) ? stem(key) : key));
}

/**
 * Keyword matching as a normalising parser does it: the taxonomy's matcher and aliases (createTermFinder),
 * then any of the term's phrases with every word reduced to its stem.
 */
export function createNormalisedMatcher(text: string, taxonomy: Taxonomy, stem: Stemmer): KeywordMatcher {
  const finder = createTermFinder(text, taxonomy);
  const joined = ` ${stemKeys(text, stem).join(' ')} `;
  return {
    has(expected) {
      if (finder.has(expected.term)) return true;
      return expected.phrases.some((phrase) => {
        const keys = stemKeys(phrase, stem);
        return keys.length > 0 && joined.includes(` ${keys.join(' ')} `);
      });
    },
  };
}

/** Keyword matching as an exact-match parser does it: the job's own wording, whole words, case aside. */
export function createExactMatcher(text: string): KeywordMatcher {
  const squashed = squash(text);
  return {
    has(expected) {
      return expected.jobForms.some((form) => exactPattern(form).test(squashed));
    },
  };
}
