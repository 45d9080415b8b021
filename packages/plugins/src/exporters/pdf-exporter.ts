import { definePlugin } from '@dossier/core/plugins';
import { loadPdfFonts } from './load-pdf-fonts.js';
import { prepareExportView } from './prepare-export-view.js';
import { renderPdf } from './render-pdf.js';

export interface PdfExporterOptions {
  /** Paper size; A4 unless the user is in a Letter country. */
  pageSize?: 'A4' | 'letter';
  /** Default for `evidenceFootnotes` when an export call does not say. */
  evidenceFootnotes?: boolean;
}

/**
 * PDF via pdfkit: one column, real text in DejaVu Sans (embedded, so accented and non-Latin names survive),
 * no ligatures, evidence as link annotations, optional numbered evidence list. Same content, same bytes.
 */
export const pdfExporter = definePlugin<'exporter', PdfExporterOptions>({
  name: 'pdf-exporter',
  kind: 'exporter',
  version: '1.0.0',
  description: 'Renders a CV or cover letter to an ATS-friendly PDF.',
  optionsSchema: {
    type: 'object',
    properties: {
      pageSize: { type: 'string', enum: ['A4', 'letter'], default: 'A4' },
      evidenceFootnotes: { type: 'boolean', default: false },
    },
    additionalProperties: false,
  },
  create(options) {
    const fonts = loadPdfFonts();
    return {
      format: 'pdf',
      async export({ content, options: exportOptions = {} }, ctx) {
        ctx.signal.throwIfAborted();
        const evidenceFootnotes = exportOptions.evidenceFootnotes ?? options.evidenceFootnotes ?? false;
        const view = prepareExportView(content, { ...exportOptions, evidenceFootnotes });
        const bytes = await renderPdf(view, fonts, { pageSize: options.pageSize ?? 'A4', evidenceFootnotes });
        return { bytes, mediaType: 'application/pdf', extension: 'pdf' };
      },
    };
  },
});
