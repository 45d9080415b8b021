import { z } from 'zod';
import type { TAtsReport } from '../domain/ats-report.js';
import type { TDiagnostic } from '../domain/diagnostic.js';
import { DOCUMENT_KINDS, type TDocumentContent } from '../domain/document-content.js';
import { type TParsedJob, ZParsedJob } from '../domain/job-description.js';
import { type TPipelinePortfolio, ZPipelinePortfolio } from '../domain/pipeline-artifact.js';
import { checkGrounding } from '../grounding/check-grounding.js';
import type { LlmUsage } from '../llm/llm-port.js';
import type { ExportOutput, GenerateOptions, PluginDeps, RankedArtifact } from '../plugins/contract.js';
import { combineScores } from './combine-scores.js';
import { createExportRenderer } from './create-export-renderer.js';
import type { PluginRegistry } from './create-registry.js';
import { createRunState, type PipelineProgress, type RunState } from './create-run-state.js';
import { parsePipelineConfig, type TPipelineConfig, type TPipelineConfigInput } from './pipeline-config.js';
import { PipelineError, type PipelineStage } from './pipeline-error.js';
import { runAtsStage } from './run-ats-stage.js';
import { type GroundFn, runGenerateStage } from './run-generate-stage.js';
import { runParseStage } from './run-parse-stage.js';
import { summarizeZodError, ZArtifactScores, ZGenerateOptions, ZRawJob } from './stage-schemas.js';

export interface PipelineInput {
  kind: 'cv' | 'cover-letter';
  /** A parsed job, or raw text that the first parser accepting its media type (default text/plain) parses. */
  job: TParsedJob | { text: string; mediaType?: string };
  portfolio: TPipelinePortfolio;
  labelIds?: string[];
  options?: Partial<GenerateOptions>;
  exportFormats?: string[];
}

export interface RunPipelineOptions {
  registry: PluginRegistry;
  deps: PluginDeps;
  /** `dossier.config.json` as written (defaults are filled in) or already parsed. */
  config: TPipelineConfigInput | TPipelineConfig;
  input: PipelineInput;
  signal?: AbortSignal;
  onProgress?: (event: PipelineProgress) => void;
  /** Grounding check; `checkGrounding` unless a test substitutes one. */
  ground?: GroundFn;
}

export interface PipelineResult {
  job: TParsedJob;
  ranked: RankedArtifact[];
  content: TDocumentContent;
  /** The generator whose content was kept. */
  generator: string;
  /** Why earlier generators of the chain were passed over, `; `-separated; null when the first one served. */
  fallbackReason: string | null;
  model: string | null;
  /** Null when no ATS checker is registered. */
  ats: TAtsReport | null;
  exports: Record<string, ExportOutput>;
  diagnostics: TDiagnostic[];
  /** Milliseconds per stage; 0 for a stage with nothing to do. */
  timings: Record<PipelineStage, number>;
  usage: LlmUsage;
}

const ZPipelineInput = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  job: z.unknown(),
  portfolio: ZPipelinePortfolio,
  labelIds: z.array(z.string()).default([]),
  options: ZGenerateOptions.prefault({}),
  exportFormats: z.array(z.string().min(1)).default([]),
});

function invalidInput(what: string, error: z.ZodError): PipelineError {
  return new PipelineError(
    'INVALID_INPUT',
    `invalid ${what}: ${summarizeZodError(error)}`,
    {},
    { cause: error },
  );
}

function validateInput(input: unknown) {
  const parsed = ZPipelineInput.safeParse(input);
  if (!parsed.success) throw invalidInput('pipeline input', parsed.error);
  const raw = parsed.data.job;
  const isParsed = typeof raw === 'object' && raw !== null && 'title' in raw;
  const job = isParsed ? ZParsedJob.safeParse(raw) : ZRawJob.safeParse(raw);
  if (!job.success) throw invalidInput(isParsed ? 'parsed job' : 'job text', job.error);
  return { ...parsed.data, exportFormats: [...new Set(parsed.data.exportFormats)], job: job.data };
}

