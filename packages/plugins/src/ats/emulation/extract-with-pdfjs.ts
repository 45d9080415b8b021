import { loadPdfjs } from '../../libraries/load-pdfjs.js';
import { markRepeatedPageLines } from './mark-page-furniture.js';
import type { AtsExtractionOutcome, AtsExtractorOptions, ExtractedLine, LineRegion } from './types.js';

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
  height?: number;
}

/** Bands at the top and bottom of the page where a word processor puts running headers and footers. */
const HEADER_BAND = 0.06;
const FOOTER_BAND = 0.05;
/** Type this much larger than the body text reads as a heading. */
const HEADING_SIZE_RATIO = 1.15;

/** The most common font size, weighted by characters: the body text. */
function bodySize(lines: ExtractedLine[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    if (line.size === null) continue;
    const key = Math.round(line.size * 10) / 10;
    weight.set(key, (weight.get(key) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) {
    if (w > bestWeight) {
      best = size;
      bestWeight = w;
    }
  }
  return best;
}

/**
 * Text through pdfjs-dist (the same pdfjs the parseability checker and the PDF resume parser load), lines in
 * content-stream order: the order the writer drew them, which is what a parser reading the raw text gets.
 * Each line keeps its page, x range, baseline and font size; lines in the top 6% or bottom 5% of the page,
 * or repeated on every page, are marked header or footer. No normalisation, so ligature glyphs show up.
 */
export async function extractWithPdfjs(
  bytes: Uint8Array,
  options: AtsExtractorOptions = {},
): Promise<AtsExtractionOutcome> {
  // Loaded before the clock starts: the first call's one-off module load is not extraction time.
  const { getDocument } = await loadPdfjs();
  const started = performance.now();
  // pdfjs takes ownership of (and detaches) the buffer it is given.
  const task = getDocument({
    data: bytes.slice(),
    verbosity: 0,
    useSystemFonts: false,
    disableFontFace: true,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
  });
  try {
    const doc = await task.promise;
    const lines: ExtractedLine[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      options.signal?.throwIfAborted();
      const page = await doc.getPage(number);
      const [, y0 = 0, , y1 = 0] = page.view;
      const height = y1 - y0;
      const regionOf = (y: number): LineRegion =>
        y1 - y < HEADER_BAND * height ? 'header' : y - y0 < FOOTER_BAND * height ? 'footer' : 'body';
      const content = await page.getTextContent({ disableNormalization: true });
      const drawn: ExtractedLine[] = [];
      let open: ExtractedLine | null = null;
      let lastEnd = 0;
      for (const item of content.items as TextItemLike[]) {
        const text = item.str ?? '';
        if (text && item.transform) {
          const [, , , d = 1, x = 0, y = 0] = item.transform;
          const size = Math.abs(d) || item.height || 10;
          const end = x + (item.width ?? 0);
          if (open && Math.abs((open.y ?? y) - y) > 0.45 * Math.min(size, open.size ?? size)) {
            drawn.push(open);
            open = null;
          }
          if (!open) {
            open = {
              text,
              page: number,
              region: 'body',
              x,
              x2: end,
              y,
              size,
              headingStyle: false,
              table: null,
            };
          } else {
            const gap = x - lastEnd;
            const spaced = gap > 0.15 * size && !/\s$/.test(open.text) && !/^\s/.test(text);
            open.text += (spaced ? ' ' : '') + text;
            open.x = Math.min(open.x ?? x, x);
            open.x2 = Math.max(open.x2 ?? end, end);
            open.size = Math.max(open.size ?? size, size);
          }
          lastEnd = end;
        }
        if (item.hasEOL && open) {
          drawn.push(open);
          open = null;
        }
      }
      if (open) drawn.push(open);
      for (const line of drawn) {
        line.text = line.text.replace(/\s+/g, ' ').trim();
        if (!line.text) continue;
        line.region = regionOf(line.y ?? 0);
        lines.push(line);
      }
      page.cleanup();
    }
    const body = bodySize(lines);
    for (const line of lines) {
      line.headingStyle = body > 0 && (line.size ?? 0) >= HEADING_SIZE_RATIO * body;
    }
    markRepeatedPageLines(lines);
    return {
      ok: true,
      extraction: {
        extractor: 'pdfjs',
        format: 'pdf',
        lines,
        text: lines.map((line) => line.text).join('\n'),
        pageCount: doc.numPages,
        capabilities: {
          positions: true,
          headersAndFooters: true,
          tables: false,
          headingStyles: true,
          order: 'content-stream',
        },
        notes: [],
        durationMs: performance.now() - started,
      },
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      ok: false,
      extractor: 'pdfjs',
      format: 'pdf',
      skipped: false,
      reason: `pdfjs could not read the PDF: ${(error as Error).message}`,
    };
  } finally {
    await task.destroy().catch(() => {});
  }
}
