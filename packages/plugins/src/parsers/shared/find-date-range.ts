export interface DateRange {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  start: string;
  /** null when the range is open ("– Present") or the text gives a single date. */
  end: string | null;
  /** "– Present", "since 2021". */
  ongoing: boolean;
  /** Where the matched text sits, so callers can cut it out of a heading. */
  index: number;
  length: number;
}

const MONTHS: [number, string][] = [
  [1, 'january|januar|jänner|janvier|enero|jan'],
  [2, 'february|februar|février|fevrier|febrero|feb'],
  [3, 'march|märz|maerz|mars|marzo|mar|mär'],
  [4, 'april|avril|abril|apr|avr'],
  [5, 'may|mai|mayo'],
  [6, 'june|juni|juin|junio|jun'],
  [7, 'july|juli|juillet|julio|jul'],
  [8, 'august|août|aout|agosto|aug'],
  [9, 'september|septembre|septiembre|sept|sep'],
  [10, 'october|oktober|octobre|octubre|oct|okt'],
  [11, 'november|novembre|noviembre|nov'],
  [12, 'december|dezember|décembre|decembre|diciembre|dec|dez|déc'],
];
const SEASONS: Record<string, number> = { spring: 3, summer: 6, fall: 9, autumn: 9, winter: 12 };
const MONTH_OF = new Map<string, number>();
for (const [month, names] of MONTHS) for (const name of names.split('|')) MONTH_OF.set(name, month);
const MONTH_NAMES = [...MONTH_OF.keys(), ...Object.keys(SEASONS)]
  .sort((a, b) => b.length - a.length)
  .join('|');

const DATE = new RegExp(
  [
    `(?<!\\p{L})(?<mname>${MONTH_NAMES})\\.?,?\\s+(?:(?<mday>\\d{1,2}),?\\s+)?(?<myear>(?:19|20)\\d{2})`,
    `(?<iyear>(?:19|20)\\d{2})-(?<imonth>0[1-9]|1[0-2])(?:-(?<iday>0[1-9]|[12]\\d|3[01]))?(?![\\d])`,
    `(?<nmonth>0?[1-9]|1[0-2])[/.](?<nyear>(?:19|20)\\d{2})`,
    `(?<year>(?:19|20)\\d{2})`,
  ]
    .map((part) => `(?:${part})`)
    .join('|'),
  'giu',
);
const PRESENT =
  /^\s*(?:[-–—~]+|to|until|till|bis|à|a|hasta|au)\s*(?:present|current|now|today|ongoing|to date|heute|aktuell|jetzt|présent|aujourd['’]hui|actualidad|presente|actual)(?!\p{L})\.?/iu;
const SEPARATOR = /^\s*(?:[-–—~]+|to|until|till|bis|à|a|au|hasta)\s*$/iu;
const SINCE = /\b(?:since|seit|depuis|desde)\s+$/iu;

interface DateToken {
  value: string;
  index: number;
  end: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function readToken(match: RegExpExecArray): string {
  const g = match.groups ?? {};
  if (g.mname && g.myear) {
    const name = g.mname.toLowerCase();
    const month = MONTH_OF.get(name) ?? SEASONS[name]!;
    return `${g.myear}-${pad(month)}`;
  }
  if (g.iyear) return `${g.iyear}-${g.imonth}${g.iday ? `-${g.iday}` : ''}`;
  if (g.nyear) return `${g.nyear}-${pad(Number(g.nmonth))}`;
  return g.year!;
}

function scanDates(text: string): DateToken[] {
  const tokens: DateToken[] = [];
  DATE.lastIndex = 0;
  for (let match = DATE.exec(text); match; match = DATE.exec(text)) {
    const before = text[match.index - 1] ?? ' ';
    const after = text[match.index + match[0].length] ?? ' ';
    // Part of a longer number, an amount or a version ("$2020", "12,2019", "v2021.1") is no date.
    if (/[\d$€£.,:/]/.test(before) && !/^\p{L}/u.test(match[0])) continue;
    if (/\d/.test(after) || (/[.,]/.test(after) && /\d/.test(text[match.index + match[0].length + 1] ?? '')))
      continue;
    tokens.push({ value: readToken(match), index: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/**
 * The first date range in a line of a resume or job ad: `Jan 2020 – Present`, `2019-2021`, `03/2020 – 05/2021`,
 * `2020-03 to 2021-05`, `since 2021`; failing a range, the most precise single date (`July 2023`).
 */
export function findDateRange(text: string): DateRange | null {
  const tokens = scanDates(text);
  if (tokens.length === 0) return null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (next && SEPARATOR.test(text.slice(token.end, next.index))) {
      return {
        start: token.value,
        end: next.value,
        ongoing: false,
        index: token.index,
        length: next.end - token.index,
      };
    }
    const present = PRESENT.exec(text.slice(token.end));
    if (present) {
      const length = token.end - token.index + present[0].length;
      return { start: token.value, end: null, ongoing: true, index: token.index, length };
    }
    const since = SINCE.exec(text.slice(0, token.index));
    if (since)
      return {
        start: token.value,
        end: null,
        ongoing: true,
        index: since.index,
        length: token.end - since.index,
      };
  }
  // No range: the most precise date wins, and among equals the last, since "Conf 2023 (Oct 2023)" and
  // "NeurIPS 2022 … (2023)" put the entry's own date at the end.
  const best = tokens.reduce((a, b) => (b.value.length >= a.value.length ? b : a));
  return { start: best.value, end: null, ongoing: false, index: best.index, length: best.end - best.index };
}

/** True when the text is nothing but dates, a range or a duration ("2 years 10 months"): layout metadata. */
export function isDateOnly(text: string): boolean {
  const rest = text
    .replace(DATE, ' ')
    .replace(/\b(?:present|current|now|today|ongoing|heute|aktuell|présent|presente|actualidad)\b/giu, ' ')
    .replace(/\b\d+\s*(?:years?|yrs?|months?|mos?|jahre?|monate?)\b/giu, ' ')
    .replace(/\b(?:since|seit|to|until|bis|and|und)\b/giu, ' ')
    .replace(/[\s\-–—~,.()|/]+/g, '');
  return rest === '' && /\d|present|current|now|heute/iu.test(text);
}
