import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { buildSampleCv, buildSampleLetter } from '../test-support/sample-content.js';
import { breakLines, type Run } from './break-pdf-lines.js';
import { createPdfDocument } from './create-pdf-document.js';
import { drawPdfText, drawPdfWords, setPdfFillColor } from './draw-pdf-text.js';
import { loadPdfFonts, type PdfFonts } from './load-pdf-fonts.js';
import { prepareExportView } from './prepare-export-view.js';
import { renderPdf } from './render-pdf.js';
import { type FontkitFont, wrapPdfFont } from './wrap-pdf-font.js';

const require = createRequire(import.meta.url);

/** Pieces that exercise every branch pdfkit takes: kerning, marks placed by the font, missing glyphs, tabs. */
const PIECES: { text: string; link: string | null; bold?: boolean; size?: number }[] = [
  { text: 'AVATAR Type, Wave, To: 7.4 “quoted”', link: null, size: 19 },
  { text: 'Zoë 李 Okafor 🚀 rocket', link: null, bold: true },
  { text: 'Cafe\u0301 e\u0301le\u0300ve na\u0308ive', link: null },
  { text: 'efficient workflow office', link: null, size: 9.2 },
  { text: 'tab\tseparated  double  spaces ', link: null },
  { text: '  leading spaces', link: null },
  { text: 'zoe.li@example.com', link: 'mailto:zoe.li@example.com', size: 9.2 },
  { text: 'Ledger batching PR', link: 'https://github.com/northwind-example/ledger/pull/118', size: 12 },
  { text: 'Ελληνικά Русский עברית', link: null },
];

const REGULAR = 'regular';
const BOLD = 'bold';

function openDocument(fonts: PdfFonts, compress: boolean) {
  const options = { compress, info: { CreationDate: new Date(0) }, font: null as unknown as string };
  const doc = createPdfDocument(options);
  doc.registerFont(REGULAR, fonts.regular as unknown as Buffer);
  doc.registerFont(BOLD, fonts.bold as unknown as Buffer);
  return doc;
}

/** Draws every piece on its own line, either through pdfkit's `text()` or through `draw`. */
function drawAll(
  doc: PDFKit.PDFDocument,
  draw: ((text: string, x: number, y: number, width: number, link: string | null) => void) | null,
): void {
  PIECES.forEach((piece, i) => {
    doc.font(piece.bold ? BOLD : REGULAR).fontSize(piece.size ?? 9.8);
    setPdfFillColor(doc, piece.link ? '#1a4f9c' : '#1a1a1a');
    const y = 60 + i * 24;
    if (draw) draw(piece.text, 54, y, doc.widthOfString(piece.text), piece.link);
    else doc.text(piece.text, 54, y, { lineBreak: false, link: piece.link, underline: piece.link !== null });
  });
}

describe('drawPdfText', () => {
  it("writes exactly what pdfkit's text() writes for the same pieces", () => {
    const fonts = loadPdfFonts();
    const viaPdfkit = openDocument(fonts, false);
    drawAll(viaPdfkit, null);
    viaPdfkit.end();
    const direct = openDocument(fonts, false);
    drawAll(direct, (text, x, y, width, link) => drawPdfText(direct, text, x, y, width, link));
    direct.end();
    const expected = Buffer.from(viaPdfkit.bytes());
    expect(expected.includes('/Annots')).toBe(true);
    expect(Buffer.from(direct.bytes()).equals(expected)).toBe(true);
  });

  it('draws words from the line breaker exactly as the joined text', () => {
    const fonts = loadPdfFonts();
    const runs: Run[] = PIECES.map((piece) => ({ text: `${piece.text} `, bold: piece.bold === true }));
    // Runs that meet inside a word ("TypeWave"): one word to pdfkit, laid out as a whole.
    runs.push({ text: 'Type' }, { text: 'Wave AV' }, { text: 'AT.' });
    const draw = (doc: PDFKit.PDFDocument, words: boolean) => {
      breakLines(fonts, runs, 9.8, 300).forEach((line, i) => {
        let x = 54;
        for (const piece of line) {
          doc.font(piece.run.bold ? BOLD : REGULAR).fontSize(9.8);
          if (words) drawPdfWords(doc, [piece], x, 60 + i * 14, piece.width, null);
          else drawPdfText(doc, piece.text, x, 60 + i * 14, piece.width, null);
          x += piece.width;
        }
        doc.font(REGULAR);
        const width = line.reduce((sum, piece) => sum + piece.width, 0);
        // Whole lines too, words of both fonts mixed: a run boundary is a pdfkit word boundary only at spaces.
        if (line.every((piece) => piece.run.bold !== true)) {
          const text = line.map((piece) => piece.text).join('');
          if (words) drawPdfWords(doc, line, 54, 400 + i * 14, width, null);
          else drawPdfText(doc, text, 54, 400 + i * 14, width, null);
        }
      });
    };
    const byText = openDocument(fonts, false);
    draw(byText, false);
    byText.end();
    const byWords = openDocument(fonts, false);
    draw(byWords, true);
    // The second document finds every word's glyphs already kept from the first.
    const again = openDocument(fonts, false);
    draw(again, true);
    byWords.end();
    again.end();
    const expected = Buffer.from(byText.bytes());
    expect(Buffer.from(byWords.bytes()).equals(expected)).toBe(true);
    expect(Buffer.from(again.bytes()).equals(expected)).toBe(true);
  });
});

describe('createPdfDocument', () => {
  it("collects the same file pdfkit's stream would emit", async () => {
    const fonts = loadPdfFonts();
    const plain = new PDFDocument({
      compress: false,
      info: { CreationDate: new Date(0) },
      font: null as unknown as string,
    });
    const chunks: Uint8Array[] = [];
    plain.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    const ended = new Promise((resolve) => plain.on('end', resolve));
    const collected = openDocument(fonts, false);
    for (const doc of [plain, collected]) {
      doc.registerFont(REGULAR, fonts.regular as unknown as Buffer);
      doc.registerFont(BOLD, fonts.bold as unknown as Buffer);
      drawAll(doc, null);
      doc.addPage();
      drawAll(doc, null);
      doc.end();
    }
    await ended;
    const expected = Buffer.concat(chunks);
    expect(Buffer.from(collected.bytes()).equals(expected)).toBe(true);
  });

  it('refuses to hand out bytes before the document has ended', () => {
    const doc = openDocument(loadPdfFonts(), true);
    expect(() => doc.bytes()).toThrow(/before the document ended/);
  });
});

describe('renderPdf caches', () => {
  it('gives the same bytes for the first document of a process and for later ones', async () => {
    // Fonts of their own: every per-font cache (words, subsets, ToUnicode maps) starts empty. (The fallback font,
    // which draws the sample's Chinese character, has no caches of that kind and is shared.)
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
      create(buffer: Uint8Array): FontkitFont;
    };
    const load = (file: string) =>
      wrapPdfFont(fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))));
    const fonts: PdfFonts = {
      regular: load('DejaVuSans.ttf'),
      bold: load('DejaVuSans-Bold.ttf'),
      fallback: loadPdfFonts().fallback,
    };
    for (const content of [buildSampleCv(), buildSampleLetter()]) {
      const view = prepareExportView(content, { evidenceFootnotes: true });
      const options = { pageSize: 'A4' as const, evidenceFootnotes: true };
      const first = Buffer.from(await renderPdf(view, fonts, options));
      const second = Buffer.from(await renderPdf(view, fonts, options));
      expect(second.equals(first)).toBe(true);
      expect(Buffer.from(await renderPdf(view, loadPdfFonts(), options)).equals(first)).toBe(true);
    }
  });
});
