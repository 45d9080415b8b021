import {
  createGuardedWebFetch,
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
import { BUILTIN_PLUGINS, buildLlmPortFromConfig, preloadLlmSdks } from '@dossier/plugins';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/load-config.js';
import { createModuleImporter, readPipelineConfigFile } from './load-pipeline-config.js';

export type PipelineInput = Parameters<typeof runPipeline>[0]['input'];
export type PipelineResult = Awaited<ReturnType<typeof runPipeline>>;

/** A user's daily token ledger, which the LLM port checks before every call. */
export interface LlmUserBudget {
  userId: string;
  userDailyRemaining: (userId: string) => Promise<number>;
}

export interface PipelineRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: PipelineProgress) => void;
  /** Replaces top-level parts of the configuration for this run only (e.g. a template-only generator chain). */
  configOverride?: Partial<TPipelineConfig>;
  llmBudget?: LlmUserBudget;
}

export interface PipelineHost {
  registry: PluginRegistry;
  config: TPipelineConfig;
  /** Plugin dependencies; a fresh LLM port per call so each generation has its own token budget. */
  deps(budget?: LlmUserBudget): PluginDeps;
  run(input: PipelineInput, opts?: PipelineRunOptions): Promise<PipelineResult>;
  /** Loads the configured model provider's SDK (nothing when no model is configured); calls no model. */
  preloadModelSdk(): Promise<void>;
}

/** Template generators never call a model; everything else in a chain is treated as model-backed. */
export const isTemplateGenerator = (name: string) => name.startsWith('template-');

/** The configured chain's template generators for a kind, or the built-in one when it names none. */
export function templateChain(config: TPipelineConfig, kind: 'cv' | 'cover-letter'): string[] {
  const templates = config.generators[kind].filter(isTemplateGenerator);
  return templates.length > 0 ? templates : [`template-${kind}`];
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
  // LLM base URLs go through the SSRF guard too: a local server needs DOSSIER_OUTBOUND_ALLOWLIST.
  const llmFetch = llm ? createGuardedWebFetch({ allowList: appConfig.outboundAllowList }) : undefined;
  const buildPort = (budget?: LlmUserBudget): LlmPort | undefined =>
    llm
      ? buildLlmPortFromConfig({
          providers: [{ name: 'default', ...llm }],
          ...(llmFetch ? { fetch: llmFetch } : {}),
          budgetTokens: config.llm?.budgetTokens ?? appConfig.llmBudgetTokens,
          ...(budget ? { userId: budget.userId, userDailyRemaining: budget.userDailyRemaining } : {}),
        })
      : undefined;
  // Handlers are cached per deps object: keep one for long-lived plugins, with a per-run LLM port inside.
  const shared: PluginDeps = { logger: log, clock, taxonomy };
  const deps = (budget?: LlmUserBudget): PluginDeps => {
    const port = buildPort(budget);
    return port ? { ...shared, llm: port } : shared;
  };
  return {
    registry,
    config,
    deps,
    run: (input, { configOverride, llmBudget, ...opts } = {}) =>
      runPipeline({
        registry,
        deps: deps(llmBudget),
        config: configOverride ? { ...config, ...configOverride } : config,
        input,
        ...opts,
      }),
    preloadModelSdk: () => (llm ? preloadLlmSdks([llm]) : Promise.resolve()),
  };
}
