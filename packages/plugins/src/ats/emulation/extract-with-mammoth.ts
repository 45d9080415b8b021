import { loadMammoth } from '../../libraries/load-mammoth.js';
import { decodeXmlEntities } from './decode-xml-entities.js';
import {
  type AtsExtractionOutcome,
  type AtsExtractorOptions,
  type ExtractedLine,
  plainLine,
} from './types.js';

const TOKEN = /<(\/)?([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(\/)?>|([^<]+)/g;
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'caption']);
const HEADINGS = /^h[1-6]$/;

interface TablePosition {
  index: number;
  row: number;
  cell: number;
}

/** mammoth's HTML (a small, well-formed subset) to lines: one per paragraph, heading, list item or cell text. */
function htmlToLines(html: string): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  const tables: TablePosition[] = [];
  let tableCount = 0;
  let buffer = '';
  let headingDepth = 0;
  const flush = () => {
    const table = tables.length > 0 ? { ...tables[tables.length - 1]! } : null;
    for (const part of buffer.split('\n')) {
      const text = part.replace(/\s+/g, ' ').trim();
      if (text) lines.push(plainLine(text, { headingStyle: headingDepth > 0, table }));
    }
    buffer = '';
  };
  for (const match of html.matchAll(TOKEN)) {
    const [, closing, rawTag, , selfClosing, text] = match;
    if (text !== undefined) {
      buffer += decodeXmlEntities(text);
      continue;
    }
    const tag = rawTag!.toLowerCase();
    if (tag === 'br') {
      buffer += '\n';
      continue;
    }
    if (BLOCKS.has(tag) || tag === 'tr' || tag === 'table' || tag === 'ul' || tag === 'ol') {
      // A block opening inside another (a nested list in a list item) ends the text before it.
      flush();
      if (HEADINGS.test(tag) && !selfClosing) headingDepth += closing ? -1 : 1;
    }
    if (selfClosing) continue;
    if (tag === 'table') {
      if (!closing) tables.push({ index: tableCount++, row: -1, cell: -1 });
      else tables.pop();
    } else if (tag === 'tr' && !closing) {
      const table = tables[tables.length - 1];
      if (table) {
        table.row += 1;
        table.cell = -1;
      }
    } else if ((tag === 'td' || tag === 'th') && !closing) {
      const table = tables[tables.length - 1];
      if (table) table.cell += 1;
    }
  }
  flush();
  return lines;
}

/**
 * Text through mammoth (the DOCX library the resume parser uses), converted to HTML so headings (Word's
 * heading styles), lists and tables survive. mammoth does not read page headers and footers: whatever is
 * only there is lost to this extractor, as it is to parsers built the same way.
 */
export async function extractWithMammoth(
  bytes: Uint8Array,
  options: AtsExtractorOptions = {},
): Promise<AtsExtractionOutcome> {
  // Loaded before the clock starts: the first call's one-off module load is not extraction time.
  const mammoth = await loadMammoth();
  const started = performance.now();
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      // Images carry no text; skipping them saves base64-encoding every photo into the HTML.
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    options.signal?.throwIfAborted();
    const lines = htmlToLines(result.value);
    return {
      ok: true,
      extraction: {
        extractor: 'mammoth',
        format: 'docx',
        lines,
        text: lines.map((line) => line.text).join('\n'),
        pageCount: null,
        capabilities: {
          positions: false,
          headersAndFooters: false,
          tables: true,
          headingStyles: true,
          order: 'document',
        },
        notes: [],
        durationMs: performance.now() - started,
      },
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      ok: false,
      extractor: 'mammoth',
      format: 'docx',
      skipped: false,
      reason: `mammoth could not read the DOCX: ${(error as Error).message}`,
    };
  }
}
