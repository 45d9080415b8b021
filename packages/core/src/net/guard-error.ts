export const GUARD_ERROR_CODES = [
  'INVALID_URL',
  'BLOCKED_SCHEME',
  'BLOCKED_ADDRESS',
  'BLOCKED_PORT',
  'TOO_MANY_REDIRECTS',
  'TOO_LARGE',
  'TIMEOUT',
] as const;
export type GuardErrorCode = (typeof GUARD_ERROR_CODES)[number];

/**
 * The outbound HTTP guard refused or cut short a request. It lives in core so plugins (which receive the guarded
 * fetch through their deps) can tell a refusal (`blocked` evidence) from a network failure (`broken`).
 */
export class GuardError extends Error {
  override readonly name = 'GuardError';
  readonly code: GuardErrorCode;
  /** The URL of the hop that was refused. */
  readonly url: string | undefined;

  constructor(code: GuardErrorCode, message: string, options: { url?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.url = options.url;
  }
}

/** Structural check, so an error from another copy of the module still counts. */
export function isGuardError(error: unknown): error is GuardError {
  return (
    error instanceof GuardError ||
    (error instanceof Error &&
      error.name === 'GuardError' &&
      GUARD_ERROR_CODES.includes((error as { code?: unknown }).code as GuardErrorCode))
  );
}
