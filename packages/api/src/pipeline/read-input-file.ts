import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface InputFile {
  filename: string;
  mediaType: string;
  bytes: Uint8Array;
}

const BY_EXTENSION: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.json': 'application/json',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
};

/** Media type from magic bytes first (a renamed file is still what it is), then the extension. */
export function detectMediaType(filename: string, bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'application/pdf';
  if (head.startsWith('PK\u0003\u0004')) return BY_EXTENSION['.docx']!;
  const ext = path.extname(filename).toLowerCase();
  if (BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  const text = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart();
  if (text.startsWith('{')) return 'application/json';
  if (/^<(!doctype|html|body|div|p|h\d)/i.test(text)) return 'text/html';
  return 'text/plain';
}

/** Reads a file, or standard input for `-`. */
export function readInputFile(file: string): InputFile {
  const bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  const filename = file === '-' ? 'stdin' : path.basename(file);
  return { filename, mediaType: detectMediaType(filename, bytes), bytes: new Uint8Array(bytes) };
}

export const isTextual = (mediaType: string) =>
  mediaType.startsWith('text/') || mediaType === 'application/json';
