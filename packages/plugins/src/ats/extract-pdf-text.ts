import { loadPdfjs } from '../libraries/load-pdfjs.js';

export interface PdfTextExtraction {
  /** Pages joined by a blank line. */
  text: string;
  pages: string[];
  pageCount: number;
  /**
   * Glyphs that stand for several letters ("fi", "ffl") or are ligature code points: a parser that reads
   * glyph names instead of the ToUnicode map sees U+FB01 there and loses the word.
   */
  ligatureGlyphs: string[];
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

interface GlyphLike {
  unicode?: string;
}

const LIGATURE_CODE_POINTS = /[\uFB00-\uFB06]/;
const LETTERS_ONLY = /^\p{L}+$/u;
// pdfjs returns the same extraction for the same bytes, and the ATS checkers of one run share one rendering.
const cache = new WeakMap<Uint8Array, Promise<PdfTextExtraction>>();

function isLigature(unicode: string): boolean {
  if (LIGATURE_CODE_POINTS.test(unicode)) return true;
  return [...unicode].length > 1 && LETTERS_ONLY.test(unicode);
}

/**
 * Extracts text with pdfjs-dist (an extractor independent of the PDF writer), the way an ATS would: ToUnicode
 * maps as written (no normalisation, so ligature code points show up), page by page.
 * Runs in-process; pdfjs's "fake worker" needs no worker thread under Node.
 */
export function extractPdfText(bytes: Uint8Array): Promise<PdfTextExtraction> {
  let pending = cache.get(bytes);
  if (!pending) {
    pending = extract(bytes);
    cache.set(bytes, pending);
  }
  return pending;
}

async function extract(bytes: Uint8Array): Promise<PdfTextExtraction> {
  const { getDocument, OPS } = await loadPdfjs();
  // pdfjs takes ownership of (and detaches) the buffer it is given.
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    useSystemFonts: false,
    disableFontFace: true,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    const ligatureGlyphs = new Set<string>();
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent({ disableNormalization: true });
      pages.push(
        (content.items as TextItemLike[])
          .map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : ''))
          .join('')
          .trim(),
      );
      const operators = await page.getOperatorList();
      operators.fnArray.forEach((fn, i) => {
        if (fn !== OPS.showText) return;
        for (const glyph of (operators.argsArray[i]?.[0] ?? []) as (GlyphLike | number | null)[]) {
          if (glyph && typeof glyph === 'object' && glyph.unicode && isLigature(glyph.unicode)) {
            ligatureGlyphs.add(glyph.unicode);
          }
        }
      });
      page.cleanup();
    }
    return {
      text: pages.join('\n\n'),
      pages,
      pageCount: doc.numPages,
      ligatureGlyphs: [...ligatureGlyphs],
    };
  } finally {
    await task.destroy();
  }
}
