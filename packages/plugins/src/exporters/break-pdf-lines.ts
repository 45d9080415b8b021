import type { PdfWord, WordEntry } from './encode-pdf-text.js';
import type { PdfFonts } from './load-pdf-fonts.js';
import type { FontkitFont } from './wrap-pdf-font.js';

/** A stretch of paragraph text in one style. */
export interface Run {
  text: string;
  url?: string;
  bold?: boolean;
  color?: string;
  /** Set on text the main font has no glyphs for: drawn in `PdfFonts.fallback` (see `splitForFallback`). */
  fallback?: boolean;
}

/** A word or a run of spaces on a broken line. */
export interface Piece extends PdfWord {
  run: Run;
  /** Width in points. */
  width: number;
  space: boolean;
}

/**
 * What is known about each word of each font, shared by every document of the process: its width in font
 * units (1/unitsPerEm of the size), and its glyphs once a document has drawn it (see `drawPdfWords`). Breaking
 * lines and drawing them then look a word up once, not once per step. A CV has some 700 distinct words; a
 * table is started afresh past 20,000 of them, which keeps it to a few MiB per font.
 */
const WORD_CACHE_SIZE = 20_000;
const wordTables = new WeakMap<FontkitFont, Map<string, WordEntry>>();

function wordEntry(font: FontkitFont, text: string): WordEntry {
  let table = wordTables.get(font);
  if (!table) {
    table = new Map();
    wordTables.set(font, table);
  }
  let entry = table.get(text);
  if (entry === undefined) {
    entry = { width: (font.layout(text).advanceWidth * 1000) / font.unitsPerEm };
    if (table.size >= WORD_CACHE_SIZE) table.clear();
    table.set(text, entry);
  }
  return entry;
}

/** Drops what is known about the words of `font` (when the renderer starts its per-font caches afresh). */
export function forgetWords(font: FontkitFont): void {
  wordTables.delete(font);
}

/** The font a run is drawn in. */
export function fontOfRun(fonts: PdfFonts, run: Run): FontkitFont {
  const pair = run.fallback === true ? (fonts.fallback ?? fonts) : fonts;
  return run.bold === true ? pair.bold : pair.regular;
}

/** Width of `text` in font units (1/unitsPerEm of the size). */
export function advance(fonts: PdfFonts, bold: boolean, text: string): number {
  return wordEntry(bold ? fonts.bold : fonts.regular, text).width;
}

// Text made only of these (Latin, Greek, Cyrillic, Armenian, punctuation) never needs the fallback font.
const MAIN_FONT_ONLY = /^[\s\u0020-\u058f\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]*$/;
const SPACE = /\s/;

/**
 * Cuts runs where their text moves between characters the main font draws and characters only the fallback
 * font has (Chinese or Japanese in a name, a title, a place), so each piece is drawn in a font that has its
 * glyphs. Spaces stay with the piece they are in. A character neither font has stays with the main font, which
 * draws it as its "missing" box and still maps it to the character for text extraction (see wrapPdfFont).
 */
export function splitForFallback(fonts: PdfFonts, runs: Run[]): Run[] {
  if (runs.every((run) => MAIN_FONT_ONLY.test(run.text))) return runs;
  const out: Run[] = [];
  for (const run of runs) {
    if (MAIN_FONT_ONLY.test(run.text) || !fonts.fallback) {
      out.push(run);
      continue;
    }
    const main = run.bold === true ? fonts.bold : fonts.regular;
    const other = run.bold === true ? fonts.fallback.bold : fonts.fallback.regular;
    let text = '';
    let inFallback = false;
    for (const char of run.text) {
      const codePoint = char.codePointAt(0)!;
      const wantsFallback: boolean = SPACE.test(char)
        ? inFallback
        : !main.hasGlyphForCodePoint(codePoint) && other.hasGlyphForCodePoint(codePoint);
      if (wantsFallback !== inFallback && text.length > 0) {
        out.push(inFallback ? { ...run, text, fallback: true } : { ...run, text });
        text = '';
      }
      inFallback = wantsFallback;
      text += char;
    }
    if (text.length > 0) out.push(inFallback ? { ...run, text, fallback: true } : { ...run, text });
  }
  return out;
}

const WHITESPACE = /(\s+)/;
const ANY_WHITESPACE = /\s/g;

/**
 * Breaks runs into lines that fit `width`: greedy, at spaces, and inside a word only when the word alone is
 * wider than the line (long URLs). Spaces at a line break are dropped; other whitespace becomes spaces.
 */
export function breakLines(fonts: PdfFonts, runs: Run[], size: number, width: number): Piece[][] {
  const measure = (run: Run, text: string) => (wordEntry(fontOfRun(fonts, run), text).width * size) / 1000;
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  let spaces: Piece[] = [];
  let gap = 0;
  const newLine = () => {
    lines.push(line);
    line = [];
    used = 0;
    spaces = [];
    gap = 0;
  };
  for (const run of runs) {
    const font = fontOfRun(fonts, run);
    let spaceWidth: number | undefined;
    // Split with one capturing group: words at even indexes, the whitespace between them at odd ones.
    const parts = run.text.split(WHITESPACE);
    for (let index = 0; index < parts.length; index += 1) {
      const part = parts[index]!;
      if (part.length === 0) continue;
      if (index % 2 === 1) {
        if (line.length > 0) {
          spaceWidth ??= measure(run, ' ');
          const piece: Piece = {
            text: part === ' ' ? ' ' : part.replace(ANY_WHITESPACE, ' '),
            entry: null,
            run,
            width: spaceWidth * part.length,
            space: true,
          };
          spaces.push(piece);
          gap += piece.width;
        }
        continue;
      }
      const entry = wordEntry(font, part);
      const wordWidth = (entry.width * size) / 1000;
      if (line.length > 0 && used + gap + wordWidth > width) newLine();
      if (line.length > 0) {
        for (const space of spaces) line.push(space);
        used += gap;
      }
      spaces = [];
      gap = 0;
      if (wordWidth <= width - used) {
        line.push({ text: part, entry, run, width: wordWidth, space: false });
        used += wordWidth;
        continue;
      }
      // A word wider than the whole line: as many characters as fit on each line.
      let rest = [...part];
      while (rest.length > 0) {
        let take = rest.length;
        while (take > 1 && measure(run, rest.slice(0, take).join('')) > width - used) take -= 1;
        const text = rest.slice(0, take).join('');
        const w = measure(run, text);
        line.push({ text, entry: null, run, width: w, space: false });
        used += w;
        rest = rest.slice(take);
        if (rest.length > 0) newLine();
      }
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
