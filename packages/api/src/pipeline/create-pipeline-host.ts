import {
  getDefaultTaxonomy,
  type LlmPort,
  type PipelineProgress,
  type PluginDeps,
  type PluginRegistry,
  parsePipelineConfig,
  resolvePipelineConfig,
  runPipeline,
  type TPipelineConfig,
} from '@dossier/core';
import { BUILTIN_PLUGINS, buildLlmPortFromConfig } from '@dossier/plugins';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/load-config.js';
import { createModuleImporter, readPipelineConfigFile } from './load-pipeline-config.js';

export type PipelineInput = Parameters<typeof runPipeline>[0]['input'];
export type PipelineResult = Awaited<ReturnType<typeof runPipeline>>;

export interface PipelineHost {
  registry: PluginRegistry;
  config: TPipelineConfig;
  /** Plugin dependencies; a fresh LLM port per call so each generation has its own token budget. */
  deps(): PluginDeps;
  run(
    input: PipelineInput,
    opts?: { signal?: AbortSignal; onProgress?: (p: PipelineProgress) => void },
  ): Promise<PipelineResult>;
}

/** The default pipeline: every built-in; the LLM generators first when a model is configured. */
export function defaultPipelineConfig(llmConfigured: boolean): unknown {
  return {
    plugins: BUILTIN_PLUGINS.map((p) => ({ use: p.name })),
    generators: llmConfigured
      ? { cv: ['llm-cv', 'template-cv'], 'cover-letter': ['llm-cover-letter', 'template-cover-letter'] }
      : { cv: ['template-cv'], 'cover-letter': ['template-cover-letter'] },
  };
}

function pluginLogger(logger: Logger): PluginDeps['logger'] {
  return {
    debug: (msg, data) => logger.debug(data ?? {}, msg),
    info: (msg, data) => logger.info(data ?? {}, msg),
    warn: (msg, data) => logger.warn(data ?? {}, msg),
    error: (msg, data) => logger.error(data ?? {}, msg),
  };
}

/**
 * Builds the tailoring pipeline for a process (CLI, API worker, evaluation): reads `dossier.config.json` (or
 * the defaults), loads third-party plugins by package name or path, and wires the LLM from configuration.
 */
export async function createPipelineHost({
  appConfig,
  logger,
  configPath = appConfig.pipelineConfigPath,
  clock = () => new Date(),
}: {
  appConfig: AppConfig;
  logger: Logger;
  configPath?: string;
  clock?: () => Date;
}): Promise<PipelineHost> {
  const file = configPath ? readPipelineConfigFile(configPath) : undefined;
  const raw = file?.json ?? defaultPipelineConfig(Boolean(appConfig.llm));
  const config = parsePipelineConfig(raw);
  const registry = await resolvePipelineConfig(config, {
    builtins: BUILTIN_PLUGINS,
    importModule: createModuleImporter(file?.dir ?? process.cwd()),
  });
  const taxonomy = getDefaultTaxonomy();
  const log = pluginLogger(logger);
  const llm = appConfig.llm;
  const buildPort = (): LlmPort | undefined =>
    llm
      ? buildLlmPortFromConfig({
          providers: [{ name: 'default', ...llm }],
          budgetTokens: config.llm?.budgetTokens ?? appConfig.llmBudgetTokens,
        })
      : undefined;
  // Handlers are cached per deps object: keep one for long-lived plugins, with a per-run LLM port inside.
  const shared: PluginDeps = { logger: log, clock, taxonomy };
  const deps = (): PluginDeps => {
    const port = buildPort();
    return port ? { ...shared, llm: port } : shared;
  };
  return {
    registry,
    config,
    deps,
    run: (input, opts = {}) => runPipeline({ registry, deps: deps(), config, input, ...opts }),
  };
}
