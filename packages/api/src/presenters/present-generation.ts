import type { TGenerationView } from '../routes/generations/schema.js';
import type { GenerationStatus } from '../services/generation-events.js';

/** Row shape of the generation read query (snake_case columns). */
export interface GenerationRow {
  id: string;
  owner_id: string;
  kind: 'cv' | 'cover-letter';
  status: GenerationStatus;
  stage: string | null;
  progress: number;
  timings: Record<string, number> | null;
  generator: string | null;
  fallback_reason: string | null;
  tokens: number;
  cost: number | string;
  document_id: string | null;
  error: { code: string; message: string } | null;
  cancel_requested: boolean;
  attempts: number;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  updated_at: Date | string;
}

/** The columns `GenerationRow` needs, for `select ${GENERATION_COLUMNS} from generations g`. */
export const GENERATION_COLUMNS = `g.id, g.owner_id, g.kind, g.status, g.stage, g.progress, g.timings, g.generator,
  g.fallback_reason, g.tokens, g.cost, g.document_id, g.error, g.cancel_requested, g.attempts, g.created_at,
  g.started_at, g.finished_at, g.updated_at`;

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

export function presentGeneration(row: GenerationRow): TGenerationView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    stage: row.stage ?? null,
    progress: row.progress,
    timings: row.timings ?? {},
    generator: row.generator ?? null,
    fallbackReason: row.fallback_reason ?? null,
    tokens: row.tokens,
    cost: Number(row.cost),
    documentId: row.document_id ?? null,
    error: row.error ? { code: row.error.code, message: row.error.message } : null,
    createdAt: iso(row.created_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}
