import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors/app-error.js';

export interface MultipartFile {
  field: string;
  filename: string;
  /** The part's own Content-Type, as the client declared it (never trusted on its own). */
  contentType: string | null;
  bytes: Buffer;
}

export interface MultipartBody {
  files: MultipartFile[];
  fields: Record<string, string>;
}

export interface ReadMultipartOptions {
  /** Largest file part accepted; a larger one is 413 PAYLOAD_TOO_LARGE. */
  maxFileBytes: number;
  /** Room for boundaries, part headers and small text fields on top of the file. */
  overheadBytes?: number;
  maxParts?: number;
}

// Part headers are a few hundred bytes in practice; more is malformed or hostile.
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

const badRequest = (message: string) => new AppError('BAD_REQUEST', `Malformed multipart body: ${message}`);
const tooLarge = (limit: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The uploaded file exceeds ${limit} bytes`, {
    details: { maxBytes: limit },
  });

/** The boundary parameter of a `multipart/form-data` content type (RFC 2046: 1–70 characters). */
export function readBoundary(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw badRequest('the Content-Type has no boundary');
  return boundary;
}

/** Splits `form-data; name="file"; filename="cv.pdf"` into its parameters, quoted strings unescaped. */
function readParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const m of value.matchAll(re)) {
    const key = m[1]!.toLowerCase();
    params[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
  }
  return params;
}

/** `filename*=UTF-8''na%C3%AFve.pdf` (RFC 5987) wins over `filename`, as browsers and curl send either. */
function readFilename(params: Record<string, string>): string | undefined {
  const extended = params['filename*'];
  if (extended) {
    const m = /^([\w-]+)'[^']*'(.*)$/.exec(extended);
    if (m) {
      try {
        return decodeURIComponent(m[2]!);
      } catch {
        // Fall through to the plain parameter.
      }
    }
  }
  return params.filename;
}

function parsePart(raw: Buffer): {
  name: string;
  filename?: string;
  contentType: string | null;
  body: Buffer;
} {
  let headerText = '';
  let body: Buffer;
  if (raw.subarray(0, 2).equals(CRLF)) {
    body = raw.subarray(2);
  } else {
    const end = raw.indexOf(HEADER_END);
    if (end < 0 || end > MAX_HEADER_BYTES) throw badRequest('a part has no end of headers');
    headerText = raw.subarray(0, end).toString('utf8');
    body = raw.subarray(end + HEADER_END.length);
  }
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw badRequest('a part header is not "Name: value"');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const disposition = headers['content-disposition'];
  if (!disposition || !/^form-data\b/i.test(disposition)) {
    throw badRequest('a part has no Content-Disposition: form-data');
  }
  const params = readParams(disposition);
  if (!params.name) throw badRequest('a part has no name');
  const filename = readFilename(params);
  return {
    name: params.name,
    ...(filename !== undefined ? { filename } : {}),
    contentType: headers['content-type'] ?? null,
    body,
  };
}

/** Splits a complete multipart body at its delimiters (RFC 2046 §5.1.1): preamble, parts, close, epilogue. */
export function parseMultipart(body: Buffer, boundary: string, maxParts = 20): MultipartBody {
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pos: number;
  if (body.subarray(0, dash.length).equals(dash)) pos = dash.length;
  else {
    const first = body.indexOf(delimiter);
    if (first < 0) throw badRequest('the boundary does not occur in the body');
    pos = first + delimiter.length;
  }
  const result: MultipartBody = { files: [], fields: {} };
  let parts = 0;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return result;
    // Transport padding may follow a delimiter before its line break.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos += 1;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw badRequest('a delimiter is not followed by CRLF');
    pos += 2;
    const next = body.indexOf(delimiter, pos);
    if (next < 0) throw badRequest('the closing boundary is missing');
    parts += 1;
    if (parts > maxParts) throw badRequest(`more than ${maxParts} parts`);
    const part = parsePart(body.subarray(pos, next));
    if (part.filename !== undefined) {
      result.files.push({
        field: part.name,
        filename: part.filename,
        contentType: part.contentType,
        bytes: part.body,
      });
    } else {
      result.fields[part.name] = part.body.toString('utf8');
    }
    pos = next + delimiter.length;
  }
}

/**
 * Reads a `multipart/form-data` request body with a hard limit: the declared Content-Length is checked before
 * anything is read, and reading stops as soon as the stream passes the file limit plus a small overhead (413).
 * The body is held in memory — it is at most about 10 MB — and split into parts once complete.
 */
export async function readMultipart(
  req: IncomingMessage,
  contentType: string,
  { maxFileBytes, overheadBytes = 64 * 1024, maxParts = 20 }: ReadMultipartOptions,
): Promise<MultipartBody> {
  const boundary = readBoundary(contentType);
  const maxBody = maxFileBytes + overheadBytes;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBody) throw tooLarge(maxFileBytes);
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        cleanup();
        // Drain without keeping anything so the client still receives the 413 instead of a reset connection.
        req.resume();
        reject(tooLarge(maxFileBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(badRequest(`the upload was interrupted (${err.message})`));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
  const parsed = parseMultipart(body, boundary, maxParts);
  for (const file of parsed.files) if (file.bytes.length > maxFileBytes) throw tooLarge(maxFileBytes);
  return parsed;
}
