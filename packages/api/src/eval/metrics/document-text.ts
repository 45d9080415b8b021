import { NON_CLAIM_SECTIONS, type TDocumentContent } from '@dossier/core';

/** Prose only (paragraphs and bullets, each bullet a sentence): what readability is measured on. */
export function documentProse(content: TDocumentContent): string[] {
  const out: string[] = [];
  for (const section of content.sections) {
    if (section.kind === 'skills') continue;
    for (const item of section.items) {
      if (item.text) out.push(item.text);
      for (const bullet of item.bullets) out.push(/[.!?]$/.test(bullet.trim()) ? bullet : `${bullet}.`);
    }
  }
  return out;
}

const NON_CLAIM = new Set<string>(NON_CLAIM_SECTIONS);

/** Items that state facts (outside the greeting and closing) and so must cite the portfolio. */
export function claimItems(content: TDocumentContent) {
  return content.sections.flatMap((section) =>
    NON_CLAIM.has(section.kind) ? [] : section.items.map((item) => ({ section, item })),
  );
}

/** Markdown to plain text: headings, emphasis, links and list markers removed, words kept. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}#{1,6}\s*/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, '');
}

/** Lowercase word tokens (letters, digits and the `+#.` of C++, C#, Node.js kept inside a word). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text
    .normalize('NFKD')
    .toLowerCase()
    .matchAll(/[\p{L}\p{N}](?:[\p{L}\p{N}+#'’]|\.(?=[\p{L}\p{N}]))*/gu)) {
    out.push(match[0].replace(/\p{M}+/gu, ''));
  }
  return out;
}

/** Lowercase words separated by single spaces and padded with one, for whole-phrase containment tests. */
export function phraseKey(value: string): string {
  const w = words(value);
  return w.length > 0 ? ` ${w.join(' ')} ` : '';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every occurrence of the phrases (case-insensitive, whole words, longest first) blanked out. */
export function withoutPhrases(text: string, phrases: readonly string[]): string {
  let out = text;
  const sorted = [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const phrase of sorted) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, 'giu'), ' ');
  }
  return out;
}

/**
 * The text with the applied-for job title and company blanked out: a letter that names "the Senior Python
 * Developer role at Acme" claims neither Python nor an employment at Acme.
 */
export function withoutTarget(text: string, jobTitle: string | null, company: string | null): string {
  let out = text;
  for (const phrase of [jobTitle, company]) {
    const trimmed = phrase?.trim();
    if (!trimmed || trimmed.length < 2) continue;
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, 'giu'),
      ' ',
    );
  }
  return out;
}
