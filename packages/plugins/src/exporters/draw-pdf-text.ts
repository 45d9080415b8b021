/**
 * Text drawing for the PDF renderer, writing the same content-stream operators pdfkit's `text()` writes for an
 * unwrapped, left-aligned piece of text, with less work per piece: a CV draws a hundred or so pieces, and
 * pdfkit's general path (every text option checked, each operator a separate write, the text laid out, then
 * the glyph ids copied into new arrays word by word) was most of the time a PDF took.
 */

interface LaidOutGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

interface GlyphPosition {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  /** Set by pdfkit (scaled to 1/1000 of the font size) when it lays a word out. */
  advanceWidth: number;
}

interface GlyphRun {
  glyphs: LaidOutGlyph[];
  positions: GlyphPosition[];
}

/** The parts of pdfkit's embedded (TrueType) font that text drawing reads and updates. */
interface EmbeddedFont {
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

interface TextOptions {
  link: string | null;
  underline: boolean;
  textWidth: number;
  wordCount: number;
}

interface DocumentInternals {
  _font: EmbeddedFont | null;
  _fontSize: number;
  _fillColor?: unknown[];
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
  text(text: string, x: number, y: number, options: Record<string, unknown>): unknown;
  _fragment?(text: string, x: number, y: number, options: TextOptions): void;
  _normalizeColor(color: string): number[] | null;
  fillColor(color: string): unknown;
  link(x: number, y: number, w: number, h: number, url: string, options: Record<string, unknown>): unknown;
  save(): unknown;
  restore(): unknown;
  strokeColor(...color: unknown[]): unknown;
  lineWidth(width: number): unknown;
  moveTo(x: number, y: number): unknown;
  lineTo(x: number, y: number): unknown;
  stroke(): unknown;
}

/** How pdfkit prints a number in content streams (`PDFObject.number`). */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

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
 * The `TJ` operand of `text`: glyph indexes in the document's subset, cut after every glyph whose advance
 * differs from its width (kerning), with the difference, as pdfkit writes it. Words (up to and including a
 * space or tab) are laid out one at a time through pdfkit's word cache, as pdfkit does. Returns null when a
 * glyph is shifted off the baseline or sideways (marks placed by the font), which pdfkit draws with extra
 * text-matrix moves; the caller leaves those pieces to pdfkit.
 */
function encodeText(font: EmbeddedFont, text: string): string | null {
  const commands: string[] = [];
  let hex = '';
  let last = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const char = text.charCodeAt(index);
    // 32 is a space, 9 a tab; past the end, the rest of the text is the last word.
    if (index < text.length ? char !== 32 && char !== 9 : last >= index) continue;
    const run = font.layoutCached(text.slice(last, index + 1));
    last = index + 1;
    const { glyphs, positions } = run;
    for (let i = 0; i < glyphs.length; i += 1) {
      const glyph = glyphs[i]!;
      const position = positions[i]!;
      if (position.xOffset || position.yOffset) return null;
      const gid = font.subset.includeGlyph(glyph.id);
      if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
      if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
      hex += hexOf(gid);
      const kerning = position.xAdvance - position.advanceWidth;
      if (kerning !== 0) {
        commands.push(`<${hex}> ${num(-kerning)}`);
        hex = '';
      }
    }
  }
  // The last segment ends on an unkerned glyph: pdfkit writes its (zero) adjustment too.
  if (hex) commands.push(`<${hex}> 0`);
  return commands.length > 0 ? `[${commands.join(' ')}] TJ` : '';
}

/**
 * Draws one unwrapped piece of text whose width is already known at (`x`, `y`) in the current font, size and
 * fill colour; `link` makes it an underlined link annotation. The output is what pdfkit's `text()` writes for
 * it (`lineBreak: false`, left aligned, default baseline). Anything this path does not cover goes to pdfkit.
 */
export function drawPdfText(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  link: string | null,
): void {
  const pdf = doc as unknown as DocumentInternals;
  const font = pdf._font;
  const options: TextOptions = { link, underline: link !== null, textWidth: width, wordCount: 1 };
  if (!font || typeof font.layoutCached !== 'function' || text.includes('\n')) {
    fallback(pdf, text, x, y, options);
    return;
  }
  if (text.length === 0) return;
  const tj = encodeText(font, text);
  if (tj === null) {
    fallback(pdf, text, x, y, options);
    return;
  }
  const size = pdf._fontSize;
  if (link !== null) {
    // As pdfkit: the annotation, then an underline in the fill colour.
    pdf.link(x, y, width, font.lineHeight(size), link, {});
    pdf.save();
    pdf.strokeColor(...(pdf._fillColor ?? []));
    const lineWidth = size < 10 ? 0.5 : Math.floor(size / 10);
    pdf.lineWidth(lineWidth);
    const lineY = y + font.lineHeight(size) - lineWidth;
    pdf.moveTo(x, lineY);
    pdf.lineTo(x + width, lineY);
    pdf.stroke();
    pdf.restore();
  }
  const page = pdf.page;
  if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
  const baseline = page.height - y - (font.ascender / 1000) * size;
  // pdfkit saves the state and flips the y axis back around each piece; the matrix it tracks is restored
  // with the state, so only the operators are written here.
  pdf.addContent(
    `q\n1 0 0 -1 0 ${num(page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n${tj ? `${tj}\n` : ''}ET\nQ`,
  );
}

function fallback(pdf: DocumentInternals, text: string, x: number, y: number, options: TextOptions): void {
  if (typeof pdf._fragment === 'function') {
    pdf._fragment(text, x, y, options);
    return;
  }
  pdf.text(text, x, y, { lineBreak: false, link: options.link, underline: options.underline });
}

/** The fill-colour operators of each `#rrggbb` colour, as pdfkit writes them. */
const fillOperators = new Map<string, string>();

/** Sets the fill colour as pdfkit's `fillColor(color)` does (same operators, same remembered colour). */
export function setPdfFillColor(doc: PDFKit.PDFDocument, color: string): void {
  const pdf = doc as unknown as DocumentInternals;
  let operators = fillOperators.get(color);
  if (operators === undefined) {
    const components = /^#[0-9a-f]{6}$/i.test(color) ? pdf._normalizeColor(color) : null;
    if (!components) {
      pdf.fillColor(color);
      return;
    }
    operators = `/DeviceRGB cs\n${components.join(' ')} scn`;
    fillOperators.set(color, operators);
  }
  pdf.addContent(operators);
  pdf._fillColor = [color, undefined];
}
