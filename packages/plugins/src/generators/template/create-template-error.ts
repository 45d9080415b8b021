export type TemplateErrorCode = 'EMPTY_PORTFOLIO' | 'UNSUPPORTED_KIND';

export interface TemplateError extends Error {
  code: TemplateErrorCode;
}

/** A fatal template-generator error with a stable `code` callers can branch on. */
export function createTemplateError(code: TemplateErrorCode, message: string): TemplateError {
  const error = new Error(message) as TemplateError;
  error.name = 'TemplateError';
  error.code = code;
  return error;
}
