import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadPdfjs } from '../../libraries/load-pdfjs.js';
import { ParseError } from '../parse-error.js';
import type { PdfItem, PdfLinkAnnotation, PdfPage } from './pdf-types.js';

export interface LoadPdfOptions {
  signal: AbortSignal;
  maxPages: number;
}

interface RawTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
}

// Private-use code points are icon-font glyphs (phone, envelope, GitHub logos): they carry no text.
const PRIVATE_USE = /[\u{E000}-\u{F8FF}\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/gu;

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function toParseError(error: unknown): ParseError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'PasswordException') {
    return new ParseError(
      'ENCRYPTED_PDF',
      'The PDF is password-protected; export it again without a password',
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ParseError('CORRUPT_FILE', `The PDF could not be read: ${message}`, { cause: error });
}

/** Rejects as soon as the signal aborts, so a slow pdf.js call cannot hold a cancelled parse. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function readPage(doc: PDFDocumentProxy, number: number): Promise<PdfPage> {
  const page = await doc.getPage(number);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PdfItem[] = [];
  for (const raw of content.items as RawTextItem[]) {
    if (typeof raw.str !== 'string' || !raw.transform) continue;
    const text = raw.str.replace(PRIVATE_USE, '');
    if (!text) continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = raw.transform;
    // Rotated text (a vertical margin note) is not part of the reading flow.
    if (Math.abs(b) > Math.abs(a) * 0.1 || Math.abs(c) > Math.abs(d) * 0.1) continue;
    const size = Math.abs(d) || raw.height || 10;
    items.push({ text, x: e, y: f, width: raw.width ?? 0, size, font: raw.fontName ?? '', page: number });
  }
  const links: PdfLinkAnnotation[] = [];
  for (const annotation of (await page.getAnnotations()) as {
    subtype?: string;
    url?: string;
    rect?: number[];
  }[]) {
    if (annotation.subtype !== 'Link' || typeof annotation.url !== 'string' || !annotation.rect) continue;
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = annotation.rect;
    links.push({
      url: annotation.url,
      page: number,
      rect: [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)],
    });
  }
  page.cleanup();
  return { number, width: viewport.width, height: viewport.height, items, links };
}

/**
 * Text items (with positions and fonts) and link annotations of each page, through pdf.js in Node: no worker
 * thread, no font loading or system fonts, no eval, no network. Encrypted files are `ENCRYPTED_PDF`, anything
 * pdf.js cannot open is `CORRUPT_FILE`; the signal is checked between pages.
 */
export async function loadPdfPages(
  bytes: Uint8Array,
  { signal, maxPages }: LoadPdfOptions,
): Promise<{ pages: PdfPage[]; pageCount: number }> {
  if (!hasPdfHeader(bytes)) throw new ParseError('CORRUPT_FILE', 'Not a PDF file: no %PDF- header');
  const { getDocument } = await loadPdfjs();
  signal.throwIfAborted();
  const task = getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given; the caller keeps theirs.
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
    // Removed from pdf.js 5+, which no longer compiles fonts with eval; kept for older builds.
    ...({ isEvalSupported: false } as object),
  });
  try {
    const doc = await raceAbort(task.promise, signal).catch((error: unknown) => {
      if (signal.aborted) throw error;
      throw toParseError(error);
    });
    const pages: PdfPage[] = [];
    const count = Math.min(doc.numPages, maxPages);
    for (let number = 1; number <= count; number++) {
      signal.throwIfAborted();
      pages.push(
        await raceAbort(readPage(doc, number), signal).catch((error: unknown) => {
          if (signal.aborted) throw error;
          throw toParseError(error);
        }),
      );
    }
    return { pages, pageCount: doc.numPages };
  } finally {
    await task.destroy().catch(() => {});
  }
}
