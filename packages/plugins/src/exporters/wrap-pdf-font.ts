/**
 * The part of a fontkit font that pdfkit and this wrapper use. pdfkit accepts any object with `layout` as a
 * font (`PDFFontFactory.open`), which is what lets one parsed font serve every document.
 */
export interface FontkitFont {
  numGlyphs: number;
  unitsPerEm: number;
  layout(text: string, features?: unknown, ...rest: unknown[]): FontkitGlyphRun;
  createSubset(): FontkitSubset;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): FontkitGlyph;
  getGlyph(id: number): FontkitGlyph;
}

interface FontkitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

interface FontkitPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface FontkitGlyphRun {
  glyphs: FontkitGlyph[];
  positions: FontkitPosition[];
  readonly advanceWidth: number;
}

interface FontkitSubset {
  glyphs: number[];
  mapping: Record<number, number>;
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
}

const SUBSET_CACHE_SIZE = 64;

/**
 * Encoded subsets handed out by the cache below, with their deflated form once a document has made it. pdfkit
 * deflates every stream it writes; a font file is the largest stream of a CV and its bytes repeat between
 * documents, so the document's streams (create-pdf-document.ts) write the kept deflated bytes instead.
 */
export const deflatedSubsets = new WeakMap<Uint8Array, Uint8Array | null>();

const NO_LIGATURES = { liga: false, clig: false, dlig: false, hlig: false };

function withoutLigatures(features: unknown): Record<string, boolean> {
  // pdfkit merges its defaults into the object it is given, so every call gets a fresh one.
  const base: Record<string, boolean> = {};
  if (Array.isArray(features)) for (const tag of features) base[String(tag)] = true;
  else if (features && typeof features === 'object') Object.assign(base, features);
  return { ...base, ...NO_LIGATURES };
}

function toRun(glyphs: FontkitGlyph[], positions: FontkitPosition[]): FontkitGlyphRun {
  let total: number | undefined;
  return {
    glyphs,
    positions,
    // pdfkit scales the positions in place and only then reads the total, as it does on fontkit's GlyphRun;
    // it reads it again for every use of a cached word, so the sum is kept once made.
    get advanceWidth() {
      total ??= positions.reduce((sum, position) => sum + position.xAdvance, 0);
      return total;
    },
  };
}

/**
 * Runs fontkit's subset encoder without letting it leave glyphs behind in the font's glyph cache. Encoding
 * a composite glyph ("É", Greek "Ε") loads its components ("E") through that cache with no characters, and
 * fontkit then hands out that same glyph, still without characters, whenever the component's own character
 * is laid out later in the process: pdfkit would map it to nothing in every later document's ToUnicode map,
 * and the letter would vanish from extracted text. The glyphs the encoder added are dropped again; they are
 * made afresh, with their characters, when text needs them.
 */
function encodeKeepingGlyphs(font: FontkitFont, encode: () => Uint8Array): Uint8Array {
  const cache = (font as unknown as { _glyphs?: Record<string, unknown> })._glyphs;
  if (!cache || typeof cache !== 'object') return encode();
  const known = new Set(Object.keys(cache));
  try {
    return encode();
  } finally {
    for (const id of Object.keys(cache)) if (!known.has(id)) delete cache[id];
  }
}

/**
 * Wraps a fontkit font for pdfkit so that
 * - ligatures are never formed: ATS parsers that read glyph names instead of the ToUnicode map turn an "fi"
 *   glyph into U+FB01 and lose the word "efficient" (passing `features: []` to pdfkit does not help: fontkit
 *   adds an array to its defaults; only an object with `liga: false` removes them);
 * - a character the font has no glyph for (李, an emoji in DejaVu Sans) still extracts as itself: fontkit maps
 *   every such character to glyph 0, which pdfkit's ToUnicode map pins to U+0000, so the text would be lost.
 *   Each distinct missing character gets its own copy of glyph 0 (the visible "missing" box) with its own
 *   ToUnicode entry. It still *looks* like a box; a fallback font would be needed to draw it.
 */
