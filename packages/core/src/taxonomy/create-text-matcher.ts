import type { TSkillMention, TTaxonomyEntry } from './schema.js';
import { normalizeKey, scanTokens, type TextToken } from './tokenize.js';

interface Phrase {
  keys: string[];
  entry: TTaxonomyEntry;
  /** Single word that is short or also an ordinary word: needs evidence before it counts. */
  strict: boolean;
  /** How the single word is written in the taxonomy ("Go", "Swift", "npm"), for the casing test. */
  forms: string[];
}

interface Match {
  phrase: Phrase;
  /** Token range [first, last]. */
  first: number;
  last: number;
  accepted: boolean;
  /** Part of another word ("C-level", "R&D"): never accepted when strict. */
  glued: boolean;
  /** Joined to a neighbour by '/' ("AI/ML", "TS/SCI"): only a skill on the other side vouches for it. */
  slashed: boolean;
  writtenAsName: boolean;
}

/**
 * A minimal list for hand-made taxonomies; the default taxonomy passes the generated `ambiguous-terms.json`,
 * which contains these and several hundred more.
 */
export const DEFAULT_AMBIGUOUS_TERMS = [
  'go',
  'less',
  'make',
  'ant',
  'chef',
  'swift',
  'node',
  'rest',
  'spark',
];

// Keys this short ("r", "c", "go", "ts", "sql") are matched as carefully as ordinary words.
const SHORT_KEY_LENGTH = 3;
// Characters that make a token part of another word ("C-level", "R&D", "O'Neil"); "Go's" stays a name.
const GLUE_BEFORE = new Set(['-', '&', "'", '’', '_', '@']);
const GLUE_AFTER = new Set(['-', '&', '_', '@']);
// Separators of a list of skills: "Go, Rust", "Python/Go", "Go (and Rust)", "Go & Rust", "Go or Rust".
// Whitespace alone is no list ("Python go home").
const LIST_SEPARATORS = /^[\s,;/|&+•·*()[\]-]*$/;
const CONJUNCTION = /\b(?:and|or)\b/gi;
const PHRASE_GAP = /^[ \t\-_]*\n?[ \t]*$/;
const SIMPLE_TOKEN = /^[a-z0-9]+$/;

const hasUpper = (value: string): boolean => value !== value.toLowerCase();
const capitalise = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);
const keyOf = (token: TextToken): string =>
  SIMPLE_TOKEN.test(token.value) ? token.value : normalizeKey(token.raw);

/** True when the token begins a sentence, a line or a bullet, where capitals say nothing about names. */
function isSentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0) return true;
  const char = text[i]!;
  if ('\n.!?•*#>'.includes(char)) return true;
  if (char !== '-' && char !== '–') return false;
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || text[j] === '\n';
}

