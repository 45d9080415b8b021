import {
  getDefaultTaxonomy,
  type LlmPort,
  type PluginDeps,
  type PluginRegistry,
  parsePipelineConfig,
  resolvePipelineConfig,
  type Taxonomy,
  type TPipelineConfig,
} from '@dossier/core';
import { BUILTIN_PLUGINS } from '@dossier/plugins';
import { createModuleImporter } from '../pipeline/load-pipeline-config.js';

/** Every built-in plugin with the template generators only: the deterministic pipeline the gate runs. */
export function templatePipelineConfig(): unknown {
  return {
    plugins: BUILTIN_PLUGINS.map((p) => ({ use: p.name })),
    generators: { cv: ['template-cv'], 'cover-letter': ['template-cover-letter'] },
  };
}

export interface EvalPipeline {
  registry: PluginRegistry;
  config: TPipelineConfig;
  deps: PluginDeps;
  taxonomy: Taxonomy;
  /** The configured generator chains, e.g. `llm-cv→template-cv`. */
  generator: string;
}

const silent: PluginDeps['logger'] = { debug() {}, info() {}, warn() {}, error() {} };

/** The registry and one long-lived deps object (handlers are cached per deps object, as in a worker). */
export async function createEvalPipeline({
  pipelineConfig,
  configDir = process.cwd(),
  llm,
}: {
  pipelineConfig?: unknown;
  configDir?: string;
  llm?: LlmPort;
}): Promise<EvalPipeline> {
  const config = parsePipelineConfig(pipelineConfig ?? templatePipelineConfig());
  const registry = await resolvePipelineConfig(config, {
    builtins: BUILTIN_PLUGINS,
    importModule: createModuleImporter(configDir),
  });
  const taxonomy = getDefaultTaxonomy();
  const deps: PluginDeps = { logger: silent, clock: () => new Date(), taxonomy, ...(llm ? { llm } : {}) };
  const generator = [...new Set([...config.generators.cv, ...config.generators['cover-letter']])].join(', ');
  return { registry, config, deps, taxonomy, generator: generator || 'none' };
}
