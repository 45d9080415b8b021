import type { EvalRunStatus, IEvalRun } from '../db/entities/eval-run.js';
import type { EvalReport, EvalSummary } from '../eval/types.js';
import type { TEvalRunView } from '../routes/eval/schema.js';

/** Row shape of the evaluation run read queries (snake_case columns). */
export interface EvalRunRow {
  id: string;
  created_by_id: string | null;
  status: EvalRunStatus;
  config_name: string | null;
  pipeline_config: Record<string, unknown> | null;
  case_limit: number | null;
  compare_with: string | null;
  progress_done: number;
  progress_total: number;
  summary: EvalSummary | null;
  error: { code: string; message: string } | null;
  cancel_requested: boolean;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  /** Only read by the single-run query. */
  report?: EvalReport | null;
}

/** Every column but the report, which only the single-run view needs. */
export const EVAL_RUN_COLUMNS = `r.id, r.created_by_id, r.status, r.config_name, r.pipeline_config, r.case_limit,
  r.compare_with, r.progress_done, r.progress_total, r.summary, r.error, r.cancel_requested, r.created_at,
  r.started_at, r.finished_at`;

const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentEvalRun(row: EvalRunRow): TEvalRunView {
  return {
    id: row.id,
    status: row.status,
    configName: row.config_name ?? null,
    limit: row.case_limit ?? null,
    compareWith: row.compare_with ?? null,
    progress: { done: row.progress_done, total: row.progress_total },
    summary: (row.summary as unknown as Record<string, unknown> | null) ?? null,
    error: row.error ? { code: row.error.code, message: row.error.message } : null,
    createdBy: row.created_by_id ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}

/** The row of a run just created through the ORM (before a worker may have moved it on). */
export function evalRunRowOf(run: IEvalRun): EvalRunRow {
  return {
    id: run.id,
    created_by_id: run.createdBy?.id ?? null,
    status: run.status,
    config_name: run.configName ?? null,
    pipeline_config: run.pipelineConfig ?? null,
    case_limit: run.caseLimit ?? null,
    compare_with: run.compareWith ?? null,
    progress_done: run.progressDone,
    progress_total: run.progressTotal,
    summary: run.summary ?? null,
    error: run.error ?? null,
    cancel_requested: run.cancelRequested,
    created_at: run.createdAt,
    started_at: run.startedAt ?? null,
    finished_at: run.finishedAt ?? null,
  };
}