function buildIndex(
  entries: readonly TTaxonomyEntry[],
  ambiguous: ReadonlySet<string>,
): Map<string, Phrase[]> {
  const phrases = new Map<string, Phrase>();
  for (const entry of entries) {
    for (const form of [entry.name, ...entry.aliases]) {
      const tokens = scanTokens(form);
      const keys = tokens.map(keyOf).filter(Boolean);
      if (keys.length === 0) continue;
      const id = keys.join(' ');
      const known = phrases.get(id);
      if (known && known.entry !== entry) continue;
      const phrase = known ?? {
        keys,
        entry,
        strict: keys.length === 1 && (keys[0]!.length <= SHORT_KEY_LENGTH || ambiguous.has(keys[0]!)),
        forms: [],
      };
      if (keys.length === 1) phrase.forms.push(tokens[0]!.raw);
      phrases.set(id, phrase);
    }
  }
  const index = new Map<string, Phrase[]>();
  for (const phrase of phrases.values()) {
    const list = index.get(phrase.keys[0]!) ?? [];
    list.push(phrase);
    index.set(phrase.keys[0]!, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return index;
}

/**
 * Finds taxonomy skills in free text. Rules, in order:
 * - Phrases match on whole tokens, so "Go" is never found in "good" nor "Java" in "JavaScript"; the longest
 *   phrase starting at a token wins ("Google Cloud Platform" over "Google Cloud"); a phrase does not span
 *   punctuation other than hyphens ("machine-learning" matches, "machine. Learning" does not).
 * - A token carrying punctuation ("C++", "C#", ".NET", "Node.js") or a multi-word phrase always counts.
 * - A single short word (three characters or fewer: "R", "C", "Go", "TS") or one that is also an ordinary
 *   word ("make", "less", "swift", "chef") counts only if it is written as the taxonomy writes it ("Go", not
 *   "go" or "GO"; lowercase names such as "npm" as written or capitalised), is not glued to another word
 *   ("C-level", "R&D"), and, when merely capitalised, does not start a sentence, line or bullet ("Make sure")
 *   — or if it sits in a list next to a skill that counts ("python, go, rust", "C/C++", "AI/ML").
 */
export function createTextMatcher(
  entries: readonly TTaxonomyEntry[],
  ambiguousTerms: Iterable<string>,
): (text: string) => TSkillMention[] {
  const index = buildIndex(entries, new Set(ambiguousTerms));

  function isWrittenAsName(text: string, token: TextToken, phrase: Phrase): boolean {
    const cased = phrase.forms.filter(hasUpper);
    const ok =
      cased.length > 0
        ? cased.includes(token.raw)
        : phrase.forms.some((form) => token.raw === form || token.raw === capitalise(form));
    if (!ok) return false;
    const merelyCapitalised = token.raw === capitalise(token.value);
    return !(merelyCapitalised && isSentenceStart(text, token.start));
  }

  return function findInText(text: string): TSkillMention[] {
    const tokens = scanTokens(text);
    const keys = tokens.map(keyOf);
    const matches: Match[] = [];
    for (let i = 0; i < tokens.length; ) {
      const phrase = index
        .get(keys[i]!)
        ?.find(
          (candidate) =>
            candidate.keys.every((key, j) => keys[i + j] === key) &&
            candidate.keys.every(
              (_, j) => j === 0 || PHRASE_GAP.test(text.slice(tokens[i + j - 1]!.end, tokens[i + j]!.start)),
            ),
        );
      if (!phrase) {
        i++;
        continue;
      }
      const last = i + phrase.keys.length - 1;
      const token = tokens[i]!;
      const confident = !phrase.strict || !SIMPLE_TOKEN.test(token.value);
      const before = text[token.start - 1] ?? ' ';
      const after = text[token.end] ?? ' ';
      const glued = !confident && (GLUE_BEFORE.has(before) || GLUE_AFTER.has(after));
      const slashed = !confident && (before === '/' || after === '/');
      const writtenAsName = confident || (!glued && isWrittenAsName(text, token, phrase));
      const accepted = confident || (writtenAsName && !slashed);
      matches.push({ phrase, first: i, last, accepted, glued, slashed, writtenAsName });
      i = last + 1;
    }

    const gapOf = (a: Match, b: Match): string => text.slice(tokens[a.last]!.end, tokens[b.first]!.start);
    const isListed = (a: Match, b: Match): boolean => {
      const gap = gapOf(a, b);
      const rest = gap.replace(CONJUNCTION, '');
      return LIST_SEPARATORS.test(rest) && (rest.trim() !== '' || rest !== gap);
    };
    for (let changed = true; changed; ) {
      changed = false;
      matches.forEach((match, i) => {
        if (match.accepted || match.glued) return;
        const prev = matches[i - 1];
        const next = matches[i + 1];
        const vouched =
          (prev?.accepted && isListed(prev, match)) || (next?.accepted && isListed(match, next));
        // Two name-like words joined by '/' vouch for each other ("AI/ML"), unlike "TS/SCI".
        const paired =
          match.writtenAsName &&
          ((prev?.writtenAsName && gapOf(prev, match) === '/') ||
            (next?.writtenAsName && gapOf(match, next) === '/'));
        if (vouched || paired) {
          match.accepted = true;
          changed = true;
        }
      });
    }

    const mentions = new Map<string, TSkillMention>();
    for (const match of matches) {
      if (!match.accepted) continue;
      const { id, name } = match.phrase.entry;
      const mention = mentions.get(id) ?? { id, name, count: 0 };
      mention.count++;
      mentions.set(id, mention);
    }
    return [...mentions.values()];
  };
}
