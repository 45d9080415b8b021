import { api, apiFetch } from './client';
import type { EvalComparison, EvalRun, EvalRunDetail, EvalRunStatus, NewEvalRun } from './eval-types';
import type { Page } from './types';

const runPath = (id: string) => `/eval/runs/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function listEvalRuns(
  query: { limit?: number; cursor?: string; status?: EvalRunStatus } = {},
  signal?: AbortSignal,
): Promise<Page<EvalRun>> {
  return api.get<Page<EvalRun>>('/eval/runs', { query: { ...query }, ...withSignal(signal) });
}

export function getEvalRun(id: string, signal?: AbortSignal): Promise<EvalRunDetail> {
  return api.get<EvalRunDetail>(runPath(id), withSignal(signal));
}

/** Queues a run (202); the answer is the run as queued. */
export function startEvalRun(input: NewEvalRun): Promise<EvalRun> {
  return api.post<EvalRun>('/eval/runs', input);
}

export function cancelEvalRun(id: string): Promise<EvalRun> {
  return api.post<EvalRun>(`${runPath(id)}/cancel`);
}

/** Two succeeded runs side by side; deltas are B − A. */
export function compareEvalRuns(a: string, b: string, signal?: AbortSignal): Promise<EvalComparison> {
  return api.get<EvalComparison>(`${runPath(a)}/compare/${encodeURIComponent(b)}`, withSignal(signal));
}

/** The self-contained HTML report, as text (a plain link could not carry the bearer token). */
export async function fetchEvalReportHtml(id: string): Promise<string> {
  const response = await apiFetch(`${runPath(id)}/report.html`, { headers: { Accept: 'text/html' } });
  return response.text();
}

export function evalReportPath(id: string): string {
  return `${runPath(id)}/report.html`;
}
