import type { PdfLine } from './build-pdf-lines.js';
import type { PdfPage } from './pdf-types.js';

const PAGE_NUMBER = /^(?:(?:page|seite|página)\s*)?\d{1,3}$/iu;
// "2/3", "Page 2 of 3": unmistakable wherever they sit.
const PAGE_OF = /^(?:(?:page|seite|página)\s*)?\d{1,3}\s*(?:\/|of|von|de|sur)\s*\d{1,3}$/iu;
const TRAILING_PAGE_NUMBER = /[–—|-]\s*(?:(?:page|seite)\s*)?\d{1,3}\s*(?:\/|of|von)\s*\d{1,3}$/iu;
const BAND = 0.08;

const textOf = (line: PdfLine): string =>
  line.cells
    .map((cell) => cell.text)
    .join(' ')
    .trim();

/**
 * Drops running headers and footers: page numbers ("2", "Page 1 of 3", "John Doe – 1/2") and any line that
 * repeats, digits aside, in the top or bottom band of several pages.
 */
export function removePageFurniture(lines: readonly PdfLine[], pages: readonly PdfPage[]): PdfLine[] {
  const heights = new Map(pages.map((page) => [page.number, page.height]));
  const inBand = (line: PdfLine) => {
    const height = heights.get(line.page) ?? 792;
    return line.y > height * (1 - BAND) || line.y < height * BAND;
  };
  const pagesOf = new Map<string, Set<number>>();
  for (const line of lines) {
    if (!inBand(line)) continue;
    const key = textOf(line).replace(/\d+/g, '#').toLowerCase();
    pagesOf.set(key, (pagesOf.get(key) ?? new Set()).add(line.page));
  }
  return lines.filter((line) => {
    const text = textOf(line);
    if (PAGE_OF.test(text)) return false;
    if (!inBand(line)) return true;
    if (PAGE_NUMBER.test(text) || TRAILING_PAGE_NUMBER.test(text)) return false;
    return (pagesOf.get(text.replace(/\d+/g, '#').toLowerCase())?.size ?? 0) < 2;
  });
}
