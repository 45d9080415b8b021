import type { ExtractedLine } from './types.js';

// Page numbers change from page to page; a running header or footer otherwise repeats word for word.
const signature = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Marks as header or footer the first or last line of every page when it repeats on all pages (two or
 * more): running heads and "Page 2 of 3" lines, which extractors without coordinates cannot place otherwise.
 */
export function markRepeatedPageLines(lines: ExtractedLine[]): void {
  const pages = new Map<number, ExtractedLine[]>();
  for (const line of lines) {
    if (line.page === null || !line.text.trim()) continue;
    const list = pages.get(line.page) ?? [];
    list.push(line);
    pages.set(line.page, list);
  }
  if (pages.size < 2) return;
  for (const [edge, region] of [
    ['first', 'header'],
    ['last', 'footer'],
  ] as const) {
    const picked = [...pages.values()].map((list) => (edge === 'first' ? list[0]! : list[list.length - 1]!));
    const key = signature(picked[0]!.text);
    if (key && picked.every((line) => signature(line.text) === key)) {
      for (const line of picked) line.region = region;
    }
  }
}
