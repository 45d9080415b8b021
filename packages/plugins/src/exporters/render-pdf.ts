import { advance, breakLines, forgetWords, type Run, splitForFallback } from './break-pdf-lines.js';
import { createPdfDocument } from './create-pdf-document.js';
import { drawPdfText, drawPdfWords, setPdfFillColor } from './draw-pdf-text.js';
import type { PdfFonts } from './load-pdf-fonts.js';
import { type ExportItem, type ExportLink, type ExportView, isSafeUrl } from './prepare-export-view.js';
import { deflatedSubsets, type FontkitFont, type SeedableFont, seedCommonGlyphs } from './wrap-pdf-font.js';

export interface RenderPdfOptions {
  pageSize: 'A4' | 'letter';
  evidenceFootnotes: boolean;
}

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const FALLBACK = 'NotoSansSC';
const FALLBACK_BOLD = 'NotoSansSC-Bold';
const COLOR = { text: '#1a1a1a', muted: '#505050', rule: '#9a9a9a', link: '#1a4f9c' };
const SIZE = { name: 19, headline: 11, heading: 12, title: 10.5, body: 9.8, meta: 9.2 };
const MARGIN = { top: 46, bottom: 46, left: 54, right: 54 };
const BULLET_INDENT = 13;
const LINE_GAP = 1.2;
const SEPARATOR = '  |  ';
// A fixed date when the content's own is unusable, so the file ID (a hash of the info dictionary) is stable.
const EPOCH = new Date(0);

type Doc = PDFKit.PDFDocument;

/**
 * Lays the view out as a single-column, selectable-text PDF. Everything that makes bytes differ between runs
 * is pinned: the creation date comes from the content (pdfkit hashes the info dictionary into the file ID),
 * font subsets start with a fixed set of common glyphs and grow in reading order, and no page numbers or timestamps
 * are drawn.
 */
export function renderPdf(view: ExportView, fonts: PdfFonts, options: RenderPdfOptions): Promise<Uint8Array> {
  const created = new Date(view.generatedAt);
  const doc = createPdfDocument({
    size: options.pageSize === 'letter' ? 'LETTER' : 'A4',
    margins: MARGIN,
    info: {
      Title: view.title,
      Author: view.name,
      Subject: view.kind === 'cv' ? 'Curriculum vitae' : 'Cover letter',
      Creator: 'Dossier',
      Producer: 'Dossier',
      CreationDate: Number.isNaN(created.getTime()) ? EPOCH : created,
    },
    displayTitle: true,
    lang: 'en',
    // No default font: pdfkit would parse Helvetica's metrics for every document, and none of it is drawn.
    font: null as unknown as string,
  });
  // pdfkit types list only paths and buffers, but it takes any fontkit font object (see wrapPdfFont).
  doc.registerFont(REGULAR, fonts.regular as unknown as Buffer);
  doc.registerFont(BOLD, fonts.bold as unknown as Buffer);
  fontsOf.set(doc, fonts);
  shareFontCaches(doc, BOLD, fonts.bold);
  shareFontCaches(doc, REGULAR, fonts.regular);

  writeHeader(doc, view);
  if (view.kind === 'cover-letter') writeLetter(doc, view);
  else for (const section of view.sections) writeSection(doc, section.heading, section.items, view.kind);
  if (options.evidenceFootnotes && view.footnotes.length > 0) writeFootnotes(doc, view);
  doc.end();
  return Promise.resolve(doc.bytes());
}

/**
 * Per-font caches that outlive one document:
 * - pdfkit keeps the shaped form of each word in a cache that belongs to one document, so every document shapes
 *   its words again. The cached runs are only read after they are made (positions are scaled once, before they
 *   are stored), so one cache per font serves every document; it is started afresh now and then to stay small.
 * - the ToUnicode map pdfkit writes for an embedded subset depends only on the subset's glyphs, which repeat
 *   between documents: its bytes are kept per glyph list and, like font files, written from their deflated form.
 */
const FONT_CACHE_DOCUMENTS = 200;
interface FontCaches {
  words: Record<string, unknown>;
  toUnicode: Map<string, Uint8Array>;
  documents: number;
}
const fontCaches = new WeakMap<object, FontCaches>();

interface StreamRef {
  end(chunk?: Uint8Array | string): void;
}

interface OpenedFont {
  layoutCache?: Record<string, unknown>;
  subset?: { glyphs: number[] };
  toUnicodeCmap?: () => StreamRef;
  document: { ref(data?: Record<string, unknown>): StreamRef };
}

