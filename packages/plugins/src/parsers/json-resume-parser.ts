import { definePlugin, type ParserOutput } from '@dossier/core';
import { convertFreshResume, isFreshResume } from './json-resume/convert-fresh-resume.js';
import { describeIssues, ZJsonResume } from './json-resume/json-resume-schema.js';
import { mapJsonResume } from './json-resume/map-json-resume.js';
import { ParseError } from './parse-error.js';
import { assertMediaType, MAX_BYTES_OPTIONS_SCHEMA, readInputText } from './shared/read-parser-input.js';

export interface JsonResumeParserOptions {
  /** Largest document accepted, in bytes. */
  maxBytes?: number;
}

export const JSON_RESUME_MEDIA_TYPES = ['application/json', 'application/vnd.jsonresume+json'] as const;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ParseError('CORRUPT_FILE', `Not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * JSON Resume (https://jsonresume.org/schema, v1 and the legacy v0 field names) → portfolio. FRESH resumes are
 * recognised and their common parts converted first. The document is checked structurally with zod and a
 * mismatch is an `INVALID_JSON_RESUME` error naming the path (`work[2].startDate: expected ISO date …`).
 */
export const jsonResumeParser = definePlugin<'parser', JsonResumeParserOptions>({
  name: 'json-resume',
  kind: 'parser',
  version: '1.0.0',
  description: 'Imports JSON Resume (and FRESH) documents as a profile and evidence-linked artifacts.',
  order: 20,
  optionsSchema: MAX_BYTES_OPTIONS_SCHEMA,
  create(options, deps) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    return {
      accepts: [...JSON_RESUME_MEDIA_TYPES],
      produces: 'portfolio',
      async parse(input, ctx): Promise<ParserOutput> {
        ctx.signal.throwIfAborted();
        assertMediaType(input, JSON_RESUME_MEDIA_TYPES, 'json-resume');
        let document = parseJson(readInputText(input, maxBytes));
        if (typeof document !== 'object' || document === null || Array.isArray(document)) {
          const got = document === null ? 'null' : Array.isArray(document) ? 'an array' : typeof document;
          throw new ParseError('INVALID_JSON_RESUME', `(document): expected a JSON object, got ${got}`);
        }
        if (isFreshResume(document as Record<string, unknown>)) {
          document = convertFreshResume(document as Record<string, unknown>);
          ctx.report({
            ruleId: 'json-resume/fresh-converted',
            severity: 'info',
            message:
              'This is a FRESH resume; its basics, employment, projects, education, service, recognition, writing and skills were converted to JSON Resume. Other FRESH sections were ignored.',
          });
        }
        const checked = ZJsonResume.safeParse(document);
        if (!checked.success) {
          const problems = describeIssues(checked.error, document);
          throw new ParseError('INVALID_JSON_RESUME', `Not a valid JSON Resume: ${problems.join('; ')}`, {
            details: { problems },
          });
        }
        ctx.signal.throwIfAborted();
        const fallbackName = input.filename?.replace(/\.[^.]+$/, '') || 'Unnamed candidate';
        const portfolio = mapJsonResume(checked.data, fallbackName, {
          taxonomy: deps.taxonomy,
          report: (diagnostic) => ctx.report(diagnostic),
        });
        ctx.progress(100);
        return { type: 'portfolio', portfolio };
      },
    };
  },
});
