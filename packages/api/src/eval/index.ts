export { classifyField, FIELD_KEYWORDS } from './classify-field.js';
export { createEvalPipeline, type EvalPipeline, templatePipelineConfig } from './create-eval-pipeline.js';
export { CorpusError, type LoadCorpusOptions, type LoadedCorpus, loadCorpus } from './load-corpus.js';
export { GoldenSetError, lintGolden, loadGolden, parseJobHeading } from './load-golden.js';
export { escapeHtml, renderReportHtml } from './render-report-html.js';
export {
  type AtsEmulationFn,
  type AtsEmulationInput,
  type AtsEmulationResult,
  loadAtsEmulation,
  type RunEvaluationOptions,
  runEvaluation,
} from './run-evaluation.js';
export {
  baselineMeans,
  COMPARED_METRICS,
  compareRuns,
  compareToBaseline,
  DEFAULT_THRESHOLDS,
  type EvalBaseline,
  summarizeRun,
  toBaseline,
} from './summarize.js';
export * from './types.js';
export { writeReport } from './write-report.js';
