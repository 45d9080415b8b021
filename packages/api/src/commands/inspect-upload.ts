import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import { readZipDirectory } from './read-zip-directory.js';

export const IMPORT_MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jsonResume: 'application/json',
  /** A JSON file holding one of Dossier's own exports (its `format` says so), restored by its own parser. */
  dossierPortfolio: 'application/vnd.dossier.portfolio+json',
  markdown: 'text/markdown',
} as const;

/** The `format` values of Dossier's exports that an import restores. */
export const DOSSIER_EXPORT_FORMATS = ['dossier-portfolio', 'dossier-account-export'] as const;
export type ImportMediaType = (typeof IMPORT_MEDIA_TYPES)[keyof typeof IMPORT_MEDIA_TYPES];

export const ACCEPTED_UPLOADS =
  'a PDF, a Word document (.docx), Markdown (.md), a JSON Resume (.json) or a Dossier export (.json)';

export interface UploadLimits {
  maxBytes: number;
  /** Largest total a DOCX's zip may declare it expands to. */
  maxUncompressedBytes: number;
  maxEntries: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxEntries: 2000,
};

type Claim = 'pdf' | 'docx' | 'json' | 'markdown' | 'other' | 'none';

const BY_EXTENSION: Record<string, Claim> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'markdown',
};

const BY_CONTENT_TYPE: Record<string, Claim> = {
  'application/pdf': 'pdf',
  [IMPORT_MEDIA_TYPES.docx]: 'docx',
  'application/json': 'json',
  'application/vnd.jsonresume+json': 'json',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'markdown',
};

// Types clients send when they do not know; they claim nothing.
const NEUTRAL_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** What the name, then the declared type, says the file is; the bytes decide in the end. */
function claimOf(filename: string, contentType: string | null): Claim {
  const ext = path.extname(filename).toLowerCase();
  if (ext) return BY_EXTENSION[ext] ?? 'other';
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (NEUTRAL_TYPES.has(type)) return 'none';
  return BY_CONTENT_TYPE[type] ?? 'other';
}

const unsupported = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', `${message}. Upload ${ACCEPTED_UPLOADS}.`, {
    details: { ...details, accepted: Object.values(IMPORT_MEDIA_TYPES) },
  });

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04
// Common binary formats, named so the answer says what was sent.
const OTHER_MAGIC: Array<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a legacy Word/Office (OLE) file', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a gzip archive', [0x1f, 0x8b]],
];

function checkDocx(bytes: Uint8Array, limits: UploadLimits): void {
  const dir = readZipDirectory(bytes);
  if (!dir) throw new AppError('UNPROCESSABLE', 'The Word document is not a readable zip archive');
  if (dir.entries.length > limits.maxEntries) {
    throw new AppError('ZIP_BOMB', `The archive has more than ${limits.maxEntries} entries`, {
      details: { entries: dir.entries.length, maxEntries: limits.maxEntries },
    });
  }
  if (dir.uncompressedSize > limits.maxUncompressedBytes) {
    throw new AppError(
      'ZIP_BOMB',
      `The archive would expand to ${dir.uncompressedSize} bytes; at most ${limits.maxUncompressedBytes} are allowed`,
      {
        details: {
          uncompressedBytes: dir.uncompressedSize,
          maxUncompressedBytes: limits.maxUncompressedBytes,
        },
      },
    );
  }
  if (!dir.entries.some((e) => e.name === 'word/document.xml')) {
    throw unsupported('The zip archive is not a Word document (it has no word/document.xml)');
  }
}

function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw unsupported('The file is neither PDF, DOCX nor valid UTF-8 text');
  }
  if (text.includes('\u0000')) throw unsupported('The file is binary, not text');
  return text;
}

/**
 * Decides what an uploaded file is from its bytes — the name and declared type only say what it claims to
 * be — and refuses what cannot be imported before anything is stored: over the size limit (413), a claimed
 * PDF or DOCX without its signature, an image or other format (415), a DOCX whose zip declares more than the
 * expansion limit (422 ZIP_BOMB, read from the central directory without inflating anything).
 */
export function inspectUpload({
  filename,
  contentType,
  bytes,
  limits = DEFAULT_UPLOAD_LIMITS,
}: {
  filename: string;
  contentType: string | null;
  bytes: Uint8Array;
  limits?: UploadLimits;
}): { mediaType: ImportMediaType } {
  if (bytes.length > limits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The uploaded file exceeds ${limits.maxBytes} bytes`, {
      details: { maxBytes: limits.maxBytes },
    });
  }
  if (bytes.length === 0) throw new AppError('UNPROCESSABLE', 'The uploaded file is empty');
  const claim = claimOf(filename, contentType);
  if (startsWith(bytes, PDF_MAGIC)) return { mediaType: IMPORT_MEDIA_TYPES.pdf };
  if (startsWith(bytes, ZIP_MAGIC)) {
    checkDocx(bytes, limits);
    return { mediaType: IMPORT_MEDIA_TYPES.docx };
  }
  if (claim === 'pdf') throw unsupported('The file is named or typed as a PDF but has no %PDF- signature');
  if (claim === 'docx') throw unsupported('The file is named or typed as DOCX but is not a zip archive');
  for (const [what, sig] of OTHER_MAGIC) {
    if (startsWith(bytes, sig)) throw unsupported(`The file is ${what}`);
  }
  if (claim === 'other') throw unsupported(`Files like "${filename}" cannot be imported`);
  const text = decodeText(bytes);
  if (text.trim() === '') throw new AppError('UNPROCESSABLE', 'The uploaded file is empty');
  if (claim === 'json' || (claim === 'none' && text.trimStart().startsWith('{'))) {
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw unsupported('The JSON file does not parse', { reason: (err as Error).message });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw unsupported('A JSON Resume must be a JSON object');
    }
    const format = (value as { format?: unknown }).format;
    if ((DOSSIER_EXPORT_FORMATS as readonly unknown[]).includes(format)) {
      return { mediaType: IMPORT_MEDIA_TYPES.dossierPortfolio };
    }
    return { mediaType: IMPORT_MEDIA_TYPES.jsonResume };
  }
  return { mediaType: IMPORT_MEDIA_TYPES.markdown };
}
