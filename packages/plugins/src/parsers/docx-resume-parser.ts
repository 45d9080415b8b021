import { definePlugin, type ParserOutput } from '@dossier/core';
import { loadMammoth } from '../libraries/load-mammoth.js';
import { checkDocxArchive } from './docx/check-docx-archive.js';
import { ParseError } from './parse-error.js';
import { buildResumePortfolio } from './resume/build-resume-portfolio.js';
import { markdownToBlocks } from './resume/markdown-to-blocks.js';
import { convertHtmlToText } from './shared/convert-html-to-text.js';
import { assertMediaType, readInputBytes } from './shared/read-parser-input.js';

export interface DocxResumeParserOptions {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  /** Largest total the archive may expand to; above it the file is refused as a zip bomb before extraction. */
  maxUncompressedBytes?: number;
  /** Most entries the archive may hold. */
  maxEntries?: number;
}

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_UNCOMPRESSED = 50 * 1024 * 1024;
const DEFAULT_MAX_ENTRIES = 2000;

/**
 * Word resumes → portfolio: the zip is checked for bombs first (declared sizes, then a counted inflate of the
 * XML parts), mammoth converts the document to HTML with headings kept, and the HTML goes through the same
 * Markdown section and entry logic as Markdown resumes.
 */
export const docxResumeParser = definePlugin<'parser', DocxResumeParserOptions>({
  name: 'docx-resume',
  kind: 'parser',
  version: '1.0.0',
  description: 'Parses Word (DOCX) resumes into a profile and dated, evidence-linked artifacts.',
  order: 50,
  optionsSchema: {
    type: 'object',
    properties: {
      maxBytes: { type: 'integer', minimum: 1 },
      maxUncompressedBytes: { type: 'integer', minimum: 1 },
      maxEntries: { type: 'integer', minimum: 1 },
    },
    additionalProperties: false,
  },
  create(options, deps) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxUncompressedBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED;
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    return {
      accepts: [DOCX_MEDIA_TYPE],
      produces: 'portfolio',
      async parse(input, ctx): Promise<ParserOutput> {
        ctx.signal.throwIfAborted();
        assertMediaType(input, [DOCX_MEDIA_TYPE], 'docx-resume');
        const bytes = readInputBytes(input, maxBytes, 'DOCX file');
        await checkDocxArchive(bytes, { maxUncompressedBytes, maxEntries, signal: ctx.signal });
        const mammoth = await loadMammoth();
        ctx.signal.throwIfAborted();
        // Images are dropped: they are not text, and reading them would inflate the largest parts of the archive.
        const dropImages = mammoth.images.imgElement(async () => ({ src: '' }));
        let html: string;
        try {
          const result = await mammoth.convertToHtml(
            { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
            { convertImage: dropImages, ignoreEmptyParagraphs: true, externalFileAccess: false },
          );
          html = result.value;
        } catch (error) {
          throw new ParseError(
            'CORRUPT_FILE',
            `The Word document could not be read: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
        ctx.signal.throwIfAborted();
        ctx.progress(60, 'document converted');
        const blocks = markdownToBlocks(convertHtmlToText(html, { links: true, emphasis: true }));
        const portfolio = buildResumePortfolio({
          blocks,
          idPrefix: 'docx',
          taxonomy: deps.taxonomy,
          report: (diagnostic) => ctx.report(diagnostic),
          ...(input.filename ? { fallbackName: input.filename.replace(/\.[^.]+$/, '') } : {}),
        });
        ctx.progress(100);
        return { type: 'portfolio', portfolio };
      },
    };
  },
});
