import type { LlmPort } from '@dossier/core';
import { renderReportHtml } from './render-report-html.js';
import type { EvalProgress, EvalReport } from './types.js';

/** What one evaluation run is asked to do; the same options as `runEvaluation` in `run-evaluation.ts`. */
export interface RunEvaluationOptions {
  goldenDir?: string;
  corpus?: string;
  pipelineConfig?: unknown;
  configName?: string;
  concurrency?: number;
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (progress: EvalProgress) => void;
}

/**
 * The evaluation harness as the API uses it: the `eval.run` job calls `run`, and
 * `GET /eval/runs/:id/report.html` calls `renderHtml` on a stored report. Injected through the services
 * container so that tests give a scripted runner.
 */
export interface EvaluationService {
  run(options: RunEvaluationOptions): Promise<EvalReport>;
  renderHtml(report: EvalReport): string;
}

/**
 * The one place where the harness is plugged into the API. The runner is loaded on the first run, so a server
 * that never evaluates does not load it; `llm`, when a model is configured, makes one LLM port per generation.
 */
export function createEvaluationService(
  options: { llm?: () => LlmPort | undefined } = {},
): EvaluationService {
  return {
    async run(runOptions) {
      const { runEvaluation } = await import('./run-evaluation.js');
      return runEvaluation({ ...runOptions, ...(options.llm ? { llm: options.llm } : {}) });
    },
    renderHtml: renderReportHtml,
  };
}
