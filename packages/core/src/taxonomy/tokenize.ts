/** A token with its position, so callers can look at the surrounding text and the original casing. */
export interface TextToken {
  /** Lowercased token text. */
  value: string;
  /** The token exactly as written. */
  raw: string;
  start: number;
  end: number;
}

// Technology names whose inner '/', '-' or '+' is part of the name. Everything else splits on those
// characters, so "Python/Go" yields two tokens and "Python-based" still yields "python".
const COMPOUND_TOKENS = [
  'objective-c++',
  'objective-c',
  'ci/cd',
  'pl/pgsql',
  'pl/sql',
  'tcp/ip',
  't-sql',
  'a/b',
];

const escapeForRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Inner dots are kept ("node.js", "asp.net", "3.11"): they almost always belong to a name or a version.
// A leading dot is kept for ".net"; a trailing "++" or "#" for "c++", "c#", "f#", "notepad++".
const TOKEN_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${COMPOUND_TOKENS.map(escapeForRegExp).join('|')})(?![\\p{L}\\p{N}])` +
    '|\\.?[\\p{L}\\p{N}]+(?:\\.[\\p{L}\\p{N}]+)*(?:\\+\\+|#)?',
  'giu',
);

/** Splits text into tokens with offsets; the building block of {@link tokenize} and text matching. */
export function scanTokens(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const raw = match[0];
    tokens.push({ value: raw.toLowerCase(), raw, start: match.index, end: match.index + raw.length });
  }
  return tokens;
}

/**
 * Lowercase word tokens. Punctuation-bearing technology names (`c++`, `c#`, `.net`, `node.js`, `ci/cd`,
 * `objective-c`, `pl/sql`) stay whole; other punctuation separates tokens and is dropped.
 */
export function tokenize(text: string): string[] {
  return scanTokens(text).map((token) => token.value);
}

/**
 * The lookup key for a skill name or alias: case-, accent-, whitespace- and punctuation-insensitive, except
 * that the symbols which distinguish languages are spelled out first, so `C`, `C++` (`cpp`), `C#` (`csharp`)
 * and `.NET` (`dotnet`) stay apart while `Node.JS`, `node js` and `nodejs` coincide.
 */
export function normalizeKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/(^|[^\p{L}\p{N}])\.(?=\p{L})/gu, '$1dot')
    .replace(/\+/g, 'p')
    .replace(/#/g, 'sharp')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
