import { definePlugin, type ParserOutput } from '@dossier/core';
import { readPdfBlocks } from './pdf/read-pdf-blocks.js';
import { buildResumePortfolio } from './resume/build-resume-portfolio.js';
import { assertMediaType, readInputBytes } from './shared/read-parser-input.js';

export interface PdfResumeParserOptions {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  /** Pages read at most; a resume longer than this is read in part, with a warning. */
  maxPages?: number;
}

export const PDF_RESUME_MEDIA_TYPES = ['application/pdf'] as const;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_PAGES = 20;

/**
 * PDF resumes → portfolio. pdf.js gives positioned text; a gutter search tells one column from two; lines are
 * grouped, side cells (date columns, right-aligned places) set apart, headings found by name and type size,
 * and the shared resume logic turns Experience, Projects and other dated entries into artifacts.
 */
export const pdfResumeParser = definePlugin<'parser', PdfResumeParserOptions>({
  name: 'pdf-resume',
  kind: 'parser',
  version: '1.0.0',
  description: 'Parses PDF resumes (one or two columns) into a profile and dated, evidence-linked artifacts.',
  order: 40,
  optionsSchema: {
    type: 'object',
    properties: {
      maxBytes: { type: 'integer', minimum: 1 },
      maxPages: { type: 'integer', minimum: 1, maximum: 200 },
    },
    additionalProperties: false,
  },
  create(options, deps) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    return {
      accepts: [...PDF_RESUME_MEDIA_TYPES],
      produces: 'portfolio',
      async parse(input, ctx): Promise<ParserOutput> {
        ctx.signal.throwIfAborted();
        assertMediaType(input, PDF_RESUME_MEDIA_TYPES, 'pdf-resume');
        const bytes = readInputBytes(input, maxBytes, 'PDF');
        const { blocks, name, pageCount, pagesRead } = await readPdfBlocks(bytes, {
          signal: ctx.signal,
          maxPages,
        });
        if (pageCount > pagesRead) {
          ctx.report({
            ruleId: 'pdf/too-many-pages',
            severity: 'warning',
            message: `Read the first ${pagesRead} of ${pageCount} pages.`,
          });
        }
        if (blocks.length === 0) {
          ctx.report({
            ruleId: 'pdf/no-text',
            severity: 'warning',
            message: 'The PDF has no extractable text (a scan or an image?); nothing could be imported.',
          });
        }
        ctx.progress(60, 'text extracted');
        ctx.signal.throwIfAborted();
        const portfolio = buildResumePortfolio({
          blocks,
          idPrefix: 'pdf',
          taxonomy: deps.taxonomy,
          report: (diagnostic) => ctx.report(diagnostic),
          name,
          ...(input.filename ? { fallbackName: input.filename.replace(/\.[^.]+$/, '') } : {}),
        });
        ctx.progress(100);
        return { type: 'portfolio', portfolio };
      },
    };
  },
});
