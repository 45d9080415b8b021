/**
 * Text drawing for the PDF renderer, writing the same content-stream operators pdfkit's `text()` writes for an
 * unwrapped, left-aligned piece of text, with less work per piece: a CV draws a hundred or so pieces, and
 * pdfkit's general path (every text option checked, each operator a separate write, the text laid out, then
 * the glyph ids copied into new arrays word by word) was most of the time a PDF took.
 */

import {
  type EmbeddedFont,
  encodeRuns,
  layOutText,
  layOutWords,
  num,
  type PdfWord,
} from './encode-pdf-text.js';

export type { PdfWord, WordEntry } from './encode-pdf-text.js';

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

/** The document's internals, its current font and the text options both drawing paths write with. */
function startText(doc: PDFKit.PDFDocument, width: number, link: string | null) {
  const pdf = doc as unknown as DocumentInternals;
  const options: TextOptions = { link, underline: link !== null, textWidth: width, wordCount: 1 };
  return { pdf, font: pdf._font, options };
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
  const { pdf, font, options } = startText(doc, width, link);
  if (!font || typeof font.layoutCached !== 'function' || text.includes('\n')) {
    fallback(pdf, text, x, y, options);
    return;
  }
  if (text.length === 0) return;
  const tj = encodeRuns(font, layOutText(font, text));
  if (tj === null) fallback(pdf, text, x, y, options);
  else writeText(pdf, font, tj, x, y, options);
}

/**
 * `drawPdfText` for text already cut into words and runs of spaces (`words`, joined, are the text): the same
 * output, without cutting and looking the words up again.
 */
export function drawPdfWords(
  doc: PDFKit.PDFDocument,
  words: readonly PdfWord[],
  x: number,
  y: number,
  width: number,
  link: string | null,
): void {
  const { pdf, font, options } = startText(doc, width, link);
  const runs = font && typeof font.layoutCached === 'function' ? layOutWords(font, words) : null;
  const tj = font && runs ? encodeRuns(font, runs) : null;
  if (!font || tj === null) {
    fallback(pdf, words.map((word) => word.text).join(''), x, y, options);
    return;
  }
  if (tj !== '') writeText(pdf, font, tj, x, y, options);
}

/** The operators of one piece whose `TJ` is known, after its link annotation and underline if any. */
function writeText(
  pdf: DocumentInternals,
  font: EmbeddedFont,
  tj: string,
  x: number,
  y: number,
  options: TextOptions,
): void {
  const { link, textWidth: width } = options;
  const size = pdf._fontSize;
  let underline = '';
  if (link !== null) {
    // As pdfkit: the annotation, then an underline in the fill colour, inside its own saved state.
    pdf.link(x, y, width, font.lineHeight(size), link, {});
    const lineWidth = size < 10 ? 0.5 : Math.floor(size / 10);
    const lineY = y + font.lineHeight(size) - lineWidth;
    const stroke = strokeOperators(pdf);
    if (stroke !== null) {
      underline = `q\n${stroke}\n${num(lineWidth)} w\n${num(x)} ${num(lineY)} m\n${num(x + width)} ${num(lineY)} l\nS\nQ\n`;
    } else {
      pdf.save();
      pdf.strokeColor(...(pdf._fillColor ?? []));
      pdf.lineWidth(lineWidth);
      pdf.moveTo(x, lineY);
      pdf.lineTo(x + width, lineY);
      pdf.stroke();
      pdf.restore();
    }
  }
  const page = pdf.page;
  if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
  const baseline = page.height - y - (font.ascender / 1000) * size;
  // pdfkit saves the state and flips the y axis back around each piece; the matrix it tracks is restored
  // with the state, so only the operators are written here.
  pdf.addContent(
    `${underline}q\n1 0 0 -1 0 ${num(page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n${tj ? `${tj}\n` : ''}ET\nQ`,
  );
}

function fallback(pdf: DocumentInternals, text: string, x: number, y: number, options: TextOptions): void {
  if (typeof pdf._fragment === 'function') {
    pdf._fragment(text, x, y, options);
    return;
  }
  pdf.text(text, x, y, { lineBreak: false, link: options.link, underline: options.underline });
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** The components of each `#rrggbb` colour, as pdfkit prints them (`0.1 0.2 0.3`). */
const colorComponents = new Map<string, string>();

function componentsOf(pdf: DocumentInternals, color: string): string | null {
  let components = colorComponents.get(color);
  if (components === undefined) {
    const normalized = HEX_COLOR.test(color) ? pdf._normalizeColor(color) : null;
    if (!normalized) return null;
    components = normalized.join(' ');
    colorComponents.set(color, components);
  }
  return components;
}

/**
 * The operators pdfkit's `strokeColor(...doc._fillColor)` writes when the fill colour was set by
 * `setPdfFillColor`, or null for anything else (then pdfkit writes them itself).
 */
function strokeOperators(pdf: DocumentInternals): string | null {
  const fill = pdf._fillColor;
  if (fill?.length !== 2 || typeof fill[0] !== 'string' || fill[1] !== undefined) return null;
  const components = componentsOf(pdf, fill[0]);
  return components === null ? null : `/DeviceRGB CS\n${components} SCN`;
}

/** Sets the fill colour as pdfkit's `fillColor(color)` does (same operators, same remembered colour). */
export function setPdfFillColor(doc: PDFKit.PDFDocument, color: string): void {
  const pdf = doc as unknown as DocumentInternals;
  const components = componentsOf(pdf, color);
  if (components === null) {
    pdf.fillColor(color);
    return;
  }
  pdf.addContent(`/DeviceRGB cs\n${components} scn`);
  pdf._fillColor = [color, undefined];
}
