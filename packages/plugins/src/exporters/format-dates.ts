const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/** "2021-03" or "2021-03-01" → "Mar 2021"; "2021" stays; anything else is shown as written. */
export function formatDate(value: string): string {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return value.trim();
  const month = match[2] ? Number(match[2]) : 0;
  return month >= 1 && month <= 12 ? `${MONTHS[month - 1]} ${match[1]}` : match[1]!;
}

/**
 * One display format for every range, because ATS parsers read mixed date styles badly. An open end is
 * "Present".
 */
export function formatDateRange(dates: { start: string; end: string | null } | null): string | null {
  if (!dates) return null;
  const start = formatDate(dates.start);
  const end = dates.end === null ? 'Present' : formatDate(dates.end);
  return start === end ? start : `${start} – ${end}`;
}

/** A letter's date line: "15 January 2026", in UTC so the output does not depend on the machine. */
export function formatLetterDate(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return `${date.getUTCDate()} ${FULL_MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
