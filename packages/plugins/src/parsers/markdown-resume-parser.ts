import { definePlugin, type ParserOutput } from '@dossier/core';
import { buildResumePortfolio } from './resume/build-resume-portfolio.js';
import { markdownToBlocks } from './resume/markdown-to-blocks.js';
import { assertMediaType, MAX_BYTES_OPTIONS_SCHEMA, readInputText } from './shared/read-parser-input.js';

export interface MarkdownResumeParserOptions {
  /** Largest resume accepted, in bytes of UTF-8 text. */
  maxBytes?: number;
}

export const MARKDOWN_RESUME_MEDIA_TYPES = ['text/markdown'] as const;
const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * Markdown resumes → portfolio: `#` name, a contact line, `##` sections, entries as `### Title — Org (2021–2023)`
 * or a bold first line, bullets as outcomes, links as evidence.
 */
export const markdownResumeParser = definePlugin<'parser', MarkdownResumeParserOptions>({
  name: 'markdown-resume',
  kind: 'parser',
  version: '1.0.0',
  description: 'Parses Markdown resumes into a profile and dated, evidence-linked artifacts.',
  order: 30,
  optionsSchema: MAX_BYTES_OPTIONS_SCHEMA,
  create(options, deps) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    return {
      accepts: [...MARKDOWN_RESUME_MEDIA_TYPES],
      produces: 'portfolio',
      async parse(input, ctx): Promise<ParserOutput> {
        ctx.signal.throwIfAborted();
        assertMediaType(input, MARKDOWN_RESUME_MEDIA_TYPES, 'markdown-resume');
        const markdown = readInputText(input, maxBytes);
        const blocks = markdownToBlocks(markdown);
        ctx.signal.throwIfAborted();
        const portfolio = buildResumePortfolio({
          blocks,
          idPrefix: 'md',
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
