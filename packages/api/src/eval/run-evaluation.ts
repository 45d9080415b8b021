import path from 'node:path';
import {
  type LlmPort,
  runPipeline,
  type TDocumentContent,
  type TParsedJob,
  type TPipelinePortfolio,
  toPipelinePortfolio,
} from '@dossier/core';
import { parseWithPlugins } from '../pipeline/parse-with-plugins.js';
import { createEvalPipeline, type EvalPipeline } from './create-eval-pipeline.js';
import { loadCorpus } from './load-corpus.js';
import { lintGolden, loadGolden } from './load-golden.js';
import { type DocumentRun, measureDocument } from './measure-document.js';
import { runInWorkers } from './run-in-workers.js';
import { caseFailures, DEFAULT_THRESHOLDS, summarizeRun } from './summarize.js';
import type {
  CaseMetrics,
  CaseResult,
  EvalProgress,
  EvalReport,
  GoldenCase,
  GoldenSet,
  MetricThresholds,
} from './types.js';

/** What the emulated ATS suite receives: the exported bytes and the structured content they render. */
export interface AtsEmulationInput {
  pdf?: Uint8Array;
  docx?: Uint8Array;
  content: TDocumentContent;
  job: TParsedJob;
  /** The run's cancellation, for extractors that spawn programs. */
  signal?: AbortSignal;
}

export interface AtsEmulationResult {
  results: Array<{
    profile: string;
    extractor: string;
    format: 'pdf' | 'docx';
    passed: boolean;
    score: number;
    reasons: string[];
  }>;
  passRate: number;
}

export type AtsEmulationFn = (input: AtsEmulationInput) => Promise<AtsEmulationResult>;

/** The emulated ATS suite from `@dossier/plugins`, or null when this build does not export it. */
export async function loadAtsEmulation(): Promise<AtsEmulationFn | null> {
  const plugins = (await import('@dossier/plugins')) as Record<string, unknown>;
  const fn = plugins.runAtsEmulation;
  return typeof fn === 'function' ? (fn as AtsEmulationFn) : null;
}

export interface RunEvaluationOptions {
  /** The golden set's folder (default `golden`). */
  goldenDir?: string;
  /** A JSONL job corpus whose postings become extra cases, paired with the golden personas by field. */
  corpus?: string;
  /** A pipeline configuration (`dossier.config.json` as JSON); default: every built-in, template generators. */
  pipelineConfig?: unknown;
  /** Where plugin paths in `pipelineConfig` are resolved from (default: the working directory). */
  configDir?: string;
  /** Shown in the report (default `template` without a config, `custom` with one). */
  configName?: string;
  /**
   * Makes the LLM port for one generation (each has its own token budget); without it LLM generators fall
   * back to the template generators.
   */
  llm?: () => LlmPort | undefined;
  /** Cases evaluated at once (default 2). */
  concurrency?: number;
  /** Evaluate the first N cases only. */
  limit?: number;
  thresholds?: Partial<MetricThresholds>;
  signal?: AbortSignal;
  onProgress?: (p: EvalProgress) => void;
  /** Run the emulated ATS suite (default true). */
  atsEmulation?: boolean;
  /** The emulated ATS suite; default `loadAtsEmulation()`. Null: not available. */
  runAtsEmulation?: AtsEmulationFn | null;
  /** An already loaded golden set (the API caches one); `goldenDir` is then only reported. */
  golden?: GoldenSet;
  /**
   * Worker threads to spread the cases over (default 1: in-process). Needs the compiled build, and neither
   * `llm` nor `runAtsEmulation`, which cannot cross threads; otherwise the run stays in one thread, noted.
   */
  workers?: number;
}

/** Everything one case needs, resolved before the pool starts. */
interface PreparedCase {
  goldenCase: GoldenCase;
  jobText: string;
  portfolio: TPipelinePortfolio;
  references: { cv: string | null; coverLetter: string | null };
}

function prepareCases(set: GoldenSet, cases: GoldenCase[], pipeline: EvalPipeline): PreparedCase[] {
  const portfolios = new Map<string, TPipelinePortfolio>();
  const portfolioOf = (personaId: string): TPipelinePortfolio => {
    let p = portfolios.get(personaId);
    if (!p) {
      const persona = set.personas.get(personaId);
      if (!persona) throw new Error(`persona ${personaId} is missing`);
      p = toPipelinePortfolio(persona.portfolio, (technologies, text) =>
        pipeline.taxonomy.deriveSkills({ technologies, text }),
      );
      portfolios.set(personaId, p);
    }
    return p;
  };
  return cases.map((goldenCase) => ({
    goldenCase,
    jobText: set.jobs.get(goldenCase.job)?.text ?? '',
    portfolio: portfolioOf(goldenCase.persona),
    references: {
      cv: goldenCase.reference ? (set.references.get(goldenCase.reference.cv) ?? null) : null,
      coverLetter: goldenCase.reference
        ? (set.references.get(goldenCase.reference.coverLetter) ?? null)
        : null,
    },
  }));
}