function resolveConfig(config: RunPipelineOptions['config']): TPipelineConfig {
  try {
    return parsePipelineConfig(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PipelineError('INVALID_INPUT', message, {}, { cause: error });
  }
}

async function runMatchStage(
  state: RunState,
  registry: PluginRegistry,
  input: { job: TParsedJob; portfolio: TPipelinePortfolio; labelIds: string[] },
): Promise<RankedArtifact[]> {
  const entries = registry.byKind('matcher');
  const artifacts = input.portfolio.artifacts;
  if (entries.length === 0) {
    state.report({
      ruleId: 'pipeline/no-matcher',
      severity: 'info',
      message: 'no matcher is configured: artifacts keep portfolio order',
      stage: 'match',
    });
  }
  const signal = state.stageSignal('match');
  const matchInput = { job: input.job, artifacts, labelIds: input.labelIds, now: state.deps.clock() };
  let done = 0;
  const results = await Promise.all(
    entries.map(async (entry) => {
      const name = entry.plugin.name;
      const handler = await state.handler('match', entry, signal);
      const ctx = state.context('match', name, signal);
      const raw = await state.race('match', name, signal, () => handler.match(matchInput, ctx));
      const parsed = ZArtifactScores.safeParse(raw);
      if (!parsed.success) {
        throw new PipelineError(
          'INVALID_OUTPUT',
          `match: plugin "${name}" returned invalid scores: ${summarizeZodError(parsed.error)}`,
          { stage: 'match', plugin: name },
        );
      }
      done += 1;
      state.progress('match', (done / entries.length) * 100, `match: ${name} done`);
      return { matcher: name, scores: parsed.data };
    }),
  );
  const { ranked, unknown } = combineScores(artifacts, results, state.config.matchers.weights);
  for (const { matcher, artifactId } of unknown) {
    state.report({
      ruleId: 'pipeline/unknown-artifact-score',
      severity: 'warning',
      message: `scored artifact "${artifactId}", which is not in the portfolio; ignored`,
      plugin: matcher,
      stage: 'match',
    });
  }
  return ranked;
}

/**
 * Runs one generation: parse (when the job is raw text) → match → generate with fallback → ground → ATS →
 * export. Enforces per-stage timeouts and the caller's cancellation, validates every plugin's output, and
 * collects diagnostics, progress, timings and token usage. Throws `PipelineError` with a stable code.
 */
export async function runPipeline(options: RunPipelineOptions): Promise<PipelineResult> {
  const { registry, deps } = options;
  const config = resolveConfig(options.config);
  const state = createRunState({ deps, config, signal: options.signal, onProgress: options.onProgress });
  state.throwIfCancelled();
  const input = validateInput(options.input);
  const renderer = createExportRenderer(state, registry);

  // Exporters are checked first so a typo'd format fails before any tokens are spent.
  await timed(state, 'export', () =>
    renderer.requireFormats(input.exportFormats, state.stageSignal('export')),
  );

  state.progress('parse', 0, 'parse: started');
  const job = await timed(state, 'parse', () => runParseStage(state, registry, input.job));
  state.progress('parse', 100, 'parse: done');

  state.throwIfCancelled('match');
  state.progress('match', 0, 'match: started');
  const ranked = await timed(state, 'match', () => runMatchStage(state, registry, { ...input, job }));
  state.progress('match', 100, 'match: done');

  state.throwIfCancelled('generate');
  state.progress('generate', 0, 'generate: started');
  const generated = await runGenerateStage({
    state,
    registry,
    ground: options.ground ?? checkGrounding,
    kind: input.kind,
    job,
    profile: input.portfolio.profile,
    artifacts: input.portfolio.artifacts,
    ranked,
    options: input.options,
  });
  state.progress('ground', 100, 'ground: done');
  const spent = generated.usage.inputTokens + generated.usage.outputTokens;
  if (spent > config.llm.budgetTokens) {
    state.report({
      ruleId: 'pipeline/llm-budget-exceeded',
      severity: 'warning',
      message: `generation used ${spent} tokens, over the budget of ${config.llm.budgetTokens}`,
      plugin: generated.generator,
      stage: 'generate',
    });
  }
  renderer.setContent(generated.content);

  state.throwIfCancelled('ats');
  state.progress('ats', 0, 'ats: started');
  const ats = await timed(state, 'ats', () =>
    runAtsStage({
      state,
      registry,
      renderer,
      content: generated.content,
      job,
      artifacts: input.portfolio.artifacts,
    }),
  );
  state.progress('ats', 100, 'ats: done');

  state.throwIfCancelled('export');
  const exports: Record<string, ExportOutput> = {};
  await timed(state, 'export', async () => {
    const signal = state.stageSignal('export');
    for (const [index, format] of input.exportFormats.entries()) {
      exports[format] = await renderer.render('export', format, signal);
      state.progress('export', ((index + 1) / input.exportFormats.length) * 100, `export: ${format} done`);
    }
  });
  state.progress('export', 100, 'done');

  return {
    job,
    ranked,
    content: generated.content,
    generator: generated.generator,
    fallbackReason: generated.fallbackReason,
    model: generated.model,
    ats,
    exports,
    diagnostics: state.diagnostics,
    timings: state.timings,
    usage: generated.usage,
  };
}

async function timed<T>(state: RunState, stage: PipelineStage, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    state.time(stage, started);
  }
}
