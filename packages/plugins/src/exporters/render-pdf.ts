import PDFDocument from 'pdfkit';
import type { PdfFonts } from './load-pdf-fonts.js';
import { type ExportItem, type ExportLink, type ExportView, isSafeUrl } from './prepare-export-view.js';

export interface RenderPdfOptions {
  pageSize: 'A4' | 'letter';
  evidenceFootnotes: boolean;
}

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const COLOR = { text: '#1a1a1a', muted: '#505050', rule: '#9a9a9a', link: '#1a4f9c' };
const SIZE = { name: 19, headline: 11, heading: 12, title: 10.5, body: 9.8, meta: 9.2 };
const MARGIN = { top: 46, bottom: 46, left: 54, right: 54 };
const BULLET_INDENT = 13;
const SEPARATOR = '  |  ';
// A fixed date when the content's own is unusable, so the file ID (a hash of the info dictionary) is stable.
const EPOCH = new Date(0);

type Doc = PDFKit.PDFDocument;

/**
 * Lays the view out as a single-column, selectable-text PDF. Everything that makes bytes differ between runs
 * is pinned: the creation date comes from the content (pdfkit hashes the info dictionary into the file ID),
 * fonts are subset in reading order, and no page numbers or timestamps are drawn.
 */
export function renderPdf(view: ExportView, fonts: PdfFonts, options: RenderPdfOptions): Promise<Uint8Array> {
  const created = new Date(view.generatedAt);
  const doc = new PDFDocument({
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
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  // pdfkit types list only paths and buffers, but it takes any fontkit font object (see wrapPdfFont).
  doc.registerFont(REGULAR, fonts.regular as unknown as Buffer);
  doc.registerFont(BOLD, fonts.bold as unknown as Buffer);

  writeHeader(doc, view);
  if (view.kind === 'cover-letter') writeLetter(doc, view);
  else for (const section of view.sections) writeSection(doc, section.heading, section.items, view.kind);
  if (options.evidenceFootnotes && view.footnotes.length > 0) writeFootnotes(doc, view);
  doc.end();
  return done;
}

const left = (doc: Doc) => doc.page.margins.left;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` more points fit, so headings and bullets are never orphaned. */
function keepSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

interface Run {
  text: string;
  url?: string;
  bold?: boolean;
  color?: string;
}

/** Writes runs as one wrapped paragraph; linked runs become link annotations. */
function writeRuns(doc: Doc, runs: Run[], size: number, x = left(doc), width = contentWidth(doc)): void {
  const visible = runs.filter((run) => run.text.length > 0);
  visible.forEach((run, index) => {
    const linked = run.url !== undefined && isSafeUrl(run.url);
    doc
      .font(run.bold ? BOLD : REGULAR)
      .fontSize(size)
      .fillColor(linked ? COLOR.link : (run.color ?? COLOR.text));
    const opts: PDFKit.Mixins.TextOptions = {
      continued: index < visible.length - 1,
      link: linked ? run.url : null,
      underline: linked,
      lineGap: 1.2,
    };
    if (index === 0) doc.text(run.text, x, doc.y, { ...opts, width });
    else doc.text(run.text, opts);
  });
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
  doc.font(BOLD).fontSize(SIZE.name).fillColor(COLOR.text).text(view.name, left(doc), doc.y);
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
  doc.font(BOLD).fontSize(SIZE.heading).fillColor(COLOR.text).text(heading, left(doc), doc.y);
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
  doc
    .font(REGULAR)
    .fontSize(SIZE.body)
    .fillColor(COLOR.text)
    .text('•', left(doc) + 3, y, { lineBreak: false });
  doc.text(text, left(doc) + BULLET_INDENT, y, { width: contentWidth(doc) - BULLET_INDENT, lineGap: 1.2 });
  doc.x = left(doc);
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
