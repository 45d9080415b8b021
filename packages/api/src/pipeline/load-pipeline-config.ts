import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export class PipelineConfigFileError extends Error {
  override name = 'PipelineConfigFileError';
}

/** Reads `dossier.config.json`; errors say which file and why. */
export function readPipelineConfigFile(file: string): { json: unknown; dir: string } {
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new PipelineConfigFileError(`pipeline config ${abs} does not exist`);
  try {
    return { json: JSON.parse(readFileSync(abs, 'utf8')), dir: path.dirname(abs) };
  } catch (err) {
    throw new PipelineConfigFileError(`pipeline config ${abs} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Loads a plugin module named in the config: a path (relative to the config file; a folder is read as a
 * package through its package.json) or an npm package name resolved from the config's folder.
 */
export function createModuleImporter(baseDir: string): (specifier: string) => Promise<unknown> {
  return async (specifier) => {
    let file: string;
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
      const target = path.resolve(baseDir, specifier);
      if (existsSync(target) && statSync(target).isDirectory()) {
        const pkgFile = path.join(target, 'package.json');
        const pkg = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')) : {};
        const entry =
          (typeof pkg.exports === 'string'
            ? pkg.exports
            : (pkg.exports?.['.']?.default ?? pkg.exports?.['.'])) ??
          pkg.main ??
          'index.js';
        file = path.join(target, entry);
      } else file = target;
    } else {
      try {
        file = createRequire(path.join(baseDir, 'noop.js')).resolve(specifier);
      } catch {
        // ESM-only packages have no `require` entry; let the loader resolve them.
        return import(specifier);
      }
    }
    return import(pathToFileURL(file).href);
  };
}
