import { isDateOnly } from '../shared/find-date-range.js';
import type { PdfItem, PdfPage } from './pdf-types.js';

export interface ColumnLayout {
  /** x of the gutter between two columns, or null for a single column. */
  gutter: number | null;
  /** Items in reading order groups: full-width header first, then the left column, then the right one. */
  regions: PdfItem[][];
}

interface Run {
  x1: number;
  x2: number;
  y: number;
  chars: number;
  text: string;
  items: PdfItem[];
}

// Horizontal gap (in font sizes) that separates two runs on one baseline.
const RUN_GAP = 0.6;
// Share of a page's characters each column must hold, in text that is not just dates or places.
const MIN_COLUMN_SHARE = 0.15;
const HEADER_BAND = 0.22;
const FOOTER_BAND = 0.06;

function runsOf(items: readonly PdfItem[]): Run[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const runs: Run[] = [];
  for (const item of sorted) {
    if (!item.text.trim()) continue;
    const last = runs[runs.length - 1];
    const sameLine = last && Math.abs(last.y - item.y) <= item.size * 0.45;
    if (last && sameLine && item.x - last.x2 <= item.size * RUN_GAP && item.x >= last.x1) {
      last.x2 = Math.max(last.x2, item.x + item.width);
      last.chars += item.text.length;
      last.text += item.text;
      last.items.push(item);
    } else {
      runs.push({
        x1: item.x,
        x2: item.x + item.width,
        y: item.y,
        chars: item.text.length,
        text: item.text,
        items: [item],
      });
    }
  }
  return runs;
}

const isMetaRun = (run: Run): boolean =>
  isDateOnly(run.text) || (/^[\p{L} .'-]+,\s*[\p{L} .'-]+$/u.test(run.text.trim()) && run.text.length <= 30);

/**
 * Finds a two-column layout from the x-extents of text runs: a vertical gutter no run crosses (outside a
 * header band at the top and the footer), with real text — not only a date or place column, as in resumes
 * that right-align dates — on both sides. Single-column pages come back as one region.
 */
export function detectColumns(page: PdfPage): ColumnLayout {
  const runs = runsOf(page.items);
  const single: ColumnLayout = { gutter: null, regions: [page.items] };
  const total = runs.reduce((sum, run) => sum + run.chars, 0);
  if (runs.length < 10 || total === 0) return single;
  const top = Math.max(...runs.map((run) => run.y));
  const bottom = Math.min(...runs.map((run) => run.y));
  const span = Math.max(1, top - bottom);
  const inBody = (run: Run) => run.y < top - span * HEADER_BAND && run.y > bottom + span * FOOTER_BAND;
  const body = runs.filter(inBody);

  const free: number[] = [];
  for (let x = page.width * 0.2; x <= page.width * 0.8; x += 2) {
    if (!body.some((run) => run.x1 < x && run.x2 > x)) free.push(x);
  }
  // The widest stretch of free x positions is the gutter; its middle is the split.
  let best: { from: number; to: number } | null = null;
  let from = free[0];
  for (let i = 1; i <= free.length; i++) {
    if (i < free.length && free[i]! - free[i - 1]! <= 2.01) continue;
    const to = free[i - 1]!;
    if (from !== undefined && (!best || to - from > best.to - best.from)) best = { from, to };
    from = free[i];
  }
  if (!best) return single;
  const gutter = (best.from + best.to) / 2;
  const textChars = (side: Run[]) =>
    side.filter((run) => !isMetaRun(run)).reduce((sum, run) => sum + run.chars, 0);
  const left = body.filter((run) => run.x2 <= gutter);
  const right = body.filter((run) => run.x1 >= gutter);
  const bodyChars = body.reduce((sum, run) => sum + run.chars, 0);
  if (textChars(left) < bodyChars * MIN_COLUMN_SHARE || textChars(right) < bodyChars * MIN_COLUMN_SHARE)
    return single;
  if (left.length < 5 || right.length < 5) return single;

  const header: PdfItem[] = [];
  const leftItems: PdfItem[] = [];
  const rightItems: PdfItem[] = [];
  const firstColumnY = Math.max(...[...left, ...right].map((run) => run.y));
  for (const run of runs) {
    const crosses = run.x1 < gutter && run.x2 > gutter;
    if (crosses && run.y > firstColumnY) header.push(...run.items);
    else if ((run.x1 + run.x2) / 2 < gutter) leftItems.push(...run.items);
    else rightItems.push(...run.items);
  }
  return { gutter, regions: [header, leftItems, rightItems].filter((region) => region.length > 0) };
}
