import type { EvalRun } from '../api/eval-types';

const LABELS: Record<EvalRun['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A run's status in words, with its progress while it runs. */
export function EvalStatus({ run }: { run: Pick<EvalRun, 'status' | 'progress' | 'summary'> }) {
  const { done, total } = run.progress ?? { done: 0, total: 0 };
  const active = run.status === 'queued' || run.status === 'running';
  const verdict =
    run.status === 'succeeded' && run.summary ? (run.summary.passed ? 'passed' : 'below gate') : null;
  return (
    <span className="eval-status">
      <span className={`eval-pill eval-pill-${run.status}`}>{LABELS[run.status] ?? run.status}</span>
      {verdict && (
        <span className={`eval-verdict eval-verdict-${run.summary?.passed ? 'ok' : 'low'}`}>{verdict}</span>
      )}
      {active && total > 0 && (
        <span className="eval-progress">
          <progress max={total} value={done} aria-label={`${done} of ${total} cases`} />
          <span className="eval-progress-text">
            {done}/{total}
          </span>
        </span>
      )}
    </span>
  );
}

export const isActiveRun = (run: Pick<EvalRun, 'status'>) =>
  run.status === 'queued' || run.status === 'running';

export const runName = (run: Pick<EvalRun, 'configName' | 'id'>) =>
  run.configName || `Run ${run.id.slice(0, 8)}`;
