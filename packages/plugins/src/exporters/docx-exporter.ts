import { definePlugin } from '@dossier/core/plugins';
import type { Document, Paragraph, ParagraphChild } from 'docx';
import { type DocxModule, loadDocx } from '../libraries/load-docx.js';
import {
  type ExportItem,
  type ExportLink,
  type ExportView,
  isSafeUrl,
  prepareExportView,
} from './prepare-export-view.js';

export interface DocxExporterOptions {
  pageSize?: 'A4' | 'letter';
  evidenceFootnotes?: boolean;
}

const BULLETS = 'dossier-bullets';
// Twips (1/1440 inch).
const PAGE = { A4: { width: 11906, height: 16838 }, letter: { width: 12240, height: 15840 } };
const MARGIN = 1000;
const FONT = 'Calibri';
const LINK_COLOR = '1A4F9C';
const MUTED = '505050';
// The builders take the `docx` module as an argument: it is loaded on the first export, not with this file.
const text = (
  docx: DocxModule,
  value: string,
  extra: { bold?: boolean; color?: string; size?: number } = {},
) => new docx.TextRun({ text: value, ...extra });

function linkChild(docx: DocxModule, label: string, url: string): ParagraphChild {
  if (!isSafeUrl(url)) return text(docx, label);
  return new docx.ExternalHyperlink({
    link: url,
    children: [new docx.TextRun({ text: label, style: 'Hyperlink', color: LINK_COLOR, underline: {} })],
  });
}

function linkLine(docx: DocxModule, links: ExportLink[]): Paragraph {
  const children: ParagraphChild[] = [text(docx, 'Evidence: ', { color: MUTED })];
  links.forEach((link, i) => {
    if (i > 0) children.push(text(docx, ' | ', { color: MUTED }));
    children.push(linkChild(docx, link.label, link.url));
    if (link.footnote !== null) children.push(text(docx, ` [${link.footnote}]`, { color: MUTED }));
  });
  return new docx.Paragraph({ children, spacing: { after: 60 } });
}

function header(docx: DocxModule, view: ExportView): Paragraph[] {
  const out = [
    new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_1, children: [text(docx, view.name)] }),
  ];
  if (view.headline)
    out.push(new docx.Paragraph({ children: [text(docx, view.headline, { color: MUTED, size: 24 })] }));
  const contact: ParagraphChild[] = [];
  const push = (child: ParagraphChild) => {
    if (contact.length > 0) contact.push(text(docx, ' | ', { color: MUTED }));
    contact.push(child);
  };
  if (view.email) push(linkChild(docx, view.email, `mailto:${view.email}`));
  if (view.phone) push(text(docx, view.phone));
  if (view.location) push(text(docx, view.location));
  for (const link of view.profileLinks) push(linkChild(docx, link.label || link.url, link.url));
  if (contact.length > 0) out.push(new docx.Paragraph({ children: contact, spacing: { after: 120 } }));
  return out;
}

function item(docx: DocxModule, entry: ExportItem, kind: ExportView['kind']): Paragraph[] {
  const out: Paragraph[] = [];
  if (entry.isSkillGroup) {
    const children = entry.title ? [text(docx, `${entry.title}: `, { bold: true })] : [];
    return [new docx.Paragraph({ children: [...children, text(docx, entry.skills.join(', '))] })];
  }
  if (entry.title) {
    out.push(
      new docx.Paragraph({ children: [text(docx, entry.title, { bold: true })], spacing: { before: 120 } }),
    );
  }
  const meta = [entry.subtitle, entry.dates].filter((part): part is string => part !== null);
  if (meta.length > 0)
    out.push(new docx.Paragraph({ children: [text(docx, meta.join(' | '), { color: MUTED })] }));
  if (entry.text) {
    for (const line of entry.text.split('\n')) {
      out.push(
        new docx.Paragraph({ children: [text(docx, line)], spacing: { after: kind === 'cv' ? 60 : 160 } }),
      );
    }
  }
  for (const bullet of entry.bullets) {
    out.push(
      new docx.Paragraph({ children: [text(docx, bullet)], numbering: { reference: BULLETS, level: 0 } }),
    );
  }
  if (entry.skills.length > 0 && kind === 'cv') {
    out.push(
      new docx.Paragraph({ children: [text(docx, `Stack: ${entry.skills.join(', ')}`, { color: MUTED })] }),
    );
  }
  if (entry.links.length > 0) out.push(linkLine(docx, entry.links));
  return out;
}

/**
 * Builds the Word document: the name as Heading 1, sections as Heading 2, bullets as a real numbered list,
 * evidence as external hyperlinks; no tables or text boxes, which ATS parsers read out of order.
 */
function buildDocx(
  docx: DocxModule,
  view: ExportView,
  pageSize: 'A4' | 'letter',
  footnotes: boolean,
): Document {
  const children: Paragraph[] = [...header(docx, view)];
  if (view.kind === 'cover-letter') {
    for (const line of [view.letterDate, view.company]) {
      if (line) children.push(new docx.Paragraph({ children: [text(docx, line, { color: MUTED })] }));
    }
  }
  for (const section of view.sections) {
    if (section.heading)
      children.push(
        new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_2, children: [text(docx, section.heading)] }),
      );
    for (const entry of section.items) children.push(...item(docx, entry, view.kind));
  }
  if (footnotes && view.footnotes.length > 0) {
    children.push(
      new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_2, children: [text(docx, 'Evidence links')] }),
    );
    for (const note of view.footnotes) {
      children.push(
        new docx.Paragraph({
          children: [
            text(docx, `[${note.number}] ${note.label}: `, { color: MUTED }),
            linkChild(docx, note.url, note.url),
          ],
        }),
      );
    }
  }
  return new docx.Document({
    creator: 'Dossier',
    title: view.title,
    description: view.kind === 'cv' ? 'Curriculum vitae' : 'Cover letter',
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 } },
        heading1: {
          run: { font: FONT, size: 36, bold: true, color: '1A1A1A' },
          paragraph: { spacing: { after: 60 } },
        },
        heading2: {
          run: { font: FONT, size: 25, bold: true, color: '1A1A1A' },
          paragraph: { spacing: { before: 220, after: 80 } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: docx.LevelFormat.BULLET,
              text: '•',
              alignment: docx.AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 240 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE[pageSize],
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children,
      },
    ],
  });
}

export const docxExporter = definePlugin<'exporter', DocxExporterOptions>({
  name: 'docx-exporter',
  kind: 'exporter',
  version: '1.0.0',
  description: 'Renders a CV or cover letter to a Word document with real headings, lists and hyperlinks.',
  optionsSchema: {
    type: 'object',
    properties: {
      pageSize: { type: 'string', enum: ['A4', 'letter'], default: 'A4' },
      evidenceFootnotes: { type: 'boolean', default: false },
    },
    additionalProperties: false,
  },
  create(options) {
    return {
      format: 'docx',
      async export({ content, options: exportOptions = {} }, ctx) {
        ctx.signal.throwIfAborted();
        const evidenceFootnotes = exportOptions.evidenceFootnotes ?? options.evidenceFootnotes ?? false;
        const view = prepareExportView(content, { ...exportOptions, evidenceFootnotes });
        const docx = await loadDocx();
        const buffer = await docx.Packer.toBuffer(
          buildDocx(docx, view, options.pageSize ?? 'A4', evidenceFootnotes),
        );
        return {
          bytes: new Uint8Array(buffer),
          mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          extension: 'docx',
        };
      },
    };
  },
});
