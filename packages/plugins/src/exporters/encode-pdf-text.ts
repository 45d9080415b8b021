/**
 * Glyph encoding for the PDF renderer's text: the `TJ` operand pdfkit's `text()` writes for a piece of text,
 * built from words laid out once per process (through pdfkit's shared word cache) instead of laid out, copied
 * and formatted again for every piece of every document.
 */

export interface LaidOutGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

export interface GlyphPosition {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  /** Set by pdfkit (scaled to 1/1000 of the font size) when it lays a word out. */
  advanceWidth: number;
}

export interface GlyphRun {
  glyphs: LaidOutGlyph[];
  positions: GlyphPosition[];
}

/** The parts of pdfkit's embedded (TrueType) font that text drawing reads and updates. */
export interface EmbeddedFont {
  id: string;
  ascender: number;
  scale: number;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  subset: { includeGlyph(glyph: number): number };
  layoutCached(text: string): GlyphRun;
  lineHeight(size: number, includeGap?: boolean): number;
  ref(): unknown;
}

/** How pdfkit prints a number in content streams (`PDFObject.number`). */
export const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Four hex digits per glyph index, as pdfkit writes them; filled as indexes occur. */
const HEX: string[] = [];
const hexOf = (gid: number): string => {
  let hex = HEX[gid];
  if (hex === undefined) {
    hex = `0000${gid.toString(16)}`.slice(-4);
    HEX[gid] = hex;
  }
  return hex;
};

/**
 * A word as pdfkit lays it out (up to and including one space or tab), in the form drawing needs: fontkit
 * glyph ids and, after each glyph whose advance differs from its width (kerning), the `TJ` adjustment as
 * pdfkit prints it. Built once per laid-out word of pdfkit's shared word cache; `shifted` when a glyph is
 * moved off its place (marks positioned by the font), which pdfkit draws with extra text-matrix moves.
 */
interface EncodedRun {
  glyphs: LaidOutGlyph[];
  ids: number[];
  /** Where each segment ends (exclusive glyph index): after a kerned glyph, and at the end of the word. */
  segmentEnds: number[];
  /** The adjustment written after each segment (` -12.5`), or null when it continues into the next word. */
  segmentAdjustments: (string | null)[];
  shifted: boolean;
  /** The hex of each segment in the document whose glyph table is `hexesOf` (the last one to draw it). */
  hexesOf?: Map<number, string>;
  hexes?: string[];
}

/** What is known about a word of a font across documents (see `break-pdf-lines.ts`). */
export interface WordEntry {
  /** Width in font units (1/unitsPerEm of the size). */
  width: number;
  /** The word laid out alone, and followed by a space. */
  bare?: EncodedRun;
  spaced?: EncodedRun;
}

/** A word (no whitespace) or a run of spaces, with the word's entry when the caller has it. */
export interface PdfWord {
  text: string;
  entry: WordEntry | null;
}

const encodedRuns = new WeakMap<GlyphRun, EncodedRun>();

function encodeRun(run: GlyphRun): EncodedRun {
  let encoded = encodedRuns.get(run);
  if (encoded) return encoded;
  const { glyphs, positions } = run;
  const ids: number[] = [];
  const segmentEnds: number[] = [];
  const segmentAdjustments: (string | null)[] = [];
  let shifted = false;
  for (let i = 0; i < glyphs.length; i += 1) {
    const position = positions[i]!;
    if (position.xOffset || position.yOffset) shifted = true;
    ids.push(glyphs[i]!.id);
    const kerning = position.xAdvance - position.advanceWidth;
    if (kerning !== 0) {
      segmentEnds.push(i + 1);
      segmentAdjustments.push(` ${num(-kerning)}`);
    }
  }
  if (segmentEnds.at(-1) !== glyphs.length) {
    segmentEnds.push(glyphs.length);
    segmentAdjustments.push(null);
  }
  encoded = { glyphs, ids, segmentEnds, segmentAdjustments, shifted };
  encodedRuns.set(run, encoded);
  return encoded;
}

/** Per document and font: the hex form of each fontkit glyph id already put into the document's subset. */
const subsetHex = new WeakMap<EmbeddedFont, Map<number, string>>();

/**
 * The `TJ` operator for words laid out one after another: glyph indexes in the document's subset, cut after
 * every kerned glyph with its adjustment, exactly as pdfkit writes them. Each glyph goes into the subset (with
 * its width and ToUnicode entry) the first time the document uses it, as pdfkit's `encode` does. Null when a
 * word has shifted glyphs: the caller leaves those pieces to pdfkit.
 */
