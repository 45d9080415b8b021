import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The shared reference datasets live beside the project (`../shared/datasets`), never inside it. Tests that
 * need them resolve the path here and fail with a clear message when it is missing.
 */
export function datasetsDir(): string {
  const dir = path.resolve(
    process.env.DOSSIER_DATASETS ?? path.join(import.meta.dirname, '../../../../../shared/datasets'),
  );
  if (!existsSync(dir)) {
    throw new Error(
      `Reference datasets not found at ${dir}. Set DOSSIER_DATASETS to the shared/datasets folder.`,
    );
  }
  return dir;
}
