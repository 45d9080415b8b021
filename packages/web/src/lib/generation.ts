import {
  GENERATION_STAGES,
  type Generation,
  type GenerationStage,
  type GenerationStatus,
} from '../api/tailoring-types';

export const STAGE_LABELS: Record<GenerationStage, { label: string; description: string }> = {
  parse: { label: 'Parse', description: 'Reading the job description' },
  match: { label: 'Match', description: 'Ranking your artifacts against it' },
  generate: { label: 'Generate', description: 'Writing the document' },
  ground: { label: 'Ground', description: 'Checking every claim against its evidence' },
  ats: { label: 'ATS check', description: 'Scoring it the way an applicant tracking system would' },
  export: { label: 'Export', description: 'Rendering the files' },
};

const ALIASES: Record<string, GenerationStage> = {
  parsing: 'parse',
  parser: 'parse',
  matching: 'match',
  matcher: 'match',
  generating: 'generate',
  generator: 'generate',
  grounding: 'ground',
  'ats-check': 'ats',
  'ats-checker': 'ats',
  exporting: 'export',
  exporter: 'export',
};

/** The pipeline stage a server value names, tolerating "-ing" forms and plugin kinds. */
export function normaliseStage(value: string | null | undefined): GenerationStage | null {
  if (!value) return null;
  const key = value.trim().toLowerCase();
  if ((GENERATION_STAGES as readonly string[]).includes(key)) return key as GenerationStage;
  return ALIASES[key] ?? null;
}

export const TERMINAL_STATUSES: readonly GenerationStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(status: GenerationStatus | null | undefined): boolean {
  return !!status && TERMINAL_STATUSES.includes(status);
}

export const STATUS_LABELS: Record<GenerationStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const KIND_LABELS = { cv: 'CV', 'cover-letter': 'Cover letter' } as const;

export function generationError(error: Generation['error']): string | null {
  if (!error) return null;
  if (typeof error === 'string') return error;
  return error.message ?? error.code ?? 'The generation failed.';
}

const GENERATOR_LABELS: Record<string, string> = {
  template: 'Template generator',
  llm: 'LLM generator',
};

/** "LLM generator (openai)" from a plugin name such as `llm` or `llm-openai`. */
export function generatorLabel(name: string | null | undefined): string | null {
  if (!name) return null;
  if (GENERATOR_LABELS[name]) return GENERATOR_LABELS[name];
  const [head, ...rest] = name.split(/[-:/]/);
  if (head && GENERATOR_LABELS[head]) return `${GENERATOR_LABELS[head]} (${rest.join(' ')})`;
  return name;
}
