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
  /** Plugin dependencies for one document: a fresh LLM port each time, so every generation has its own budget. */
  deps(): PluginDeps;
  taxonomy: Taxonomy;
  /** The configured generator chains, e.g. `llm-cv→template-cv`. */
  generator: string;
}

const silent: PluginDeps['logger'] = { debug() {}, info() {}, warn() {}, error() {} };

/** The registry, the configuration and the plugin dependencies of an evaluation run. */
export async function createEvalPipeline({
  pipelineConfig,
  configDir = process.cwd(),
  llm,
}: {
  pipelineConfig?: unknown;
  configDir?: string;
  /** Makes an LLM port for one generation; without it LLM generators fall back to the template. */
  llm?: () => LlmPort | undefined;
}): Promise<EvalPipeline> {
  const config = parsePipelineConfig(pipelineConfig ?? templatePipelineConfig());
  const registry = await resolvePipelineConfig(config, {
    builtins: BUILTIN_PLUGINS,
    importModule: createModuleImporter(configDir),
  });
  const taxonomy = getDefaultTaxonomy();
  // Handlers are cached per deps object: one shared object unless an LLM port must be fresh per generation.
  const shared: PluginDeps = { logger: silent, clock: () => new Date(), taxonomy };
  const deps = (): PluginDeps => {
    const port = llm?.();
    return port ? { ...shared, llm: port } : shared;
  };
  const generator = [...new Set([...config.generators.cv, ...config.generators['cover-letter']])].join(', ');
  return { registry, config, deps, taxonomy, generator: generator || 'none' };
}
