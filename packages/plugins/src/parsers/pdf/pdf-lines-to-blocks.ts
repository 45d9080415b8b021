import { isKnownResumeHeading } from '../resume/classify-resume-heading.js';
import { createBlock, type ResumeBlock } from '../resume/resume-block.js';
import { STATE_OR_COUNTRY } from '../resume/split-entry-header.js';
import { findDateRange, isDateOnly } from '../shared/find-date-range.js';
import type { PdfCell, PdfLine } from './build-pdf-lines.js';

interface Line {
  source: PdfLine;
  text: string;
  meta: string[];
  x: number;
  size: number;
  strong: boolean;
  bullet: boolean;
  kind: 'name' | 'heading' | 'text' | 'bullet';
  /** Width of the last physical line, to tell a wrapped paragraph from a list of short lines. */
  lastWidth: number;
}

const PLACE_CELL = /^(?=.*\p{L})[\p{L} .'’-]+(?:,\s*[\p{L} .'’-]+)*,\s*([\p{L} .'’-]+)$/u;
const isPlace = (text: string): boolean => {
  const match = PLACE_CELL.exec(text);
  return match !== null && STATE_OR_COUNTRY.test(match[1]!.trim()) && text.length <= 40;
};
const PRESENT_CELL = /^(?:present|current|now|today|heute|aktuell|présent|presente|actualidad)\.?$/iu;
const DURATION_CELL = /^\d+\s*(?:years?|yrs?|months?|mos?)(?:\s+\d+\s*(?:months?|mos?))?$/iu;
const LAST_UPDATED = /^(?:last updated|updated|stand)\b/iu;
const WIDE_GAP = 1.5;
// A paragraph line that wraps fills the column: at least this many font sizes wide (about 50 characters).
const FULL_LINE = 25;

/** The value that most characters have (font size, font id): the body text's. */
function dominant<T>(lines: readonly PdfLine[], pick: (item: PdfLine['items'][number]) => T): T | undefined {
  const weights = new Map<T, number>();
  for (const line of lines)
    for (const item of line.items) weights.set(pick(item), (weights.get(pick(item)) ?? 0) + item.text.length);
  return [...weights].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function isMetaCell(cell: PdfCell, index: number, cells: readonly PdfCell[]): boolean {
  if (cells.length < 2) return false;
  if (isDateOnly(cell.text) || PRESENT_CELL.test(cell.text) || DURATION_CELL.test(cell.text)) return true;
  // A dangling range start ("June 2022 –") whose end sits on the next line.
  if (
    /[–—-]\s*$/.test(cell.text) &&
    findDateRange(cell.text) &&
    isDateOnly(cell.text.replace(/[–—-]\s*$/, ''))
  )
    return true;
  return index > 0 && isPlace(cell.text);
}

function readLine(source: PdfLine, bodyFont: string | undefined): Line {
  const main: PdfCell[] = [];
  const meta: string[] = [];
  source.cells.forEach((cell, i, cells) => {
    if (isMetaCell(cell, i, cells)) meta.push(cell.text);
    else main.push(cell);
  });
  let text = '';
  main.forEach((cell, i) => {
    const gap = i === 0 ? 0 : cell.x1 - main[i - 1]!.x2;
    text += i === 0 ? cell.text : `${gap > WIDE_GAP * source.size ? ' | ' : ' '}${cell.text}`;
  });
  const firstFont = main[0]?.font ?? source.cells[0]?.font;
  return {
    source,
    text,
    meta,
    x: main[0]?.x1 ?? source.cells[0]!.x1,
    size: source.size,
    strong: firstFont !== undefined && firstFont !== bodyFont,
    bullet: source.bullet,
    kind: source.bullet ? 'bullet' : 'text',
    lastWidth: (source.cells[source.cells.length - 1]?.x2 ?? 0) - (main[0]?.x1 ?? source.cells[0]!.x1),
  };
}

/** A line with only side cells (a date printed a point off its row) joins the nearest line of its region. */
function foldMetaOnlyLines(lines: Line[]): Line[] {
  const out: Line[] = [];
  lines.forEach((line, i) => {
    if (line.text || line.meta.length === 0) {
      out.push(line);
      return;
    }
    const previous = out[out.length - 1];
    const next = lines[i + 1];
    const distance = (other: Line | undefined) =>
      other && other.source.page === line.source.page
        ? Math.abs(other.source.y - line.source.y)
        : Number.POSITIVE_INFINITY;
    const target = distance(next) < distance(previous) ? next : previous;
    if (target && distance(target) <= line.size * 1.6) target.meta.push(...line.meta);
  });
  return out;
}

const titleCase = (text: string): string =>
  /\p{Ll}/u.test(text)
    ? text
    : text
        .toLowerCase()
        .replace(/(^|[\s'-])(\p{L})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());

function markNameAndHeadings(lines: Line[], bodySize: number): string | null {
  const isHeadingShape = (line: Line) =>
    !line.bullet &&
    line.meta.length === 0 &&
    line.source.cells.length === 1 &&
    line.text.length <= 50 &&
    line.text.split(/\s+/).length <= 6 &&
    /\p{L}{2}/u.test(line.text) &&
    !/[.,;]$/.test(line.text);
  const known = lines.filter((line) => isHeadingShape(line) && isKnownResumeHeading(line.text));
  const firstKnown = known.length > 0 ? lines.indexOf(known[0]!) : Math.min(lines.length, 8);
  const nameCandidates = lines
    .slice(0, Math.max(1, firstKnown))
    .filter(
      (line) =>
        line.source.page === lines[0]?.source.page &&
        !line.bullet &&
        /\p{L}{2}/u.test(line.text) &&
        !/[\d@/]|https?:|www\./u.test(line.text) &&
        !LAST_UPDATED.test(line.text) &&
        line.text.split(/\s+/).length <= 6,
    );
  const name = nameCandidates.reduce<Line | null>(
    (best, line) => (!best || line.size > best.size + 0.5 ? line : best),
    null,
  );
  if (name) {
    name.kind = 'name';
    name.text = titleCase(name.text.split(' | ')[0]!);
  }
  // Headings found by size must also share a known heading's typeface: a headline under the name may be as big.
  const headingFonts = new Set(known.map((line) => line.source.cells[0]?.font));
  const headingSizes = known.map((line) => Math.round(line.size * 2) / 2);
  const headingSize = headingSizes.sort(
    (a, b) => headingSizes.filter((s) => s === b).length - headingSizes.filter((s) => s === a).length,
  )[0];
  for (const line of lines) {
    if (line === name || !isHeadingShape(line)) continue;
    const bySize =
      headingSize !== undefined
        ? Math.abs(line.size - headingSize) <= 0.6 &&
          line.size >= bodySize * 1.1 &&
          headingFonts.has(line.source.cells[0]?.font)
        : line.size >= bodySize * 1.2 && (!name || line.size < name.size);
    if (isKnownResumeHeading(line.text) || bySize) line.kind = 'heading';
  }
  return name?.text ?? null;
}

/** Joins wrapped lines: a bullet's continuation, a paragraph's next line, a word hyphenated across lines. */
function joinWrappedLines(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (!previous) {
      out.push(line);
      continue;
    }
    const close =
      previous.source.page === line.source.page &&
      previous.source.y - line.source.y > 0 &&
      previous.source.y - line.source.y <= previous.size * 1.75 &&
      Math.abs(previous.size - line.size) < 0.6;
    const aligned =
      close && Math.abs(line.x - previous.x) <= 3 && line.kind === 'text' && line.meta.length === 0;
    const sameType = line.source.cells[0]?.font === previous.source.cells[0]?.font;
    const continues =
      aligned &&
      ((!line.strong && previous.kind === 'bullet') ||
        (!line.strong &&
          previous.kind === 'text' &&
          !previous.strong &&
          previous.lastWidth >= FULL_LINE * line.size &&
          !/:$/.test(previous.text)) ||
        // A long bold title wrapped onto a second line in the same bold type.
        (line.strong &&
          previous.kind === 'text' &&
          previous.strong &&
          sameType &&
          previous.text.length >= 50));
    if (!continues) {
      out.push(line);
      continue;
    }
    previous.text =
      /\p{L}-$/u.test(previous.text) && /^\p{Ll}/u.test(line.text)
        ? previous.text.slice(0, -1) + line.text
        : `${previous.text} ${line.text}`;
    previous.source = {
      ...previous.source,
      y: line.source.y,
      links: [...previous.source.links, ...line.source.links],
    };
    previous.lastWidth = line.lastWidth;
  }
  return out;
}

/**
 * PDF lines (in reading order) → resume blocks: the name (largest type above the first section), section
 * headings (known names, or the size those use), bullets with wrapped lines joined, text lines marked strong
 * when they start in a typeface other than the body's; dates and places in side cells become `meta`.
 */
export function pdfLinesToBlocks(pdfLines: readonly PdfLine[]): {
  blocks: ResumeBlock[];
  name: string | null;
} {
  const bodyFont = dominant(pdfLines, (item) => item.font);
  const bodySize = dominant(pdfLines, (item) => Math.round(item.size * 2) / 2) ?? 10;
  const lines = foldMetaOnlyLines(pdfLines.map((line) => readLine(line, bodyFont)));
  const name = markNameAndHeadings(lines, bodySize);
  const blocks = joinWrappedLines(lines).map((line) =>
    createBlock({
      kind: line.kind === 'name' || line.kind === 'heading' ? 'heading' : line.kind,
      text: line.text,
      level: line.kind === 'name' ? 1 : line.kind === 'heading' ? 2 : line.kind === 'bullet' ? 1 : 0,
      strong: line.strong,
      meta: line.meta,
      links: line.source.links,
    }),
  );
  return { blocks: blocks.filter((block) => block.text || block.meta.length > 0), name };
}