async function runDocument(
  pipeline: EvalPipeline,
  prepared: PreparedCase,
  kind: 'cv' | 'cover-letter',
  job: TParsedJob | { text: string; mediaType: string },
  emulate: AtsEmulationFn | null,
  signal: AbortSignal | undefined,
): Promise<DocumentRun> {
  const result = await runPipeline({
    registry: pipeline.registry,
    deps: pipeline.deps(),
    config: pipeline.config,
    input: { kind, job, portfolio: prepared.portfolio, exportFormats: ['pdf', 'docx'] },
    ...(signal ? { signal } : {}),
  });
  const timings: Record<string, number> = { ...result.timings };
  let atsEmulationPassRate = result.ats?.passed ? 1 : 0;
  if (emulate) {
    const started = performance.now();
    const emulation = await emulate({
      pdf: result.exports.pdf?.bytes,
      docx: result.exports.docx?.bytes,
      content: result.content,
      job: result.job,
      ...(signal ? { signal } : {}),
    });
    timings.atsEmulation = performance.now() - started;
    atsEmulationPassRate = emulation.passRate;
  }
  return {
    content: result.content,
    job: result.job,
    ranked: result.ranked.map((r) => r.artifact.id),
    ats: result.ats ? { score: result.ats.score, passed: result.ats.passed } : null,
    atsEmulationPassRate,
    timings,
    usage: result.usage,
  };
}

const EMPTY_METRICS: CaseMetrics = {
  keywordCoverage: 0,
  atsScore: 0,
  atsPassed: false,
  atsEmulationPassRate: 0,
  grounding: 0,
  fabrications: 0,
  fabricated: [],
  ndcgAt5: 0,
  mustFeatureRecall: 0,
  rougeL: null,
  keywordWeightedOverlap: null,
  evidenceCoverage: 0,
  words: 0,
  readability: 0,
  latencyMs: {},
  tokens: 0,
  costUsd: 0,
};