function shareFontCaches(doc: Doc, name: string, font: FontkitFont): void {
  let shared = fontCaches.get(font);
  if (!shared || shared.documents >= FONT_CACHE_DOCUMENTS) {
    shared = { words: Object.create(null) as Record<string, unknown>, toUnicode: new Map(), documents: 0 };
    fontCaches.set(font, shared);
    // The line breaker's words hold laid-out runs of this cache: they start afresh with it.
    forgetWords(font);
  }
  shared.documents += 1;
  doc.font(name);
  const opened = (doc as unknown as { _font: OpenedFont })._font;
  seedCommonGlyphs(opened as SeedableFont, font);
  if (opened.layoutCache) opened.layoutCache = shared.words;
  const build = opened.toUnicodeCmap;
  if (typeof build !== 'function' || !opened.subset) return;
  const cache = shared.toUnicode;
  opened.toUnicodeCmap = function (this: OpenedFont) {
    const glyphs = this.subset!.glyphs;
    // A character the font lacks is drawn as another copy of glyph 0 (see wrapPdfFont): then the glyph list
    // no longer tells which characters the map names, so such a subset's map is not cached.
    if (glyphs.indexOf(0, 1) !== -1) return build.call(this);
    const key = glyphs.join(',');
    let bytes = cache.get(key);
    if (!bytes) {
      // Let pdfkit write it once, catching the text it ends the stream with.
      const ref = this.document.ref.bind(this.document);
      let text = '';
      this.document.ref = (data) => {
        const stream = ref(data);
        const end = stream.end.bind(stream);
        stream.end = (chunk) => {
          if (typeof chunk === 'string') text = chunk;
          end(chunk);
        };
        return stream;
      };
      try {
        const cmap = build.call(this);
        bytes = Buffer.from(`${text}\n`, 'latin1');
        deflatedSubsets.set(bytes, null);
        cache.set(key, bytes);
        return cmap;
      } finally {
        this.document.ref = ref;
      }
    }
    const cmap = this.document.ref();
    cmap.end(bytes);
    return cmap;
  };
}

