// "May" is both the abbreviation and the name, so it says nothing about style and is left out of both.
const MONTH = '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)';
const FULL_MONTH = '(?:January|February|March|April|June|July|August|September|October|November|December)';

/** Date styles people write in CVs; two of them in one document read as careless to a parser and a human. */
const TEXT_STYLES: [string, RegExp][] = [
  ['Mon YYYY', new RegExp(`\\b${MONTH}\\.? \\d{4}\\b`, 'g')],
  ['Month YYYY', new RegExp(`\\b${FULL_MONTH} \\d{4}\\b`, 'g')],
  ['MM/YYYY', /\b(?:0?[1-9]|1[0-2])\/\d{4}\b/g],
  ['YYYY-MM', /\b\d{4}-(?:0[1-9]|1[0-2])\b(?!-\d)/g],
  ['MM.YYYY', /\b(?:0[1-9]|1[0-2])\.\d{4}\b/g],
];

/** Styles found in free text, with counts. */
export function findDateStyles(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  let rest = text;
  for (const [style, pattern] of TEXT_STYLES) {
    const matches = rest.match(pattern) ?? [];
    if (matches.length > 0) counts[style] = matches.length;
    rest = rest.replace(pattern, ' ');
  }
  return counts;
}

/**
 * The precision of a structured date as exporters show it: "month" ("2021-03", "2021-03-01" → "Mar 2021"),
 * "year" ("2021"), or "other" for text no exporter can format ("Spring 2020").
 */
export function classifyDate(value: string): 'month' | 'year' | 'other' {
  const trimmed = value.trim();
  if (/^\d{4}-(?:0[1-9]|1[0-2])(?:-\d{2})?$/.test(trimmed)) return 'month';
  if (/^\d{4}$/.test(trimmed)) return 'year';
  return 'other';
}
