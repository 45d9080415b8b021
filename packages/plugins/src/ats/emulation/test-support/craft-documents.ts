import type { TDocumentContent } from '@dossier/core';
import {
  Document,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';
import { loadPdfFonts } from '../../../exporters/load-pdf-fonts.js';
import { prepareExportView } from '../../../exporters/prepare-export-view.js';

/** A rendering-neutral block: what a crafted layout places somewhere. */
interface Block {
  kind: 'heading' | 'title' | 'text';
  text: string;
}

/** The content's sections as blocks: headings, entry titles, and every other line as text. */
function sectionBlocks(content: TDocumentContent, kinds?: string[]): Block[] {
  const view = prepareExportView(content, {});
  const blocks: Block[] = [];
  for (const section of view.sections) {
    if (kinds && !kinds.includes(section.kind)) continue;
    if (section.heading) blocks.push({ kind: 'heading', text: section.heading });
    for (const item of section.items) {
      if (item.isSkillGroup) {
        blocks.push({
          kind: 'text',
          text: `${item.title ? `${item.title}: ` : ''}${item.skills.join(', ')}`,
        });
        continue;
      }
      if (item.title) blocks.push({ kind: 'title', text: item.title });
      const meta = [item.subtitle, item.dates].filter(Boolean).join(' | ');
      if (meta) blocks.push({ kind: 'text', text: meta });
      if (item.text) blocks.push({ kind: 'text', text: item.text });
      for (const bullet of item.bullets) blocks.push({ kind: 'text', text: `• ${bullet}` });
      if (item.skills.length > 0) blocks.push({ kind: 'text', text: `Stack: ${item.skills.join(', ')}` });
    }
  }
  return blocks;
}

const contactLine = (content: TDocumentContent) =>
  [content.profile.email, content.profile.phone, content.profile.location].filter(Boolean).join(' | ');

function docxParagraph(block: Block): Paragraph {
  if (block.kind === 'heading') return new Paragraph({ heading: HeadingLevel.HEADING_2, text: block.text });
  return new Paragraph({ children: [new TextRun({ text: block.text, bold: block.kind === 'title' })] });
}

const pack = async (doc: Document) => new Uint8Array(await Packer.toBuffer(doc));

/** A Word CV whose name and contact line sit only in the page header. */
export function docxWithContactInHeader(content: TDocumentContent): Promise<Uint8Array> {
  return pack(
    new Document({
      sections: [
        {
          headers: {
            default: new Header({
              children: [
                new Paragraph({ heading: HeadingLevel.TITLE, text: content.profile.name }),
                new Paragraph({ text: contactLine(content) }),
              ],
            }),
          },
          children: sectionBlocks(content).map(docxParagraph),
        },
      ],
    }),
  );
}

/**
 * A Word CV laid out with a one-row table: skills and education in the left cell, summary, experience and
 * projects in the right; the name and contact line above the table.
 */
export function docxWithLayoutTable(content: TDocumentContent): Promise<Uint8Array> {
  const cell = (blocks: Block[], width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      children: blocks.map(docxParagraph),
    });
  return pack(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.TITLE, text: content.profile.name }),
            new Paragraph({ text: contactLine(content) }),
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                new TableRow({
                  children: [
                    cell(sectionBlocks(content, ['skills', 'education']), 30),
                    cell(sectionBlocks(content, ['summary', 'experience', 'projects']), 70),
                  ],
                }),
              ],
            }),
          ],
        },
      ],
    }),
  );
}

/**
 * A two-column PDF drawn with pdfkit: the name and contact line across the top, then a left column (skills,
 * education) and a right column (summary, experience, projects) on a shared line pitch, left column first.
 * Uses the exporter's fonts (ligatures off), so only the layout differs from a good rendering.
 */
export function twoColumnPdf(content: TDocumentContent): Promise<Uint8Array> {
  const fonts = loadPdfFonts();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 46, bottom: 46, left: 54, right: 54 } });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);
  doc.font('bold').fontSize(19).text(content.profile.name, 54, 46);
  doc.font('regular').fontSize(9.5).text(contactLine(content), 54, 72);
  const PITCH = 14;
  const column = (blocks: Block[], x: number, width: number) => {
    let y = 100;
    for (const block of blocks) {
      const size = block.kind === 'heading' ? 12 : 9.5;
      doc.font(block.kind === 'text' ? 'regular' : 'bold').fontSize(size);
      // Wrapped by hand, one call per line, so both columns keep the same line pitch and share baselines.
      const lines: string[] = [];
      for (const word of block.text.split(' ')) {
        const last = lines[lines.length - 1];
        if (last !== undefined && doc.widthOfString(`${last} ${word}`) <= width)
          lines[lines.length - 1] = `${last} ${word}`;
        else lines.push(word);
      }
      for (const line of lines) {
        doc.text(line, x, y, { lineBreak: false });
        y += PITCH;
      }
    }
  };
  const skills = content.sections
    .filter((section) => section.kind === 'skills')
    .flatMap((section) => section.items.flatMap((item) => item.skills));
  const left: Block[] = [
    { kind: 'heading', text: 'Skills' },
    ...skills.map((skill): Block => ({ kind: 'text', text: skill })),
    ...sectionBlocks(content, ['education']),
  ];
  column(left, 54, 150);
  column(sectionBlocks(content, ['summary', 'experience', 'projects']), 230, 311);
  doc.end();
  return done;
}
