import type { ErrorBody, ValidationIssue } from './types';

export interface FieldIssue {
  /** Dotted path relative to the request body, e.g. `title` or `evidence.0.url`. */
  path: string;
  message: string;
}

// Validation issues may be reported relative to the request (`body.title`) or to the body (`title`).
const REQUEST_PARTS = new Set(['body', 'query', 'params']);

function normalisePath(path: ValidationIssue['path']): string {
  const parts = Array.isArray(path) ? path.map(String) : String(path).split('.').filter(Boolean);
  if (parts.length > 1 && REQUEST_PARTS.has(parts[0] ?? '')) parts.shift();
  return parts.join('.');
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: 'Could not reach Dossier. Check your connection and try again.',
  401: 'Your session has expired. Please log in again.',
  403: 'You are not allowed to do that.',
  404: 'That could not be found.',
  409: 'That conflicts with something that already exists.',
  413: 'That is too large to upload.',
  429: 'Too many requests. Please wait a moment and try again.',
  500: 'Something went wrong on our side. Please try again.',
  502: 'An upstream service failed. Please try again.',
  503: 'Dossier is temporarily unavailable. Please try again shortly.',
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: FieldIssue[];
  /** Seconds to wait, from `Retry-After` on 429 answers. */
  readonly retryAfter: number | undefined;

  constructor(props: {
    status: number;
    code: string;
    message: string;
    requestId?: string;
    details?: Record<string, unknown>;
    retryAfter?: number;
  }) {
    super(props.message);
    this.status = props.status;
    this.code = props.code;
    this.requestId = props.requestId;
    this.details = props.details;
    this.retryAfter = props.retryAfter;
    const rawIssues = props.details?.issues;
    this.issues = Array.isArray(rawIssues)
      ? (rawIssues as ValidationIssue[])
          .filter((issue) => issue && typeof issue.message === 'string')
          .map((issue) => ({ path: normalisePath(issue.path ?? ''), message: issue.message }))
      : [];
  }

  /** First message per field path, for showing next to form controls. */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const issue of this.issues) {
      if (issue.path && !(issue.path in errors)) errors[issue.path] = issue.message;
    }
    return errors;
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError({ status: 0, code: 'NETWORK', message: FALLBACK_MESSAGES[0]! });
    (error as Error).cause = cause;
    return error;
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const retryHeader = response.headers.get('Retry-After');
    const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
    let body: Partial<ErrorBody> | undefined;
    try {
      body = (await response.json()) as Partial<ErrorBody>;
    } catch {
      body = undefined;
    }
    const err = body?.error;
    let message =
      (typeof err?.message === 'string' && err.message) ||
      FALLBACK_MESSAGES[response.status] ||
      `Request failed (${response.status}).`;
    if (response.status === 429 && retryAfter !== undefined && !/\d+\s*s/.test(message)) {
      message = `${message} Try again in ${formatWait(retryAfter)}.`;
    }
    return new ApiError({
      status: response.status,
      code: typeof err?.code === 'string' ? err.code : `HTTP_${response.status}`,
      message,
      ...(err?.requestId ? { requestId: err.requestId } : {}),
      ...(err?.details ? { details: err.details } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

/**
 * The current revision (artifacts) or version (documents) when an edit was refused because another one was
 * saved after the edit's base; null for any other error.
 */
export function editConflictCurrent(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'EDIT_CONFLICT') return null;
  const current = error.details?.currentRevision ?? error.details?.currentVersion;
  return typeof current === 'number' ? current : null;
}

/**
 * What a form shows next to its fields for a failed request: the messages given for the answer's status (say a
 * 403 on the password field), else the server's field issues; null when the error concerns no field.
 */
export function formFieldErrors(
  error: unknown,
  byStatus: Record<number, Record<string, string>> = {},
): Record<string, string> | null {
  if (!(error instanceof ApiError)) return null;
  return byStatus[error.status] ?? (error.issues.length ? error.fieldErrors() : null);
}

/** A readable message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