export function wrapPdfFont(font: FontkitFont): FontkitFont {
  const base = font.numGlyphs;
  const syntheticIds = new Map<string, number>();

  const syntheticGlyph = (codePoint: number): FontkitGlyph => {
    const key = String.fromCodePoint(codePoint);
    let id = syntheticIds.get(key);
    if (id === undefined) {
      id = base + syntheticIds.size;
      syntheticIds.set(key, id);
    }
    return { id, codePoints: [codePoint], advanceWidth: font.getGlyph(0).advanceWidth };
  };

  // Words are shaped once per process all the same: render-pdf shares pdfkit's word cache between documents.
  const layout = (text: string, features?: unknown, ...rest: unknown[]): FontkitGlyphRun =>
    shapeRun(text, features, rest);

  const shapeRun = (text: string, features: unknown, rest: unknown[]): FontkitGlyphRun => {
    const shape = (part: string) => font.layout(part, withoutLigatures(features), ...rest);
    const chars = [...text];
    if (chars.every((char) => font.hasGlyphForCodePoint(char.codePointAt(0)!))) return shape(text);
    // fontkit caches glyph 0 with the first character it stood for, so its codePoints cannot be trusted:
    // missing characters are cut out before shaping and given their own glyphs here.
    const glyphs: FontkitGlyph[] = [];
    const positions: FontkitPosition[] = [];
    let pending = '';
    const flush = () => {
      if (!pending) return;
      const run = shape(pending);
      glyphs.push(...run.glyphs);
      positions.push(...run.positions);
      pending = '';
    };
    for (const char of chars) {
      const codePoint = char.codePointAt(0)!;
      if (font.hasGlyphForCodePoint(codePoint)) {
        pending += char;
        continue;
      }
      flush();
      const glyph = syntheticGlyph(codePoint);
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    flush();
    return toRun(glyphs, positions);
  };

  // Rebuilding the embedded font subset is a large share of a PDF's cost, and CVs of one user reuse the same
  // glyphs in the same order: the encoded bytes are kept per glyph list (a small, oldest-out cache).
  const encoded = new Map<string, Uint8Array>();
  const createSubset = (): FontkitSubset => {
    const subset = font.createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      let bytes = encoded.get(key);
      if (!bytes) {
        bytes = encodeKeepingGlyphs(font, encode);
        deflatedSubsets.set(bytes, null);
        if (encoded.size >= SUBSET_CACHE_SIZE) encoded.delete(encoded.keys().next().value!);
        encoded.set(key, bytes);
      }
      return bytes;
    };
    const include = subset.includeGlyph.bind(subset);
    subset.includeGlyph = (glyph) => {
      const id = typeof glyph === 'object' ? glyph.id : glyph;
      if (id < base) return include(id);
      const known = subset.mapping[id];
      if (known !== undefined) return known;
      // Glyph 0 again, under a new index: the subset copies glyph outlines by index, so duplicates are fine.
      subset.glyphs.push(0);
      subset.mapping[id] = subset.glyphs.length - 1;
      return subset.mapping[id];
    };
    return subset;
  };

  return new Proxy(font, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      if (prop === 'createSubset') return createSubset;
      // Getters and methods run against the real font, whose private fields a proxy would not have.
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The characters nearly every CV and letter is written in: printable ASCII and the typographic punctuation the
 * generators and users write (dashes, curly quotes, bullet, ellipsis, euro). Accented letters are left out:
 * each document uses a few, and seeding all of them would double the font file.
 */
const COMMON_TEXT = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...'–—‘’“”•…€·',
].join('');

/** The part of pdfkit's embedded font that seeding fills in, as its `encode` would for glyphs it draws. */
export interface SeedableFont {
  subset?: { glyphs: number[]; includeGlyph(glyph: number): number };
  unicode?: number[][];
  widths?: number[];
  scale?: number;
}

interface GlyphSeed {
  ids: number[];
  codePoints: number[][];
  advances: number[];
}
const seeds = new WeakMap<FontkitFont, GlyphSeed>();

function glyphSeed(font: FontkitFont): GlyphSeed {
  let seed = seeds.get(font);
  if (seed) return seed;
  seed = { ids: [], codePoints: [], advances: [] };
  const seen = new Set<number>([0]);
  for (const char of COMMON_TEXT) {
    const codePoint = char.codePointAt(0)!;
    if (!font.hasGlyphForCodePoint(codePoint)) continue;
    const glyph = font.glyphForCodePoint(codePoint);
    if (seen.has(glyph.id)) continue;
    seen.add(glyph.id);
    seed.ids.push(glyph.id);
    seed.codePoints.push([codePoint]);
    seed.advances.push(glyph.advanceWidth);
  }
  seeds.set(font, seed);
  return seed;
}

/**
 * Starts a document's font subset with the glyphs of COMMON_TEXT, in a fixed order, before anything is drawn.
 * Subsetting in reading order gives every document its own glyph list (one user's name or one letter's words
 * change it), so the subset, its deflated bytes and its ToUnicode map were rebuilt for nearly every document;
 * a fixed start makes them the same for every document written in these characters, and the caches keyed by
 * glyph list (`createSubset` above, the ToUnicode cache in render-pdf) then serve them all. Characters outside
 * the set are added after it, as they are drawn. The cost is a larger font file (a few hundred glyphs instead of
 * the hundred or so a CV uses). Only a fresh subset (glyph 0 alone) is seeded.
 */
export function seedCommonGlyphs(opened: SeedableFont, font: FontkitFont): void {
  const { subset, unicode, widths, scale } = opened;
  if (!subset || !unicode || !widths || scale === undefined || subset.glyphs.length !== 1) return;
  const seed = glyphSeed(font);
  for (let i = 0; i < seed.ids.length; i++) {
    const gid = subset.includeGlyph(seed.ids[i]!);
    unicode[gid] ??= seed.codePoints[i]!;
    widths[gid] ??= seed.advances[i]! * scale;
  }
}
