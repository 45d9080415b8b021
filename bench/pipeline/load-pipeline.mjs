// Loads the built core and plugins packages and wires the template pipeline the way
// packages/api/src/pipeline/create-pipeline-host.ts does (every built-in, template generators only, no LLM).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORE_DIST = path.join(ROOT, 'packages/core/dist/index.js');
const PLUGINS_DIST = path.join(ROOT, 'packages/plugins/dist/index.js');
export const JOB_PATH = path.join(ROOT, 'fixtures/pipeline/jobs/backend-engineer.txt');
export const PORTFOLIO_PATH = path.join(ROOT, 'fixtures/pipeline/portfolio.json');
// A fixed clock: dates in the documents (and so the bytes) do not depend on when the bench runs.
const NOW = new Date('2026-01-15T09:00:00Z');

export function assertBuilt() {
  const missing = [CORE_DIST, PLUGINS_DIST].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `not built: ${missing.map((f) => path.relative(ROOT, f)).join(', ')}; run \`npx turbo run build\` first`,
    );
  }
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The registry, config and one long-lived deps object (handlers are cached per deps object, as in a worker),
 * plus the job text and the fixture's profile.
 */
export async function loadPipeline() {
  assertBuilt();
  const core = await import(pathToFileURL(CORE_DIST).href);
  const { BUILTIN_PLUGINS } = await import(pathToFileURL(PLUGINS_DIST).href);
  const config = core.parsePipelineConfig({
    plugins: BUILTIN_PLUGINS.map((p) => ({ use: p.name })),
    generators: { cv: ['template-cv'], 'cover-letter': ['template-cover-letter'] },
  });
  const registry = await core.resolvePipelineConfig(config, {
    builtins: BUILTIN_PLUGINS,
    importModule: (specifier) => import(specifier),
  });
  const taxonomy = core.getDefaultTaxonomy();
  const deps = { logger: silent, clock: () => NOW, taxonomy };
  const run = (input) => core.runPipeline({ registry, deps, config, input });
  return {
    core,
    registry,
    config,
    deps,
    taxonomy,
    run,
    jobText: readFileSync(JOB_PATH, 'utf8'),
    profile: JSON.parse(readFileSync(PORTFOLIO_PATH, 'utf8')).profile,
  };
}

/** What an exporter's `export` needs besides the content: a signal and no-op reporting. */
export function exportContext() {
  return { signal: new AbortController().signal, report() {}, progress() {} };
}
