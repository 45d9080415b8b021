import type { ResumeLink } from '../resume/resume-block.js';
import type { PdfItem, PdfLinkAnnotation } from './pdf-types.js';

export interface PdfCell {
  text: string;
  x1: number;
  x2: number;
  /** Font of the cell's first item. */
  font: string;
  items: PdfItem[];
}

export interface PdfLine {
  page: number;
  y: number;
  size: number;
  bullet: boolean;
  /** Cells left to right, bullet glyph removed; a wide gap starts a new cell. */
  cells: PdfCell[];
  links: ResumeLink[];
  items: PdfItem[];
}

// A bullet is a symbol glyph before the text, or a dash or asterisk followed by a space.
const BULLET_START = /^\s*(?:[•◦◆◇▪▫‣●○■□➤►▶✓✔∙⋅·]\s*|[-–*]\s+|\d{1,2}[.)]\s+(?=\p{L}))/u;
const BULLET_ONLY = /^\s*[•◦◆◇▪▫‣●○■□➤►▶✓✔∙⋅·*–-]\s*$/u;
// Gaps in font sizes: wider than CELL_GAP starts a new cell, wider than SPACE_GAP is a word space.
const CELL_GAP = 0.6;
const SPACE_GAP = 0.15;

function toCells(items: PdfItem[]): PdfCell[] {
  const cells: PdfCell[] = [];
  let previous: PdfItem | null = null;
  for (const item of items) {
    if (!item.text.trim()) continue;
    const gap = previous ? item.x - (previous.x + previous.width) : Number.POSITIVE_INFINITY;
    const cell = cells[cells.length - 1];
    if (!cell || gap > CELL_GAP * Math.max(item.size, previous?.size ?? 0)) {
      cells.push({ text: item.text, x1: item.x, x2: item.x + item.width, font: item.font, items: [item] });
    } else {
      const spaced = gap > SPACE_GAP * item.size && !/\s$/.test(cell.text) && !/^\s/.test(item.text);
      cell.text += (spaced ? ' ' : '') + item.text;
      cell.x2 = Math.max(cell.x2, item.x + item.width);
      cell.items.push(item);
    }
    previous = item;
  }
  for (const cell of cells) cell.text = cell.text.replace(/\s+/g, ' ').trim();
  return cells.filter((cell) => cell.text);
}

function attachLinks(lines: PdfLine[], annotations: readonly PdfLinkAnnotation[]): void {
  for (const annotation of annotations) {
    const [x1, y1, x2, y2] = annotation.rect;
    for (const line of lines) {
      if (line.page !== annotation.page) continue;
      const hit = line.items.filter(
        (item) =>
          item.y >= y1 - 2 && item.y <= y2 + 1 && item.x < x2 && item.x + item.width > x1 && item.text.trim(),
      );
      if (hit.length === 0) continue;
      const label = hit
        .map((item) => item.text)
        .join('')
        .trim();
      const known = line.links.find((link) => link.url === annotation.url);
      if (!known) line.links.push({ url: annotation.url, label });
      else if (label.length > known.label.length) known.label = label;
      break;
    }
  }
}

/**
 * Groups a region's items into lines (baselines within half the smaller font size, which absorbs the point or
 * two that separate an icon or a date column from its line), splits each line into cells at wide gaps, marks
 * bullets, and attaches link annotations to the lines they cover.
 */
export function buildPdfLines(
  items: readonly PdfItem[],
  annotations: readonly PdfLinkAnnotation[],
): PdfLine[] {
  const sorted = [...items].sort((a, b) => a.page - b.page || b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    const head = group?.[0];
    if (head && head.page === item.page && Math.abs(head.y - item.y) <= 0.45 * Math.min(head.size, item.size))
      group.push(item);
    else groups.push([item]);
  }
  const lines: PdfLine[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let cells = toCells(group);
    if (cells.length === 0) continue;
    let bullet = false;
    const first = cells[0]!;
    if (BULLET_ONLY.test(first.text) && cells.length > 1) {
      bullet = true;
      cells = cells.slice(1);
    } else if (BULLET_START.test(first.text)) {
      bullet = true;
      const marker = BULLET_START.exec(first.text)![0];
      first.text = first.text.slice(marker.length);
      // The text starts after the marker: continuation lines of the bullet align with that x.
      const body = first.items.find((item) => item.text.trim() && !marker.includes(item.text.trim()));
      if (body) first.x1 = body.x;
    }
    const textItems = group.filter((item) => item.text.trim());
    lines.push({
      page: group[0]!.page,
      y: textItems.reduce((sum, item) => sum + item.y, 0) / Math.max(1, textItems.length),
      size: Math.max(...textItems.map((item) => item.size)),
      bullet,
      cells: cells.filter((cell) => cell.text),
      links: [],
      items: group,
    });
  }
  attachLinks(lines, annotations);
  return lines.filter((line) => line.cells.length > 0);
}
