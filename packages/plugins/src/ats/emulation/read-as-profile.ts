import type { AtsProfileRules } from './ats-profiles.js';
import type { AtsExtraction, ExtractedLine } from './types.js';

export interface ReadingLine {
  text: string;
  headingStyle: boolean;
}

/** What a profile's reader made of an extraction, with the facts that explain a failure. */
export interface ProfileReading {
  lines: ReadingLine[];
  text: string;
  /** Header and footer lines the profile did not read. */
  ignored: string[];
  /** Rows that join text set side by side, as read (first few). */
  interleaved: string[];
  interleavedCount: number;
  /** Table rows read as one line. */
  flattenedRows: number;
}

/** Lines on one baseline are one row; a gap wider than this many font sizes means separate blocks. */
const BASELINE_TOLERANCE = 0.45;
const COLUMN_GAP = 2;
const KEEP_EXAMPLES = 3;

function sameTableRow(a: ExtractedLine, b: ExtractedLine): boolean {
  return (
    a.table !== null && b.table !== null && a.table.index === b.table.index && a.table.row === b.table.row
  );
}

/** Each table row becomes one line, its cells' paragraphs joined in order. */
function flattenTables(lines: ExtractedLine[]): { lines: ExtractedLine[]; rows: number } {
  const out: ExtractedLine[] = [];
  let rows = 0;
  let joined = false;
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last && sameTableRow(last, line)) {
      if (!joined) rows += 1;
      joined = true;
      out[out.length - 1] = { ...last, text: `${last.text} ${line.text}`, headingStyle: false };
      continue;
    }
    joined = false;
    out.push(line);
  }
  return { lines: out, rows };
}

function readRows(lines: ExtractedLine[]): { lines: ReadingLine[]; interleaved: string[]; count: number } {
  const positioned = lines.filter((line) => line.page !== null && line.y !== null && line.x !== null);
  const placed = new Set(positioned);
  const rest = lines.filter((line) => !placed.has(line));
  positioned.sort((a, b) => a.page! - b.page! || b.y! - a.y! || a.x! - b.x!);
  const rows: ExtractedLine[][] = [];
  for (const line of positioned) {
    const row = rows[rows.length - 1];
    const head = row?.[0];
    const size = Math.min(line.size ?? 10, head?.size ?? 10);
    if (head && head.page === line.page && Math.abs(head.y! - line.y!) <= BASELINE_TOLERANCE * size)
      row.push(line);
    else rows.push([line]);
  }
  const out: ReadingLine[] = [];
  const interleaved: string[] = [];
  let count = 0;
  for (const row of rows) {
    row.sort((a, b) => a.x! - b.x!);
    const text = row.map((line) => line.text).join(' ');
    const apart = row.some(
      (line, i) => i > 0 && line.x! - (row[i - 1]!.x2 ?? row[i - 1]!.x!) > COLUMN_GAP * (line.size ?? 10),
    );
    if (apart) {
      count += 1;
      if (interleaved.length < KEEP_EXAMPLES) interleaved.push(text);
    }
    out.push({ text, headingStyle: row.length === 1 && row[0]!.headingStyle });
  }
  for (const line of rest) out.push({ text: line.text, headingStyle: line.headingStyle });
  return { lines: out, interleaved, count };
}

/** Applies a profile's reading rules (headers and footers, tables, reading order) to an extraction. */
export function readAsProfile(extraction: AtsExtraction, rules: AtsProfileRules): ProfileReading {
  let lines = extraction.lines;
  const ignored: string[] = [];
  if (rules.headersAndFooters === 'ignore') {
    for (const line of lines) if (line.region !== 'body') ignored.push(line.text);
    lines = lines.filter((line) => line.region === 'body');
  }
  let flattenedRows = 0;
  if (rules.tables === 'rows' && extraction.capabilities.tables) {
    const flat = flattenTables(lines);
    lines = flat.lines;
    flattenedRows = flat.rows;
  }
  let reading: ReadingLine[];
  let interleaved: string[] = [];
  let interleavedCount = 0;
  if (rules.readingOrder === 'rows' && extraction.capabilities.positions) {
    const rows = readRows(lines);
    reading = rows.lines;
    interleaved = rows.interleaved;
    interleavedCount = rows.count;
  } else {
    reading = lines.map((line) => ({ text: line.text, headingStyle: line.headingStyle }));
  }
  return {
    lines: reading,
    text: reading.map((line) => line.text).join('\n'),
    ignored,
    interleaved,
    interleavedCount,
    flattenedRows,
  };
}