const left = (doc: Doc) => doc.page.margins.left;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` more points fit, so headings and bullets are never orphaned. */
function keepSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** The fonts each document was opened with, for measuring. */
const fontsOf = new WeakMap<Doc, PdfFonts>();

/** The fill colour last set on each document, and on which page (a new page starts from the default). */
const fills = new WeakMap<Doc, { page: unknown; color: string }>();

/** Sets the fill colour unless it is already the current one on this page: one operator fewer per run. */
function fill(doc: Doc, color: string): void {
  const last = fills.get(doc);
  if (last && last.page === doc.page && last.color === color) return;
  setPdfFillColor(doc, color);
  fills.set(doc, { page: doc.page, color });
}

/**
 * Writes runs as one wrapped paragraph; linked runs become link annotations. Lines are broken here, from
 * widths cached across documents, and each line is drawn as unwrapped text: pdfkit's own wrapper measures every
 * word again for every document and was most of a CV's rendering time. Each stretch of a line in one style is
 * drawn from the words the breaker found (`drawPdfWords`), so a word is looked up once per document.
 */
const withFallback = new WeakSet<Doc>();

function writeRuns(doc: Doc, runs: Run[], size: number, x = left(doc), width = contentWidth(doc)): void {
  const fonts = fontsOf.get(doc);
  if (!fonts) throw new Error('renderPdf: document has no fonts');
  const visible = splitForFallback(
    fonts,
    runs.filter((run) => run.text.length > 0),
  );
  if (fonts.fallback && visible.some((run) => run.fallback) && !withFallback.has(doc)) {
    // Registered only for documents that use it: a registered font is embedded only once drawn, but this
    // keeps the fallback out of the usual path altogether.
    doc.registerFont(FALLBACK, fonts.fallback.regular as unknown as Buffer);
    doc.registerFont(FALLBACK_BOLD, fonts.fallback.bold as unknown as Buffer);
    withFallback.add(doc);
  }
  doc.font(REGULAR).fontSize(size);
  const lineHeight = doc.currentLineHeight(true) + LINE_GAP;
  for (const line of breakLines(fonts, visible, size, width)) {
    if (doc.y + doc.currentLineHeight(true) > bottom(doc)) doc.addPage();
    const y = doc.y;
    let cursor = x;
    let index = 0;
    while (index < line.length) {
      const run = line[index]!.run;
      const start = index;
      let runWidth = 0;
      while (index < line.length && line[index]!.run === run) {
        runWidth += line[index]!.width;
        index += 1;
      }
      const linked = run.url !== undefined && isSafeUrl(run.url);
      doc
        .font(run.fallback ? (run.bold ? FALLBACK_BOLD : FALLBACK) : run.bold ? BOLD : REGULAR)
        .fontSize(size);
      fill(doc, linked ? COLOR.link : (run.color ?? COLOR.text));
      const words = start === 0 && index === line.length ? line : line.slice(start, index);
      drawPdfWords(doc, words, cursor, y, runWidth, linked ? (run.url ?? null) : null);
      cursor += runWidth;
    }
    doc.y = y + lineHeight;
  }
  doc.font(REGULAR).fontSize(size);
  doc.x = left(doc);
}

function linkRuns(links: ExportLink[], footnotes: boolean): Run[] {
  const runs: Run[] = [];
  links.forEach((link, i) => {
    if (i > 0) runs.push({ text: SEPARATOR, color: COLOR.muted });
    runs.push({ text: link.label, url: link.url });
    if (footnotes && link.footnote !== null) runs.push({ text: ` [${link.footnote}]`, color: COLOR.muted });
  });
  return runs;
}

function writeHeader(doc: Doc, view: ExportView): void {
  writeRuns(doc, [{ text: view.name, bold: true }], SIZE.name);
  if (view.headline) {
    doc.moveDown(0.1);
    writeRuns(doc, [{ text: view.headline, color: COLOR.muted }], SIZE.headline);
  }
  const contact: Run[] = [];
  const push = (run: Run) => {
    if (contact.length > 0) contact.push({ text: SEPARATOR, color: COLOR.muted });
    contact.push(run);
  };
  if (view.email) push({ text: view.email, url: `mailto:${view.email}` });
  if (view.phone) push({ text: view.phone });
  if (view.location) push({ text: view.location });
  for (const link of view.profileLinks) push({ text: link.label || link.url, url: link.url });
  if (contact.length > 0) {
    doc.moveDown(0.2);
    writeRuns(doc, contact, SIZE.meta);
  }
  doc.moveDown(0.4);
}

function writeHeading(doc: Doc, heading: string): void {
  keepSpace(doc, 60);
  doc.moveDown(0.5);
  writeRuns(doc, [{ text: heading, bold: true }], SIZE.heading);
  const y = doc.y + 1;
  doc
    .moveTo(left(doc), y)
    .lineTo(left(doc) + contentWidth(doc), y)
    .lineWidth(0.6)
    .strokeColor(COLOR.rule)
    .stroke();
  doc.y = y + 4;
}

function writeSection(doc: Doc, heading: string, items: ExportItem[], kind: ExportView['kind']): void {
  if (heading) writeHeading(doc, heading);
  items.forEach((item, i) => {
    if (i > 0) doc.moveDown(0.35);
    writeItem(doc, item, kind);
  });
}

function writeItem(doc: Doc, item: ExportItem, kind: ExportView['kind']): void {
  if (item.isSkillGroup) {
    // "Languages: TypeScript, Python" on one line, like the skills block of a hand-written CV.
    const runs: Run[] = item.title ? [{ text: `${item.title}: `, bold: true }] : [];
    writeRuns(doc, [...runs, { text: item.skills.join(', ') }], SIZE.body);
    return;
  }
  if (item.title) {
    keepSpace(doc, 40);
    writeRuns(doc, [{ text: item.title, bold: true }], SIZE.title);
  }
  const meta = [item.subtitle, item.dates].filter((part): part is string => part !== null);
  if (meta.length > 0) writeRuns(doc, [{ text: meta.join(SEPARATOR), color: COLOR.muted }], SIZE.meta);
  if (item.text) {
    doc.moveDown(0.15);
    writeRuns(doc, [{ text: item.text }], SIZE.body);
  }
  for (const bullet of item.bullets) writeBullet(doc, bullet);
  if (item.skills.length > 0 && kind === 'cv') {
    writeRuns(doc, [{ text: `Stack: ${item.skills.join(', ')}`, color: COLOR.muted }], SIZE.meta);
  }
  if (item.links.length > 0) {
    writeRuns(
      doc,
      [{ text: 'Evidence: ', color: COLOR.muted }, ...linkRuns(item.links, item.links[0]!.footnote !== null)],
      SIZE.meta,
    );
  }
}

function writeBullet(doc: Doc, text: string): void {
  keepSpace(doc, 28);
  const y = doc.y + 1;
  doc.font(REGULAR).fontSize(SIZE.body);
  fill(doc, COLOR.text);
  const fonts = fontsOf.get(doc)!;
  drawPdfText(doc, '•', left(doc) + 3, y, (advance(fonts, false, '•') * SIZE.body) / 1000, null);
  doc.y = y;
  writeRuns(doc, [{ text }], SIZE.body, left(doc) + BULLET_INDENT, contentWidth(doc) - BULLET_INDENT);
}

function writeLetter(doc: Doc, view: ExportView): void {
  doc.moveDown(0.6);
  const lines = [view.letterDate, view.company].filter((line): line is string => Boolean(line));
  for (const line of lines) writeRuns(doc, [{ text: line, color: COLOR.muted }], SIZE.body);
  for (const section of view.sections) {
    if (section.heading) writeHeading(doc, section.heading);
    for (const item of section.items) {
      doc.moveDown(0.7);
      if (item.title) writeRuns(doc, [{ text: item.title, bold: true }], SIZE.title);
      if (item.text) writeRuns(doc, [{ text: item.text }], SIZE.body + 0.7);
      for (const bullet of item.bullets) writeBullet(doc, bullet);
      if (item.links.length > 0) {
        writeRuns(
          doc,
          [
            { text: 'Evidence: ', color: COLOR.muted },
            ...linkRuns(item.links, item.links[0]!.footnote !== null),
          ],
          SIZE.meta,
        );
      }
    }
  }
}

function writeFootnotes(doc: Doc, view: ExportView): void {
  writeHeading(doc, 'Evidence links');
  for (const note of view.footnotes) {
    keepSpace(doc, 14);
    writeRuns(
      doc,
      [
        { text: `[${note.number}] ${note.label}: `, color: COLOR.muted },
        { text: note.url, url: note.url },
      ],
      SIZE.meta,
    );
  }
}
