import type JSZip from 'jszip';
import { loadJsZip } from '../../libraries/load-jszip.js';
import { decodeXmlEntities, readAttribute } from './decode-xml-entities.js';
import {
  type AtsExtractionOutcome,
  type AtsExtractorOptions,
  type ExtractedLine,
  plainLine,
} from './types.js';

// Tags and the text between them; declarations and comments fall through as text outside any w:t.
const TOKEN = /<(\/)?([\w:.-]+)([^>]*?)(\/)?>|([^<]+)/g;
const HEADING_NAME = /^(?:heading\s*\d|title)$/i;

interface StyleInfo {
  name: string | null;
  basedOn: string | null;
  outline: boolean;
}

/** Paragraph styles by id, to tell which ones are headings (by name, outline level or inheritance). */
function readStyles(xml: string | null): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!xml) return styles;
  for (const match of xml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = readAttribute(match[1]!, 'w:styleId');
    if (!id) continue;
    const body = match[2]!;
    const valueIn = (tag: string) => {
      const element = new RegExp(`<${tag}\\b([^>]*?)\\/?>`).exec(body);
      return element ? readAttribute(element[1]!, 'w:val') : null;
    };
    styles.set(id, {
      name: valueIn('w:name'),
      basedOn: valueIn('w:basedOn'),
      outline: /<w:outlineLvl\b/.test(body),
    });
  }
  return styles;
}

function isHeadingStyle(id: string, styles: Map<string, StyleInfo>): boolean {
  let current: string | null = id;
  for (let depth = 0; current && depth < 6; depth++) {
    const style = styles.get(current);
    if (!style) return HEADING_NAME.test(current.replace(/(\D)(\d)$/, '$1 $2'));
    if (style.outline || (style.name && HEADING_NAME.test(style.name))) return true;
    current = style.basedOn;
  }
  return false;
}

interface OpenParagraph {
  text: string;
  style: string | null;
  outline: boolean;
}

interface TablePosition {
  index: number;
  row: number;
  cell: number;
}

/**
 * The paragraphs of one WordprocessingML part in document order. Text boxes are read where they are
 * anchored; of an `mc:AlternateContent` pair only the first choice is read, so nothing comes out twice.
 */
function readPart(
  xml: string,
  region: ExtractedLine['region'],
  styles: Map<string, StyleInfo>,
  counter: { tables: number },
): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  const paragraphs: OpenParagraph[] = [];
  const tables: TablePosition[] = [];
  let inText = false;
  let propertiesDepth = 0;
  let skipDepth = 0;
  for (const match of xml.matchAll(TOKEN)) {
    const [, closing, tag, attributes = '', selfClosing, text] = match;
    if (text !== undefined) {
      if (inText && skipDepth === 0 && paragraphs.length > 0) {
        paragraphs[paragraphs.length - 1]!.text += decodeXmlEntities(text);
      }
      continue;
    }
    if (tag === 'mc:Fallback') {
      if (!selfClosing) skipDepth += closing ? -1 : 1;
      continue;
    }
    if (skipDepth > 0) continue;
    const top = paragraphs[paragraphs.length - 1];
    switch (tag) {
      case 'w:p':
        if (selfClosing) break;
        if (!closing) {
          paragraphs.push({ text: '', style: null, outline: false });
          break;
        }
        {
          const done = paragraphs.pop();
          if (!done) break;
          const heading = done.outline || (done.style !== null && isHeadingStyle(done.style, styles));
          const table = tables.length > 0 ? { ...tables[tables.length - 1]! } : null;
          for (const part of done.text.split('\n')) {
            const cleaned = part.replace(/\s+/g, ' ').trim();
            if (cleaned) lines.push(plainLine(cleaned, { region, headingStyle: heading, table }));
          }
        }
        break;
      case 'w:pPr':
        if (!selfClosing) propertiesDepth += closing ? -1 : 1;
        break;
      case 'w:pStyle':
        if (top && propertiesDepth > 0 && !closing) top.style = readAttribute(attributes, 'w:val');
        break;
      case 'w:outlineLvl':
        if (top && propertiesDepth > 0 && !closing)
          top.outline = Number(readAttribute(attributes, 'w:val')) < 9;
        break;
      case 'w:t':
        inText = !closing && !selfClosing;
        break;
      case 'w:tab':
        // Inside paragraph properties w:tab defines a tab stop, not a tab character.
        if (top && propertiesDepth === 0 && !closing) top.text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (top && !closing) top.text += '\n';
        break;
      case 'w:noBreakHyphen':
        if (top && !closing) top.text += '-';
        break;
      case 'w:tbl':
        if (selfClosing) break;
        if (!closing) tables.push({ index: counter.tables++, row: -1, cell: -1 });
        else tables.pop();
        break;
      case 'w:tr': {
        const table = tables[tables.length - 1];
        if (table && !closing) {
          table.row += 1;
          table.cell = -1;
        }
        break;
      }
      case 'w:tc': {
        const table = tables[tables.length - 1];
        if (table && !closing) table.cell += 1;
        break;
      }
    }
  }
  return lines;
}

const partOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
/** More XML than any resume has: a part declaring more is refused before it is inflated. */
const MAX_PART_BYTES = 20 * 1024 * 1024;

// JSZip keeps the central directory's sizes on a private field (see parsers/docx/check-docx-archive.ts).
const declaredSize = (file: JSZip.JSZipObject) =>
  (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;

/**
 * Reads the DOCX's XML directly, the way a parser without a Word library does: `word/document.xml` plus every
 * header and footer part (their lines marked as such, headers first, footers last). Paragraph styles come
 * from `word/styles.xml`; table rows and cells are kept.
 */
export async function extractDocxXml(
  bytes: Uint8Array,
  options: AtsExtractorOptions = {},
): Promise<AtsExtractionOutcome> {
  // Loaded before the clock starts: the first call's one-off module load is not extraction time.
  const JSZipClass = await loadJsZip();
  const started = performance.now();
  const failed = (reason: string): AtsExtractionOutcome => ({
    ok: false,
    extractor: 'docx-xml',
    format: 'docx',
    skipped: false,
    reason,
  });
  let zip: JSZip;
  try {
    zip = await JSZipClass.loadAsync(bytes, { checkCRC32: false });
  } catch (error) {
    return failed(`docx-xml could not open the DOCX (zip): ${(error as Error).message}`);
  }
  options.signal?.throwIfAborted();
  const document = zip.file('word/document.xml');
  if (!document) return failed('docx-xml: the archive has no word/document.xml');
  const names = Object.keys(zip.files);
  const headers = names.filter((name) => /^word\/header\d*\.xml$/.test(name)).sort(partOrder);
  const footers = names.filter((name) => /^word\/footer\d*\.xml$/.test(name)).sort(partOrder);
  const oversized = [document.name, ...headers, ...footers, 'word/styles.xml'].find(
    (name) => zip.file(name) && declaredSize(zip.file(name)!) > MAX_PART_BYTES,
  );
  if (oversized) return failed(`docx-xml: ${oversized} declares more than ${MAX_PART_BYTES} bytes of XML`);
  const read = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve(null);
  const [body, stylesXml, headerXml, footerXml] = await Promise.all([
    document.async('string'),
    read('word/styles.xml'),
    Promise.all(headers.map(read)),
    Promise.all(footers.map(read)),
  ]);
  const styles = readStyles(stylesXml);
  const counter = { tables: 0 };
  const lines = [
    ...headerXml.flatMap((xml) => (xml ? readPart(xml, 'header', styles, counter) : [])),
    ...readPart(body, 'body', styles, counter),
    ...footerXml.flatMap((xml) => (xml ? readPart(xml, 'footer', styles, counter) : [])),
  ];
  return {
    ok: true,
    extraction: {
      extractor: 'docx-xml',
      format: 'docx',
      lines,
      text: lines.map((line) => line.text).join('\n'),
      pageCount: null,
      capabilities: {
        positions: false,
        headersAndFooters: true,
        tables: true,
        headingStyles: true,
        order: 'document',
      },
      notes: [],
      durationMs: performance.now() - started,
    },
  };
}
