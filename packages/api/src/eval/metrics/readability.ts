import { words } from './document-text.js';

/** Syllables in an English word, by vowel groups with the usual silent-e and -le adjustments (at least 1). */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g)?.length ?? 0;
  return Math.max(1, groups);
}

/** Word count of a text (the same tokens as every other metric). */
export function wordCount(text: string): number {
  return words(text).length;
}

/**
 * Flesch reading ease, 206.835 − 1.015 · words/sentence − 84.6 · syllables/word, over prose pieces (each
 * piece ends at least one sentence). Higher is easier; 30–50 is typical of professional documents. 0 for
 * no words.
 */
export function fleschReadingEase(pieces: readonly string[]): number {
  let sentences = 0;
  let wordTotal = 0;
  let syllables = 0;
  for (const piece of pieces) {
    const pieceWords = words(piece).filter((w) => /\p{L}/u.test(w));
    if (pieceWords.length === 0) continue;
    sentences += Math.max(1, piece.split(/[.!?]+(?:\s|$)/).filter((s) => /\p{L}/u.test(s)).length);
    wordTotal += pieceWords.length;
    for (const w of pieceWords) syllables += countSyllables(w);
  }
  if (wordTotal === 0) return 0;
  return 206.835 - 1.015 * (wordTotal / sentences) - 84.6 * (syllables / wordTotal);
}
