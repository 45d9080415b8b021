import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (five levels up from packages/plugins/src/parsers/test-support). */
export const REPO_ROOT = path.resolve(here, '../../../../..');
export const PIPELINE_FIXTURES = path.join(REPO_ROOT, 'fixtures/pipeline');

/**
 * The shared reference datasets, which live outside the repository. Tests that need them call this and fail
 * with a message that says where the data was looked for and how to point at it.
 */
export function datasetsDir(): string {
  const dir = process.env.DOSSIER_DATASETS ?? path.resolve(REPO_ROOT, '../shared/datasets');
  if (!existsSync(path.join(dir, 'resumes'))) {
    throw new Error(
      `Reference datasets not found at ${dir}. Set DOSSIER_DATASETS to the datasets folder (see ../shared/datasets/README.md).`,
    );
  }
  return dir;
}
