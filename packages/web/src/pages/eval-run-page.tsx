import { useEffect, useState } from 'react';
import { ApiError, errorMessage, isAbortError } from '../api/api-error';
import { cancelEvalRun, getEvalRun } from '../api/eval';
import type { EvalRunDetail } from '../api/eval-types';
import { EvalComparisonView } from '../components/eval-comparison-view';
import { EvalHtmlReport } from '../components/eval-html-report';
import { EvalReportView } from '../components/eval-report-view';
import { EvalStatus, isActiveRun, runName } from '../components/eval-status';
import { ArrowLeftIcon } from '../components/icons';
import { PageLoading } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useDocumentTitle } from '../hooks/use-document-title';
import { formatDateTime } from '../lib/format';
import { Link } from '../router';
import { NotFoundPage } from './not-found-page';

const POLL_MS = 2000;

type RunState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; run: EvalRunDetail };

/** One evaluation run: progress while it runs, then its report, and its comparison when it asked for one. */
export function EvalRunPage({ id }: { id: string }) {
  const [state, setState] = useState<RunState>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  const notify = useToast();
  const run = state.status === 'ready' ? state.run : null;
  useDocumentTitle(run ? `Evaluation — ${runName(run)}` : 'Evaluation run');

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload re-reads the run (polling and retry)
  useEffect(() => {
    const controller = new AbortController();
    getEvalRun(id, controller.signal)
      .then((next) => setState({ status: 'ready', run: next }))
      .catch((error) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 404) setState({ status: 'missing' });
        else setState({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [id, reload]);

  const active = run ? isActiveRun(run) : false;
  useEffect(() => {
    if (!active) return;
    const timer = window.setTimeout(() => setReload((n) => n + 1), POLL_MS);
    return () => window.clearTimeout(timer);
  });

  if (state.status === 'loading') return <PageLoading label="Loading the run…" />;
  if (state.status === 'missing') return <NotFoundPage />;
  if (state.status === 'error') {
    return (
      <div className="card error-card" role="alert">
        <p>Could not load the run. {state.message}</p>
        <button type="button" className="btn btn-secondary" onClick={() => setReload((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  }
  const current = state.run;

  const cancel = async () => {
    try {
      await cancelEvalRun(current.id);
      setReload((n) => n + 1);
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <Link to="/eval" className="back-link">
            <ArrowLeftIcon size={14} /> Evaluation
          </Link>
          <h1 className="page-title" tabIndex={-1}>
            {runName(current)}
          </h1>
          <p className="page-sub">
            Queued {formatDateTime(current.createdAt)}
            {current.startedAt && ` · started ${formatDateTime(current.startedAt)}`}
            {current.finishedAt && ` · finished ${formatDateTime(current.finishedAt)}`}
            {current.limit !== null && ` · first ${current.limit} cases`}
          </p>
        </div>
        <div className="page-actions">
          <EvalStatus run={current} />
          {active && (
            <button type="button" className="btn btn-secondary btn-danger-text" onClick={() => void cancel()}>
              Cancel run
            </button>
          )}
        </div>
      </div>

      {active && (
        <p className="muted" aria-live="polite">
          {current.status === 'queued'
            ? 'Waiting for a worker…'
            : `${current.progress.done} of ${current.progress.total || '?'} cases scored.`}
        </p>
      )}
      {current.error && (
        <div className="card error-card" role="alert">
          <p>
            <strong>{current.error.code}</strong>: {current.error.message}
          </p>
        </div>
      )}
      {current.status === 'cancelled' && !current.error && <p className="muted">This run was cancelled.</p>}

      {current.comparison && (
        <>
          <h2 className="eval-part-title">Compared with an earlier run</h2>
          <EvalComparisonView comparison={current.comparison} />
        </>
      )}
      {current.report && <EvalHtmlReport runId={current.id} name={runName(current)} />}
      {current.report?.summary ? (
        <EvalReportView report={current.report} />
      ) : (
        current.report && <p className="muted">This report has no summary the dashboard can read.</p>
      )}
    </>
  );
}
