import { constants, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { deflatedSubsets } from './wrap-pdf-font.js';

/** A pdfkit document whose output is collected in memory and read back with `bytes()` once it has ended. */
export type PdfDocument = PDFKit.PDFDocument & {
  /** The whole file; only valid after `end()`, which finishes synchronously for this kind of document. */
  bytes(): Uint8Array;
};

/** One deflate level for every stream, so a stream deflated here or taken from a cache gives the same bytes. */
const DEFLATE = { level: constants.Z_BEST_SPEED };

/** The parts of pdfkit's `PDFReference` (an indirect object, possibly with a stream) used here. */
interface BaseRef {
  data: Record<string, unknown>;
  compress: boolean;
  /** The byte chunks written so far (pdfkit joins and deflates them when the stream ends). */
  buffer: Uint8Array[];
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
}
type RefConstructor = new (document: unknown, id: number, data?: Record<string, unknown>) => BaseRef;

/** pdfkit exports no reference class; `ref()` run against a bare object hands one out without side effects. */
const PdfReference = (
  (PDFDocument.prototype as unknown as { ref(this: unknown): BaseRef }).ref.call({
    _offsets: [],
    _waiting: 0,
    compress: false,
  }) as object
).constructor as RefConstructor;

/**
 * An indirect object whose stream is built and deflated here rather than in pdfkit:
 * - text written to the stream (a page's operators, one line per call) is kept as strings and turned into bytes
 *   once, at the end, instead of into a small byte array per line;
 * - an embedded font file that an earlier document already deflated is written as those deflated bytes (the
 *   subset repeats between documents; it is the largest stream of a CV);
 * - every other compressed stream is deflated at zlib's fastest level, which costs a third of pdfkit's
 *   default for a few per cent more bytes.
 * Either way the stream is marked `FlateDecode` and written as is, exactly as pdfkit writes its own.
 */
class StreamRef extends PdfReference {
  private lines: string[] | null = null;

  override write(chunk: Uint8Array | string): void {
    if (typeof chunk === 'string') {
      // pdfkit ends every string it writes to a stream with a newline. It also names the length first in the
      // stream's dictionary; so does this, for the same bytes.
      this.data.Length ??= 0;
      this.lines ??= [];
      this.lines.push(chunk);
      return;
    }
    this.flushLines();
    super.write(chunk);
  }

  override end(chunk?: Uint8Array | string): void {
    if (!this.compress) {
      if (chunk) this.write(chunk);
      this.flushLines();
      super.end();
      return;
    }
    let deflated: Uint8Array | null | undefined;
    if (
      chunk instanceof Uint8Array &&
      this.buffer.length === 0 &&
      !this.lines &&
      deflatedSubsets.has(chunk)
    ) {
      deflated = deflatedSubsets.get(chunk);
      if (!deflated) {
        deflated = new Uint8Array(deflateSync(chunk, DEFLATE));
        deflatedSubsets.set(chunk, deflated);
      }
    } else {
      if (chunk) this.write(chunk);
      if (this.lines && this.buffer.length === 0) {
        deflated = deflateSync(this.takeLines(), DEFLATE);
      } else {
        this.flushLines();
        if (this.buffer.length === 0) {
          super.end();
          return;
        }
        deflated = deflateSync(Buffer.concat(this.buffer), DEFLATE);
      }
      this.buffer = [];
    }
    this.compress = false;
    // Length before Filter, as pdfkit orders them, whichever way the stream came: a ToUnicode map is written
    // as text in the first document and from the cache afterwards, and both must give the same bytes.
    this.data.Length ??= 0;
    this.data.Filter = 'FlateDecode';
    super.end(deflated);
  }

  private takeLines(): Buffer {
    const text = `${this.lines!.join('\n')}\n`;
    this.lines = null;
    return Buffer.from(text, 'latin1');
  }

  private flushLines(): void {
    if (this.lines) super.write(this.takeLines());
  }
}

/** pdfkit's document internals that the collecting subclass replaces. */
interface DocumentInternals {
  _offset: number;
  _offsets: (number | null)[];
  _waiting: number;
}

/**
 * pdfkit's document is a Readable stream that pushes every line of the file as its own small byte array, and a
 * reader collects them through 'data' events. Here the lines are kept as strings, turned into bytes in one
 * pass when the document ends, and nothing goes through the stream machinery. Offsets in the cross-reference
 * table stay exact: pdfkit writes one byte per UTF-16 code unit (its strings are binary), as latin1 does.
 */
class CollectingDocument extends (PDFDocument as unknown as new (
  options?: PDFKit.PDFDocumentOptions,
) => object) {
  // `declare`: pdfkit's constructor already writes the file header, and a field initializer would run after
  // it and drop what was written.
  /** Byte chunks, and runs of lines (each followed by a newline in the file). */
  declare private chunks: (Uint8Array | string[])[] | undefined;
  declare private lines: string[] | null | undefined;
  declare private ended: boolean | undefined;

  ref(data?: Record<string, unknown>): BaseRef {
    const self = this as unknown as DocumentInternals;
    const ref = new StreamRef(this, self._offsets.length + 1, data);
    self._offsets.push(null);
    self._waiting += 1;
    return ref;
  }

  // Runs from pdfkit's constructor, before this class's fields are set up: hence the lazy arrays.
  _write(data: Uint8Array | string): void {
    const self = this as unknown as DocumentInternals;
    this.chunks ??= [];
    if (data instanceof Uint8Array) {
      this.chunks.push(data);
      this.lines = null;
      self._offset += data.length;
      return;
    }
    const line = `${data}`;
    if (!this.lines) {
      this.lines = [];
      this.chunks.push(this.lines);
    }
    this.lines.push(line);
    self._offset += line.length + 1;
  }

  /** pdfkit pushes only `null` itself, once the trailer is written. */
  push(chunk: unknown): boolean {
    if (chunk === null) this.ended = true;
    return true;
  }

  bytes(): Uint8Array {
    if (!this.ended || !this.chunks) throw new Error('createPdfDocument: bytes() before the document ended');
    const total = (this as unknown as DocumentInternals)._offset;
    const out = new Uint8Array(total);
    const view = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    let at = 0;
    for (const chunk of this.chunks) {
      if (chunk instanceof Uint8Array) {
        out.set(chunk, at);
        at += chunk.length;
      } else {
        at += view.write(`${chunk.join('\n')}\n`, at, 'latin1');
      }
    }
    if (at !== total) throw new Error(`createPdfDocument: wrote ${at} bytes, expected ${total}`);
    return out;
  }
}

/** A pdfkit document (same options, same file) that finishes synchronously and hands back its bytes. */
export function createPdfDocument(options: PDFKit.PDFDocumentOptions): PdfDocument {
  return new CollectingDocument(options) as unknown as PdfDocument;
}
