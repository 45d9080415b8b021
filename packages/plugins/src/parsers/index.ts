import type { AnyPlugin } from '@dossier/core';
import { docxResumeParser } from './docx-resume-parser.js';
import { dossierPortfolioParser } from './dossier-portfolio-parser.js';
import { jobDescriptionParser } from './job-description-parser.js';
import { jsonResumeParser } from './json-resume-parser.js';
import { markdownResumeParser } from './markdown-resume-parser.js';
import { pdfResumeParser } from './pdf-resume-parser.js';

export { type DocxResumeParserOptions, docxResumeParser } from './docx-resume-parser.js';
export {
  DOSSIER_PORTFOLIO_MEDIA_TYPE,
  type DossierPortfolioParserOptions,
  dossierPortfolioParser,
} from './dossier-portfolio-parser.js';
export { type JobDescriptionParserOptions, jobDescriptionParser } from './job-description-parser.js';
export { type JsonResumeParserOptions, jsonResumeParser } from './json-resume-parser.js';
export { type MarkdownResumeParserOptions, markdownResumeParser } from './markdown-resume-parser.js';
export { isParseError, PARSE_ERROR_CODES, ParseError, type ParseErrorCode } from './parse-error.js';
export { type PdfResumeParserOptions, pdfResumeParser } from './pdf-resume-parser.js';

/** The built-in parsers, job description first; the runner picks one by media type and what it produces. */
export const parserPlugins: AnyPlugin[] = [
  jobDescriptionParser,
  dossierPortfolioParser,
  jsonResumeParser,
  markdownResumeParser,
  pdfResumeParser,
  docxResumeParser,
];
