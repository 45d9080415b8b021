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

/** The harness is missing from this build: runs fail with this, and the HTML report answers 503. */
export class EvaluationUnavailableError extends Error {
  override name = 'EvaluationUnavailableError';
  constructor(what: 'runner' | 'report renderer') {
    super(`The evaluation ${what} is not installed on this server`);
  }
}

/**
 * The one place where the harness is plugged into the API. Until `runEvaluation` (`./run-evaluation.ts`)
 * and `renderReportHtml` (`./report-html.ts`) are part of the build, both refuse with a clear error; once
 * they are, this returns `{ run: runEvaluation, renderHtml: renderReportHtml }`.
 */
export function createEvaluationService(): EvaluationService {
  return {
    async run() {
      throw new EvaluationUnavailableError('runner');
    },
    renderHtml() {
      throw new EvaluationUnavailableError('report renderer');
    },
  };
}