async function evaluateCase(
  pipeline: EvalPipeline,
  prepared: PreparedCase,
  emulate: AtsEmulationFn | null,
  thresholds: MetricThresholds,
  signal: AbortSignal | undefined,
): Promise<CaseResult> {
  const c = prepared.goldenCase;
  const base = { caseId: c.id, persona: c.persona, job: c.job, field: c.field };
  try {
    const cvRun = await runDocument(
      pipeline,
      prepared,
      'cv',
      { text: prepared.jobText, mediaType: 'text/markdown' },
      emulate,
      signal,
    );
    // The letter reuses the parsed job: one parse per case, as the web app does for a CV and its letter.
    const letterRun = await runDocument(pipeline, prepared, 'cover-letter', cvRun.job, emulate, signal);
    const measure = (run: DocumentRun, reference: string | null) =>
      measureDocument({
        run,
        goldenCase: c,
        portfolio: prepared.portfolio,
        taxonomy: pipeline.taxonomy,
        reference,
      });
    const result = {
      ...base,
      cv: measure(cvRun, prepared.references.cv),
      coverLetter: measure(letterRun, prepared.references.coverLetter),
      error: null,
    };
    return { ...result, failures: caseFailures(result, thresholds) };
  } catch (err) {
    if (signal?.aborted) throw err;
    const error = err instanceof Error ? err.message : String(err);
    const result = { ...base, cv: EMPTY_METRICS, coverLetter: EMPTY_METRICS, error };
    return { ...result, failures: caseFailures(result, thresholds) };
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight; results keep the items' order. */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/**
 * Evaluates cases with at most `concurrency` in flight; results keep the cases' order. Shared by the
 * in-process run and the worker threads.
 */
export async function evaluateCases({
  pipeline,
  set,
  cases,
  emulate,
  thresholds,
  concurrency,
  signal,
  onCase,
}: {
  pipeline: EvalPipeline;
  set: GoldenSet;
  cases: GoldenCase[];
  emulate: AtsEmulationFn | null;
  thresholds: MetricThresholds;
  concurrency: number;
  signal?: AbortSignal;
  onCase?: (result: CaseResult, index: number) => void;
}): Promise<CaseResult[]> {
  const prepared = prepareCases(set, cases, pipeline);
  return runPool(prepared, concurrency, async (p, index) => {
    signal?.throwIfAborted();
    const result = await evaluateCase(pipeline, p, emulate, thresholds, signal);
    onCase?.(result, index);
    return result;
  });
}

/**
 * Scores the whole pipeline against a golden set (and optionally a JSONL corpus): for every case, a CV and a
 * cover letter are generated, exported to PDF and DOCX, checked by the built-in ATS checkers and the emulated
 * ATS suite, and measured (see docs/evaluation.md). Returns the report; `summary.passed` says whether the
 * thresholds held. Throws `GoldenSetError` / `CorpusError` for unusable input; a case that fails to run is
 * recorded with its error.
 */
export async function runEvaluation(options: RunEvaluationOptions = {}): Promise<EvalReport> {
  const startedAt = new Date().toISOString();
  const thresholds: MetricThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const goldenDir = options.golden?.dir ?? path.resolve(options.goldenDir ?? 'golden');
  const set = options.golden ?? (await loadGolden(goldenDir));
  const pipeline = await createEvalPipeline({
    pipelineConfig: options.pipelineConfig,
    ...(options.configDir ? { configDir: options.configDir } : {}),
    ...(options.llm ? { llm: options.llm } : {}),
  });
  const notes = lintGolden(set);
  let cases = [...set.cases];
  let jobs = set.jobs;
  if (options.corpus) {
    const corpus = await loadCorpus({
      file: options.corpus,
      personas: set.personas.values(),
      taxonomy: pipeline.taxonomy,
      parseJob: async (text) => {
        const { output } = await parseWithPlugins({
          registry: pipeline.registry,
          deps: pipeline.deps(),
          file: { filename: 'posting.md', mediaType: 'text/markdown', bytes: new TextEncoder().encode(text) },
          produces: 'job',
        });
        if (output.type !== 'job') throw new Error('the parser did not produce a job description');
        return output.job;
      },
    });
    jobs = new Map([...set.jobs, ...corpus.jobs.map((j) => [j.id, j] as const)]);
    cases.push(...corpus.cases);
    notes.push(
      `corpus ${path.basename(options.corpus)}: ${corpus.cases.length} cases from ${corpus.jobs.length} postings; ${corpus.skipped.length} postings or pairs skipped`,
    );
  }
  if (options.limit !== undefined) cases = cases.slice(0, Math.max(0, options.limit));

  let emulate: AtsEmulationFn | null = null;
  if (options.atsEmulation !== false) {
    emulate = options.runAtsEmulation !== undefined ? options.runAtsEmulation : await loadAtsEmulation();
    if (!emulate)
      notes.push(
        'the emulated ATS suite is not available in this build: its pass rate is the built-in ATS pass (1 or 0)',
      );
  } else
    notes.push('the emulated ATS suite was switched off: its pass rate is the built-in ATS pass (1 or 0)');

  const fullSet: GoldenSet = { ...set, jobs };
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  // Worker threads load the compiled modules and rebuild the pipeline from plain data: functions (an LLM
  // factory, an injected ATS suite) cannot cross, and TypeScript sources cannot be loaded.
  const threaded =
    workers > 1 &&
    cases.length > 1 &&
    !options.llm &&
    options.runAtsEmulation === undefined &&
    import.meta.url.endsWith('.js');
  if (workers > 1 && !threaded && cases.length > 1)
    notes.push(
      'worker threads need the compiled build, no LLM port factory and the default ATS suite: ran in one thread',
    );
  let done = 0;
  options.onProgress?.({ done: 0, total: cases.length, caseId: null });
  const onCase = (result: CaseResult) => {
    done++;
    options.onProgress?.({ done, total: cases.length, caseId: result.caseId });
  };
  const results = threaded
    ? await runInWorkers({
        workers: Math.min(workers, cases.length),
        data: {
          set: fullSet,
          pipelineConfig: options.pipelineConfig,
          configDir: options.configDir ?? process.cwd(),
          thresholds,
          atsEmulation: options.atsEmulation !== false,
          concurrency: options.concurrency ?? 2,
        },
        cases,
        ...(options.signal ? { signal: options.signal } : {}),
        onCase,
      })
    : await evaluateCases({
        pipeline,
        set: fullSet,
        cases,
        emulate,
        thresholds,
        concurrency: options.concurrency ?? 2,
        ...(options.signal ? { signal: options.signal } : {}),
        onCase,
      });

  const report: EvalReport = {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    config: {
      name: options.configName ?? (options.pipelineConfig ? 'custom' : 'template'),
      generator: pipeline.generator,
    },
    golden: { dir: goldenDir, corpus: options.corpus ? path.resolve(options.corpus) : null },
    thresholds,
    summary: summarizeRun(results, thresholds),
    cases: results,
  };
  if (notes.length > 0) report.notes = notes;
  return report;
}
