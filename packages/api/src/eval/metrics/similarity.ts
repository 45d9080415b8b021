import { words } from './document-text.js';

/** Function words left out of the keyword-weighted overlap; ROUGE-L keeps every word. */
const STOPWORDS = new Set(
  'a an and are as at be been but by for from has have he her his i in into is it its me my of on or our she so than that the their them then there these they this to was we were what when which who will with would you your'.split(
    ' ',
  ),
);

function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Two rows of the dynamic programme: O(|a|·|b|) time, O(|b|) memory.
  let prev = new Uint32Array(b.length + 1);
  let curr = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      curr[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, curr[j - 1]!);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

/** ROUGE-L F1 (β = 1) over lowercase word tokens: the longest common subsequence against the reference. */
export function rougeL(candidate: string, reference: string): number {
  const c = words(candidate);
  const r = words(reference);
  const lcs = lcsLength(c, r);
  if (lcs === 0) return 0;
  const precision = lcs / c.length;
  const recall = lcs / r.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * Keyword-weighted overlap: F1 over the distinct content words (stop words dropped) of candidate and
 * reference, where a word that belongs to one of the job's keywords weighs `keywordWeight` (3) and any other
 * word weighs 1. It rewards sharing the job's vocabulary with the reference more than sharing filler.
 */
export function keywordWeightedOverlap(
  candidate: string,
  reference: string,
  keywords: readonly string[],
  keywordWeight = 3,
): number {
  const keywordWords = new Set(keywords.flatMap((k) => words(k)));
  const terms = (text: string) => new Set(words(text).filter((w) => !STOPWORDS.has(w)));
  const c = terms(candidate);
  const r = terms(reference);
  const weight = (w: string) => (keywordWords.has(w) ? keywordWeight : 1);
  let both = 0;
  let cTotal = 0;
  let rTotal = 0;
  for (const w of c) {
    cTotal += weight(w);
    if (r.has(w)) both += weight(w);
  }
  for (const w of r) rTotal += weight(w);
  if (both === 0) return 0;
  const precision = both / cTotal;
  const recall = both / rTotal;
  return (2 * precision * recall) / (precision + recall);
}
