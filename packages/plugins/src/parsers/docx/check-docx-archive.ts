import type JSZip from 'jszip';
import { loadJsZip } from '../../libraries/load-jszip.js';
import { ParseError } from '../parse-error.js';

export interface DocxArchiveLimits {
  /** Sum of the entries' uncompressed sizes allowed, as the central directory declares them. */
  maxUncompressedBytes: number;
  maxEntries: number;
  signal: AbortSignal;
}

// JSZip keeps the central directory's figures on a private field; its typings name them but leave them out.
interface CentralDirectoryEntry {
  _data?: { uncompressedSize?: number };
}
interface StreamingEntry {
  internalStream(type: 'uint8array'): {
    on(event: 'data', callback: (chunk: Uint8Array) => void): unknown;
    on(event: 'error', callback: (error: Error) => void): unknown;
    on(event: 'end', callback: () => void): unknown;
    resume(): unknown;
    pause(): unknown;
  };
}

const ZIP_MAGIC = [0x50, 0x4b];
// The parts mammoth reads; images are never read because the parser converts them to nothing.
const READ_PARTS = /(?:\.xml|\.rels)$/i;

const zipBomb = (message: string, details: Record<string, unknown>): ParseError =>
  new ParseError('ZIP_BOMB', message, { details });

/** Inflates one entry only to count its bytes, stopping the moment it passes `cap`. */
function countInflated(entry: StreamingEntry, cap: number, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = 0;
    let stopped = false;
    const stream = entry.internalStream('uint8array');
    stream.on('data', (chunk) => {
      if (stopped) return;
      total += chunk.byteLength;
      if (total > cap) {
        stopped = true;
        stream.pause();
        reject(
          zipBomb(`${name} inflates to more than its declared size allows`, { entry: name, limit: cap }),
        );
      }
    });
    stream.on('error', (error) => {
      if (!stopped)
        reject(
          new ParseError('CORRUPT_FILE', `${name} cannot be decompressed: ${error.message}`, {
            cause: error,
          }),
        );
    });
    stream.on('end', () => {
      if (!stopped) resolve(total);
    });
    stream.resume();
  });
}

/**
 * Opens a DOCX's zip without inflating anything and refuses it before extraction when the central directory
 * declares more uncompressed bytes (or entries) than allowed — a zip bomb costs a few kilobytes to send. Then the
 * XML parts mammoth will read are inflated with a running count, so an entry that lies about its size is
 * stopped too. Not a zip, or no `word/document.xml`, is `CORRUPT_FILE`.
 */
export async function checkDocxArchive(bytes: Uint8Array, limits: DocxArchiveLimits): Promise<void> {
  if (bytes[0] !== ZIP_MAGIC[0] || bytes[1] !== ZIP_MAGIC[1]) {
    throw new ParseError('CORRUPT_FILE', 'Not a DOCX file: it is not a zip archive');
  }
  const JSZipClass = await loadJsZip();
  let zip: JSZip;
  try {
    zip = await JSZipClass.loadAsync(bytes, { checkCRC32: false });
  } catch (error) {
    throw new ParseError('CORRUPT_FILE', `Not a readable DOCX (zip) file: ${(error as Error).message}`, {
      cause: error,
    });
  }
  limits.signal.throwIfAborted();
  const entries = Object.values(zip.files).filter((file) => !file.dir);
  if (entries.length > limits.maxEntries) {
    throw zipBomb(`The archive has ${entries.length} entries; at most ${limits.maxEntries} are allowed`, {
      entries: entries.length,
      maxEntries: limits.maxEntries,
    });
  }
  let declared = 0;
  for (const entry of entries)
    declared += (entry as unknown as CentralDirectoryEntry)._data?.uncompressedSize ?? 0;
  if (declared > limits.maxUncompressedBytes) {
    throw zipBomb(
      `The archive would expand to ${declared} bytes; the limit is ${limits.maxUncompressedBytes} bytes`,
      { uncompressedBytes: declared, maxUncompressedBytes: limits.maxUncompressedBytes },
    );
  }
  if (!zip.file('word/document.xml')) {
    throw new ParseError('CORRUPT_FILE', 'Not a Word document: the archive has no word/document.xml');
  }
  let inflated = 0;
  for (const entry of entries) {
    if (!READ_PARTS.test(entry.name)) continue;
    limits.signal.throwIfAborted();
    const size = (entry as unknown as CentralDirectoryEntry)._data?.uncompressedSize ?? 0;
    const cap = Math.min(size + 1024, limits.maxUncompressedBytes - inflated);
    inflated += await countInflated(entry as unknown as StreamingEntry, cap, entry.name);
  }
}
