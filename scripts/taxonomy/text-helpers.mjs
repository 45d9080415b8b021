// Small string helpers shared by the taxonomy build steps.

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** True when every character of `needle` occurs in `haystack` in order ("pgsql" in "postgresql"). */
export function isSubsequence(needle, haystack) {
  let at = 0;
  for (const char of haystack) if (char === needle[at]) at++;
  return at === needle.length;
}

/** "cascading style sheets" → "Cascading Style Sheets"; small words stay lowercase, capitals stay. */
export function toTitleCase(text) {
  return text
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

export { SMALL_WORDS };
