import type { ParserInput } from '@dossier/core';
import { ParseError } from '../parse-error.js';

/** `Text/HTML; charset=utf-8` → `text/html`. */
export function normalizeMediaType(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

export function assertMediaType(input: ParserInput, accepts: readonly string[], parser: string): string {
  const mediaType = normalizeMediaType(input.mediaType ?? '');
  if (!accepts.includes(mediaType)) {
    throw new ParseError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${parser} reads ${accepts.join(', ')}; got ${mediaType || 'no media type'}`,
      { details: { mediaType, accepts: [...accepts] } },
    );
  }
  return mediaType;
}

/** UTF-8 length of a string, counting no further than `limit + 1` so a huge string costs nothing extra. */
function utf8LengthUpTo(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function tooLarge(size: number | null, maxBytes: number): ParseError {
  const shown = size === null ? `more than ${maxBytes}` : String(size);
  return new ParseError('TOO_LARGE', `Input is ${shown} bytes; the limit is ${maxBytes} bytes`, {
    details: { maxBytes, ...(size === null ? {} : { size }) },
  });
}

function decodeBytes(bytes: Uint8Array): string {
  // Word and Notepad still write UTF-16 with a byte-order mark; everything else is read as UTF-8.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The input as text, size-checked before any work: a string longer than the limit in UTF-16 units is over it in
 * UTF-8 bytes too, so the common oversize case is refused without scanning.
 */
export function readInputText(input: ParserInput, maxBytes: number): string {
  let text: string;
  if (typeof input.text === 'string') {
    if (input.text.length > maxBytes) throw tooLarge(null, maxBytes);
    const size = utf8LengthUpTo(input.text, maxBytes);
    if (size > maxBytes) throw tooLarge(null, maxBytes);
    text = input.text;
  } else if (input.bytes instanceof Uint8Array) {
    if (input.bytes.byteLength > maxBytes) throw tooLarge(input.bytes.byteLength, maxBytes);
    text = decodeBytes(input.bytes);
  } else {
    throw new ParseError('EMPTY_INPUT', 'No text or bytes were given');
  }
  if (text.trim() === '') throw new ParseError('EMPTY_INPUT', 'The input is empty or only whitespace');
  return text;
}

/** The input as bytes, size-checked; text given to a binary parser is not a file of that type. */
export function readInputBytes(input: ParserInput, maxBytes: number, what: string): Uint8Array {
  const bytes = input.bytes;
  if (!(bytes instanceof Uint8Array)) {
    if (typeof input.text === 'string' && input.text.trim() !== '') {
      throw new ParseError('CORRUPT_FILE', `Expected the bytes of a ${what}, got text`);
    }
    throw new ParseError('EMPTY_INPUT', `No ${what} bytes were given`);
  }
  if (bytes.byteLength === 0) throw new ParseError('EMPTY_INPUT', `The ${what} is empty (0 bytes)`);
  if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength, maxBytes);
  return bytes;
}

/** The options of a parser whose one setting is the largest input it accepts (`maxBytes`), as JSON Schema. */
export const MAX_BYTES_OPTIONS_SCHEMA = {
  type: 'object',
  properties: { maxBytes: { type: 'integer', minimum: 1 } },
  additionalProperties: false,
};
