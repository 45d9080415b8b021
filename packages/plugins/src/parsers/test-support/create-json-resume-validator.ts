import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { datasetsDir } from './fixture-paths.js';

/**
 * The official JSON Resume schema (draft-07) compiled with ajv, for tests only: the parser itself checks
 * structure with zod and never reads the schema at runtime. Formats (`uri`, `email`) are not validated, as in
 * the schema's own test suite, whose valid fixtures include `"$schema": "foo-bar-baz"`.
 */
export function createJsonResumeValidator(): (document: unknown) => boolean {
  const schemaPath = path.join(datasetsDir(), 'resumes/jsonresume-schema/schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(schema);
}
