/** A date known to the year, or to the month; days never matter for a CV claim. */
export interface PartialDate {
  year: number;
  /** 1–12, or null when only the year is known. */
  month: number | null;
}

const ISO_PREFIX = /^\s*(\d{4})(?:-(\d{1,2}))?/;

/** `2021`, `2021-03`, `2021-03-15`, `2021-03-15T10:00:00Z` → a partial date; anything else → null. */
export function parsePartialDate(value: string | null | undefined): PartialDate | null {
  if (!value) return null;
  const match = ISO_PREFIX.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  if (month !== null && (month < 1 || month > 12)) return null;
  return { year, month };
}

/**
 * Orders two partial dates at the coarser of their granularities, so `2021` neither precedes nor follows
 * `2021-03`: a claim stated by year is true if the year fits.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  if (a.month !== null && b.month !== null) return a.year * 12 + a.month - (b.year * 12 + b.month);
  return a.year - b.year;
}

/** Months from `start` to `end` inclusive of both ends' months; a bare year spans January to December. */
export function monthsBetween(start: PartialDate, end: PartialDate): number {
  const from = start.year * 12 + (start.month ?? 1);
  const to = end.year * 12 + (end.month ?? 12);
  return to - from + 1;
}
