export { checkHandlerShape } from './check-handler-shape.js';
export {
  type CombinedScores,
  combineScores,
  type MatcherScores,
  normalizeWeights,
} from './combine-scores.js';
export {
  clonePlain,
  createOptionsValidator,
  type OptionsCheck,
  type OptionsValidator,
} from './create-options-validator.js';
export {
  createRegistry,
  type PluginRegistry,
  type PluginSummary,
  type RegistryEntry,
} from './create-registry.js';
export type { PipelineProgress } from './create-run-state.js';
export {
  DEFAULT_GENERATOR_CHAINS,
  DEFAULT_TIMEOUTS,
  formatConfigPath,
  PIPELINE_CONFIG_JSON_SCHEMA,
  parsePipelineConfig,
  type TPipelineConfig,
  type TPipelineConfigInput,
  ZPipelineConfig,
} from './pipeline-config.js';
export {
  PIPELINE_ERROR_CODES,
  PIPELINE_STAGES,
  PipelineError,
  type PipelineErrorCode,
  type PipelineErrorDetails,
  type PipelineStage,
} from './pipeline-error.js';
export { PluginConfigError } from './plugin-config-error.js';
export { type ResolvePipelineConfigOptions, resolvePipelineConfig } from './resolve-pipeline-config.js';
export type { GroundFn } from './run-generate-stage.js';
export { acceptsMediaType } from './run-parse-stage.js';
export {
  type PipelineInput,
  type PipelineResult,
  type RunPipelineOptions,
  runPipeline,
} from './run-pipeline.js';
export {
  ZArtifactScore,
  ZArtifactScores,
  ZAtsCheckOutput,
  ZEvidenceVerdict,
  ZExportOutput,
  ZGenerateOptions,
  ZGenerateOutput,
  ZLlmUsage,
  ZMatchReason,
  ZParserOutput,
  ZRawJob,
  ZReportedDiagnostic,
} from './stage-schemas.js';
export { describePlugin, validatePluginDefinition } from './validate-plugin-definition.js';