export function encodeRuns(font: EmbeddedFont, runs: EncodedRun[]): string | null {
  for (const run of runs) if (run.shifted) return null;
  let hexes = subsetHex.get(font);
  if (!hexes) {
    hexes = new Map();
    subsetHex.set(font, hexes);
  }
  const commands: string[] = [];
  let hex = '';
  for (const run of runs) {
    // A word drawn again in the same document has the same glyph indexes: its hex is kept on the word.
    const segments = run.hexesOf === hexes && run.hexes ? run.hexes : hexSegments(font, hexes, run);
    const adjustments = run.segmentAdjustments;
    for (let k = 0; k < segments.length; k += 1) {
      hex += segments[k];
      const adjustment = adjustments[k];
      if (adjustment != null) {
        commands.push(`<${hex}>${adjustment}`);
        hex = '';
      }
    }
  }
  // The last segment ends on an unkerned glyph: pdfkit writes its (zero) adjustment too.
  if (hex) commands.push(`<${hex}> 0`);
  return commands.length > 0 ? `[${commands.join(' ')}] TJ` : '';
}

/** The hex of each segment of `run` in this document, putting its glyphs into the subset as pdfkit would. */
function hexSegments(font: EmbeddedFont, hexes: Map<number, string>, run: EncodedRun): string[] {
  const { ids, glyphs, segmentEnds } = run;
  const segments: string[] = [];
  let i = 0;
  for (const end of segmentEnds) {
    let hex = '';
    for (; i < end; i += 1) {
      const id = ids[i]!;
      let glyphHex = hexes.get(id);
      if (glyphHex === undefined) {
        const glyph = glyphs[i]!;
        const gid = font.subset.includeGlyph(id);
        if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
        if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
        glyphHex = hexOf(gid);
        hexes.set(id, glyphHex);
      }
      hex += glyphHex;
    }
    segments.push(hex);
  }
  run.hexesOf = hexes;
  run.hexes = segments;
  return segments;
}

/** `text` cut as pdfkit's `layout` cuts it: after every space or tab, each part laid out through the cache. */
export function layOutText(font: EmbeddedFont, text: string): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let last = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const char = text.charCodeAt(index);
    // 32 is a space, 9 a tab; past the end, the rest of the text is the last part.
    if (index < text.length ? char !== 32 && char !== 9 : last >= index) continue;
    runs.push(encodeRun(font.layoutCached(text.slice(last, index + 1))));
    last = index + 1;
  }
  return runs;
}

/**
 * The same parts for words and runs of spaces: a word followed by spaces is laid out with the first of them,
 * each further space alone, as pdfkit would cut their joined text. Words known to the caller's cache keep
 * their laid-out forms there, so a word is looked up once per document, not once per step.
 */
export function layOutWords(font: EmbeddedFont, words: readonly PdfWord[]): EncodedRun[] | null {
  const runs: EncodedRun[] = [];
  let pending = '';
  let pendingEntry: WordEntry | null = null;
  const flushWord = (spaced: boolean) => {
    if (pendingEntry) {
      const entry = pendingEntry;
      if (spaced) {
        entry.spaced ??= encodeRun(font.layoutCached(`${pending} `));
        runs.push(entry.spaced);
      } else {
        entry.bare ??= encodeRun(font.layoutCached(pending));
        runs.push(entry.bare);
      }
    } else if (pending) {
      runs.push(encodeRun(font.layoutCached(spaced ? `${pending} ` : pending)));
    }
    pending = '';
    pendingEntry = null;
  };
  for (const word of words) {
    const { text } = word;
    if (text.charCodeAt(0) !== 32) {
      // Only spaces, tabs and newlines mean something to pdfkit's layout; a word has none of them.
      if (text.includes(' ') || text.includes('\t') || text.includes('\n')) return null;
      // Two words with nothing between them are one word to pdfkit.
      pendingEntry = pending ? null : word.entry;
      pending += text;
      continue;
    }
    if (text.length > 1 && !ONLY_SPACES.test(text)) return null;
    let spaces = text.length;
    if (pending) {
      flushWord(true);
      spaces -= 1;
    }
    for (; spaces > 0; spaces -= 1) runs.push(encodeRun(font.layoutCached(' ')));
  }
  flushWord(false);
  return runs;
}

const ONLY_SPACES = /^ +$/;
