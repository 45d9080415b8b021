import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type FontkitFont, wrapPdfFont } from './wrap-pdf-font.js';

export interface FontPair {
  regular: FontkitFont;
  bold: FontkitFont;
}

export interface PdfFonts extends FontPair {
  /**
   * Noto Sans SC (Simplified Chinese, with Japanese kana and the common CJK signs), for the characters DejaVu
   * Sans has no glyph for: read on first use, since most documents never need it; null when it cannot be read.
   */
  readonly fallback: FontPair | null;
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
  const load = (file: string): FontkitFont => wrapPdfFont(fontkit.create(readFileSync(file)));
  const dejavu = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
  let fallback: FontPair | null | undefined;
  cached = {
    regular: load(dejavu('DejaVuSans.ttf')),
    bold: load(dejavu('DejaVuSans-Bold.ttf')),
    get fallback() {
      if (fallback === undefined) {
        try {
          // The package exports no file paths: its fonts sit beside its entry point's folder.
          const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '../fonts');
          fallback = {
            regular: load(path.join(dir, 'NotoSansHans-Regular.otf')),
            bold: load(path.join(dir, 'NotoSansHans-Bold.otf')),
          };
        } catch {
          fallback = null;
        }
      }
      return fallback;
    },
  };
  return cached;
}
