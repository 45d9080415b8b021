export const PIPELINE_ERROR_CODES = [
  'NO_PARSER',
  'NO_GENERATOR',
  'STAGE_TIMEOUT',
  'CANCELLED',
  'INVALID_OUTPUT',
  'PLUGIN_FAILED',
  'INVALID_INPUT',
] as const;
export type PipelineErrorCode = (typeof PIPELINE_ERROR_CODES)[number];

export const PIPELINE_STAGES = ['parse', 'match', 'generate', 'ground', 'ats', 'export'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface PipelineErrorDetails {
  stage?: PipelineStage;
  plugin?: string;
  /** Why each generator of the fallback chain was passed over (NO_GENERATOR). */
  reasons?: string[];
}

/**
 * A failed pipeline run. `code` is stable (callers map it to a generation's failure reason and an HTTP
 * status); the message is for people and names the stage and plugin involved.
 */
export class PipelineError extends Error {
  override name = 'PipelineError';
  readonly stage: PipelineStage | undefined;
  readonly plugin: string | undefined;
  readonly reasons: string[];

  constructor(
    readonly code: PipelineErrorCode,
    message: string,
    details: PipelineErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.stage = details.stage;
    this.plugin = details.plugin;
    this.reasons = details.reasons ?? [];
  }
}
