import { extractDocxXml } from './extract-docx-xml.js';
import { extractWithMammoth } from './extract-with-mammoth.js';
import { extractWithPdfjs } from './extract-with-pdfjs.js';
import { extractWithPdftotext } from './extract-with-pdftotext.js';
import type { AtsExtractor } from './types.js';

/** The independent text extractors, PDF first. */
export const ATS_EXTRACTORS: readonly AtsExtractor[] = Object.freeze([
  {
    name: 'pdfjs',
    format: 'pdf',
    description:
      'pdfjs-dist in-process: lines in content-stream order with positions, font sizes, page bands.',
    extract: extractWithPdfjs,
  },
  {
    name: 'pdftotext-layout',
    format: 'pdf',
    description: 'poppler pdftotext -layout: the physical layout, one output line per row across the page.',
    extract: (bytes, options) => extractWithPdftotext(bytes, 'layout', options),
  },
  {
    name: 'pdftotext-raw',
    format: 'pdf',
    description: 'poppler pdftotext -raw: text in content-stream order, no layout.',
    extract: (bytes, options) => extractWithPdftotext(bytes, 'raw', options),
  },
  {
    name: 'mammoth',
    format: 'docx',
    description:
      'mammoth (DOCX → HTML): paragraphs, heading styles, lists and tables; no headers or footers.',
    extract: extractWithMammoth,
  },
  {
    name: 'docx-xml',
    format: 'docx',
    description: 'word/document.xml with the header and footer parts, read directly; styles and tables kept.',
    extract: extractDocxXml,
  },
]);

export const ATS_EXTRACTOR_NAMES = ATS_EXTRACTORS.map((extractor) => extractor.name);
