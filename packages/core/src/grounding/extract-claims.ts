import type { PartialDate } from './parse-partial-date.js';

/** A figure stated in text: "42%", "3x", "$1.2M", "2,400", "5+ years". Words ("two") are not figures. */
export interface NumberClaim {
  raw: string;
  value: number;
  percent: boolean;
  /** Followed by "years": a length of experience, which dates can support as well as text. */
  years: boolean;
}

export interface DateClaim extends PartialDate {
  raw: string;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const DATE_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:((?:19|20)\\d{2})-(0[1-9]|1[0-2])(?:-\\d{2})?|${MONTH}\\.?,?\\s+((?:19|20)\\d{2})|((?:19|20)\\d{2}))(?![\\p{L}\\p{N}%+]|[.,]\\d)`,
  'gu',
);
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  b: 1e9,
  bn: 1e9,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
};
// Glued suffixes ("1.2M", "240K", "3x") are units; spaced single letters ("Plan 3 B") are not.
const NUMBER_PATTERN =
  /(?<![\p{L}\p{N}_]|[\p{N}][.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\+)?(?:(\s?%|\s?per ?cent\b)|([x×])|(k|K|m|M|mn|bn|b|B)|\s(thousand|million|billion)\b|(st|nd|rd|th))?(?![\p{L}\p{N}])/gu;
const YEARS_AFTER = /^\+?\s*(?:years?|yrs?)\b/i;

/** Dates first, then the figures left once the dates are blanked out. */
export function extractNumbersAndDates(text: string): { numbers: NumberClaim[]; dates: DateClaim[] } {
  const dates: DateClaim[] = [];
  let rest = text;
  if (/\d{4}/.test(text)) {
    rest = text.replace(DATE_PATTERN, (raw, isoYear, isoMonth, monthName, monthYear, bareYear) => {
      if (isoYear) dates.push({ raw, year: Number(isoYear), month: Number(isoMonth) });
      else if (monthName)
        dates.push({
          raw,
          year: Number(monthYear),
          month: MONTHS[monthName.slice(0, 3).toLowerCase()] ?? null,
        });
      else dates.push({ raw, year: Number(bareYear), month: null });
      return ' '.repeat(raw.length);
    });
  }
  const numbers: NumberClaim[] = [];
  if (!/\d/.test(rest)) return { numbers, dates };
  for (const match of rest.matchAll(NUMBER_PATTERN)) {
    const [raw, digits, decimals, , percent, times, glued, word] = match;
    let value = Number(digits!.replace(/,/g, '') + (decimals ?? ''));
    const multiplier = glued ?? word;
    if (multiplier) value *= MULTIPLIERS[multiplier.toLowerCase()] ?? 1;
    const after = rest.slice(match.index + raw.length);
    numbers.push({
      raw: raw.trim(),
      value: Number(value.toPrecision(12)),
      percent: Boolean(percent),
      years: !times && YEARS_AFTER.test(after),
    });
  }
  return { numbers, dates };
}

/** The key under which a figure is compared: 2,400 = 2400 = 2.4K; 40% = 40 % = 40 percent, but 40% ≠ 40. */
export const numberKey = (claim: NumberClaim): string => `${claim.percent ? '%' : '#'}${claim.value}`;

/** Lowercase words separated by single spaces and padded with one, for whole-word containment tests. */
export function normalizePhrase(value: string): string {
  const words = value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
  return words ? ` ${words} ` : '';
}

export const TITLE_NOUNS = new Set([
  'engineer',
  'developer',
  'programmer',
  'architect',
  'manager',
  'director',
  'lead',
  'scientist',
  'analyst',
  'designer',
  'consultant',
  'administrator',
  'specialist',
  'officer',
  'intern',
  'head',
  'president',
  'vp',
  'cto',
  'ceo',
  'cio',
  'founder',
  'co-founder',
  'maintainer',
  'researcher',
  'professor',
  'lecturer',
  'technician',
  'coordinator',
  'owner',
  'strategist',
  'tester',
  'sre',
]);
const ACRONYM_TITLES = new Set(['vp', 'cto', 'ceo', 'cio', 'sre']);
const TITLE_NOUN = `(?:${[...TITLE_NOUNS]
  .map((n) => (ACRONYM_TITLES.has(n) ? n.toUpperCase() : n.charAt(0).toUpperCase() + n.slice(1)))
  .join('|')})`;
const CAPITALISED = "\\p{Lu}[\\p{L}\\p{N}+#&'/.-]*";
const TITLE_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])((?:${CAPITALISED}\\s+){1,5}${TITLE_NOUN}|(?:Head|VP|Vice President|Director|Manager) of (?:${CAPITALISED})(?:\\s+${CAPITALISED})*)(?![\\p{L}\\p{N}])`,
  'gu',
);
// A cheap test that skips the Unicode-aware pattern for the many texts that name no title at all.
const TITLE_HINT = new RegExp(TITLE_NOUN);
// Words a title phrase can begin with that are not part of the title: "Led Backend Engineer hiring".
const LEADING_NON_TITLE =
  /^(?:the|a|an|as|at|our|my|your|this|for|and|with|in|i|we|led|built|ran|grew|hired|managed|mentored|coached|joined|promoted|worked|served|became|acted|named|\p{L}+ed)$/iu;

/** Job titles stated in text ("Senior Backend Engineer", "Head of Data"), without a leading verb or article. */
export function extractTitles(text: string): Array<{ phrase: string; index: number; end: number }> {
  const found: Array<{ phrase: string; index: number; end: number }> = [];
  if (!TITLE_HINT.test(text)) return found;
  for (const match of text.matchAll(TITLE_PATTERN)) {
    const words = match[1]!.split(/\s+/);
    let start = 0;
    // Keep two words at least: "Applied Scientist" is a title even though "Applied" looks like a verb.
    while (start < words.length - 2 && LEADING_NON_TITLE.test(words[start]!)) start++;
    const kept = words.slice(start);
    if (kept.length < 2) continue;
    found.push({ phrase: kept.join(' '), index: match.index, end: match.index + match[0].length });
  }
  return found;
}

const ORG_PATTERN =
  /(?<![\p{L}\p{N}])(?:[Aa]t|[Jj]oined)\s+(\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}&'’.-]*|&|of|and|de|for|the))*)/gu;
const ORG_HINT = /(?:^|\s)(?:[Aa]t|[Jj]oined)\s/;
const NOT_ORGANISATIONS = new Set(
  [
    'scale',
    'peak',
    'present',
    'night',
    'home',
    'work',
    'least',
    'most',
    'first',
    'once',
    'launch',
    'i',
    ...Object.keys(MONTHS),
    'january',
    'february',
    'march',
    'april',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
  ].map((w) => w.toLowerCase()),
);

/** Organisations named as where something happened: "at Northwind Pay", "joined Kestrel Logistics". */
export function extractOrganisations(text: string): string[] {
  const found: string[] = [];
  if (!ORG_HINT.test(text)) return found;
  for (const match of text.matchAll(ORG_PATTERN)) {
    for (const part of match[1]!.split(/\s+and\s+/)) {
      const phrase = part
        .replace(/(?:\s+(?:&|of|and|de|for|the))+$/u, '')
        .replace(/['’]s$/u, '')
        .replace(/[.'’-]+$/u, '');
      if (phrase && !NOT_ORGANISATIONS.has(phrase.toLowerCase())) found.push(phrase);
    }
  }
  return found;
}
