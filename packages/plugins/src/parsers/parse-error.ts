export const PARSE_ERROR_CODES = [
  'EMPTY_INPUT',
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_JSON_RESUME',
  'INVALID_PORTFOLIO',
  'ENCRYPTED_PDF',
  'CORRUPT_FILE',
  'ZIP_BOMB',
] as const;
export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

/**
 * The one error parsers throw for bad input. `code` is stable (callers map it to HTTP 413/415/422); the message
 * is for people and names what was wrong and where (`work[2].startDate: expected ISO date`).
 */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  readonly code: ParseErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ParseErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

export const isParseError = (error: unknown): error is ParseError => error instanceof ParseError;
