import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type FontkitFont, wrapPdfFont } from './wrap-pdf-font.js';

export interface PdfFonts {
  regular: FontkitFont;
  bold: FontkitFont;
}

const require = createRequire(import.meta.url);
let cached: PdfFonts | undefined;

/**
 * DejaVu Sans regular and bold from the `dejavu-fonts-ttf` package, parsed once per process: parsing the TTF
 * and its GSUB/GPOS tables costs more than laying out a whole CV, and the parsed font is read-only.
 * fontkit is loaded through pdfkit's own resolution so both use the same parser pdfkit was built against.
 */
export function loadPdfFonts(): PdfFonts {
  if (cached) return cached;
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
    create(buffer: Uint8Array): FontkitFont;
  };
  const load = (file: string): FontkitFont =>
    wrapPdfFont(fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))));
  cached = { regular: load('DejaVuSans.ttf'), bold: load('DejaVuSans-Bold.ttf') };
  return cached;
}
