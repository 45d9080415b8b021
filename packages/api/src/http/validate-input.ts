import type { z } from 'zod';
import { findNulCharacters } from '../db/without-nul.js';
import { AppError } from '../errors/app-error.js';

export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

export function toIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => {
    const keys = (i as { keys?: string[] }).keys;
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    const message =
      i.code === 'unrecognized_keys' && keys
        ? `Unknown or read-only field(s): ${keys.join(', ')}`
        : i.message;
    return { path, message, code: i.code };
  });
}

/** Parses one part of the request; a failure is 400 VALIDATION_FAILED with one issue per field. */
export function validateInput<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  part: 'body' | 'query',
): T {
  if (!schema) return undefined as T;
  // PostgreSQL cannot store U+0000: refused here, with the fields named, rather than failing the write.
  const withNul = findNulCharacters(value, part);
  if (withNul.length) {
    throw new AppError('VALIDATION_FAILED', `Invalid request ${part}`, {
      details: {
        issues: withNul.map((path) => ({
          path,
          message: 'Must not contain the NUL character (U+0000)',
          code: 'invalid_string',
        })),
      },
    });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', `Invalid request ${part}`, {
      details: { issues: toIssues(result.error, part) },
    });
  }
  return result.data;
}
