import { parseHttpUrl } from '@dossier/core';

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL_IN_TEXT =
  /\bhttps?:\/\/[^\s<>"'`()\]]+(?:\([^\s<>"'`()]*\)[^\s<>"'`()\]]*)*|\bwww\.[^\s<>"'`\])]+|\b(?:github\.com|gitlab\.com|linkedin\.com|bitbucket\.org|codeberg\.org|behance\.net|dribbble\.com|medium\.com|stackoverflow\.com|kaggle\.com|huggingface\.co|scholar\.google\.com|orcid\.org|doi\.org)\/[^\s<>"',;)\]]+/giu;
const PHONE =
  /(?<![\p{L}\p{N}])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.\-–—]\d{2,5}){1,4}(?![\p{L}\p{N}])/gu;
const YEAR_RANGE = /^(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}$/;

/** An http(s) URL as written in text (`github.com/x`, `www.x.dev`, `https://x.dev/a.`), made absolute and trimmed. */
export function normalizeUrl(raw: string): string | null {
  let value = raw.trim();
  const count = (char: string) => value.split(char).length - 1;
  // Trailing punctuation ends the sentence, not the URL; a ")" stays when it closes one opened inside the URL
  // (Wikipedia-style paths).
  for (let last = value.at(-1); last && /[.,;:!?'"’”)\]]/u.test(last); last = value.at(-1)) {
    if (last === ')' && count('(') >= count(')')) break;
    value = value.slice(0, -1);
  }
  if (!/^https?:\/\//i.test(value)) value = `https://${value}`;
  return parseHttpUrl(value)?.href ?? null;
}

export function findEmails(text: string): string[] {
  return [...new Set(text.match(EMAIL) ?? [])];
}

export function findUrls(text: string): string[] {
  const urls: string[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    // An e-mail's domain is not a link.
    if (text[match.index - 1] === '@') continue;
    const url = normalizeUrl(match[0]);
    if (url && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

export function findPhones(text: string): string[] {
  const phones: string[] = [];
  for (const match of text.matchAll(PHONE)) {
    const value = match[0].trim();
    const digits = value.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15 || YEAR_RANGE.test(value)) continue;
    // A bare run of digits with no separators and no '+' is an id or an amount more often than a phone.
    if (!/[\s.()+\-–—]/.test(value)) continue;
    phones.push(value);
  }
  return phones;
}

/** A short human label for a profile link: the network's name, or "Website". */
export function labelForUrl(url: string): string {
  const host = parseHttpUrl(url)?.hostname.replace(/^www\./, '') ?? '';
  const known: [RegExp, string][] = [
    [/(^|\.)github\.com$/, 'GitHub'],
    [/(^|\.)gitlab\.com$/, 'GitLab'],
    [/(^|\.)linkedin\.com$/, 'LinkedIn'],
    [/(^|\.)(twitter|x)\.com$/, 'X'],
    [/(^|\.)stackoverflow\.com$/, 'Stack Overflow'],
    [/(^|\.)behance\.net$/, 'Behance'],
    [/(^|\.)dribbble\.com$/, 'Dribbble'],
    [/(^|\.)medium\.com$/, 'Medium'],
    [/(^|\.)kaggle\.com$/, 'Kaggle'],
    [/(^|\.)orcid\.org$/, 'ORCID'],
    [/^scholar\.google\./, 'Google Scholar'],
  ];
  return known.find(([pattern]) => pattern.test(host))?.[1] ?? 'Website';
}
