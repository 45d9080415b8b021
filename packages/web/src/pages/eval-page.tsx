import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import { cancelEvalRun, listEvalRuns } from '../api/eval';
import type { EvalRun } from '../api/eval-types';
import { EmptyState } from '../components/empty-state';
import { EvalStatus, isActiveRun, runName } from '../components/eval-status';
import { EvalTrendChart, type TrendPoint } from '../components/eval-trend-chart';
import { PlusIcon } from '../components/icons';
import { LoadMoreButton } from '../components/load-more-button';
import { NewEvalRunForm } from '../components/new-eval-run-form';
import { PageLoading } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useDocumentTitle } from '../hooks/use-document-title';
import { formatMetric, summaryValue, TREND_METRICS } from '../lib/eval-metrics';
import { formatDateTime, formatRelative } from '../lib/format';
import { Link, useNavigate } from '../router';

const PAGE_SIZE = 25;
const POLL_MS = 2000;

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: EvalRun[]; nextCursor: string | null };

/** Newer answers replace the runs they name; runs not in them (older pages) stay as they were. */
function merge(current: EvalRun[], fresh: EvalRun[]): EvalRun[] {
  const byId = new Map(fresh.map((run) => [run.id, run]));
  const known = new Set(current.map((run) => run.id));
  return [...fresh.filter((run) => !known.has(run.id)), ...current.map((run) => byId.get(run.id) ?? run)];
}

/** Administrators: golden-set evaluation runs, their trend per metric, and two runs compared. */
export function EvalPage() {
  useDocumentTitle('Evaluation');
  const navigate = useNavigate();
  const notify = useToast();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate retry trigger
  useEffect(() => {
    const controller = new AbortController();
    listEvalRuns({ limit: PAGE_SIZE }, controller.signal)
      .then((page) => setList({ status: 'ready', items: page.items, nextCursor: page.nextCursor ?? null }))
      .catch((error) => {
        if (!isAbortError(error)) setList({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [reload]);

  const anyActive = list.status === 'ready' && list.items.some(isActiveRun);

  // While a run is queued or running, the first page is read again every few seconds.
  useEffect(() => {
    if (!anyActive) return;
    const controller = new AbortController();
    const timer = window.setInterval(() => {
      listEvalRuns({ limit: PAGE_SIZE }, controller.signal)
        .then((page) =>
          setList((current) =>
            current.status === 'ready' ? { ...current, items: merge(current.items, page.items) } : current,
          ),
        )
        .catch(() => undefined);
    }, POLL_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [anyActive]);

  const loadMore = async () => {
    if (list.status !== 'ready' || !list.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listEvalRuns({ limit: PAGE_SIZE, cursor: list.nextCursor });
      setList({
        status: 'ready',
        items: [...list.items, ...page.items],
        nextCursor: page.nextCursor ?? null,
      });
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setLoadingMore(false);
    }
  };

  const cancel = async (run: EvalRun) => {
    try {
      const updated = await cancelEvalRun(run.id);
      setList((current) =>
        current.status === 'ready' ? { ...current, items: merge(current.items, [updated]) } : current,
      );
      notify(updated.status === 'cancelled' ? 'Run cancelled.' : 'The run will stop shortly.', 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  const items = list.status === 'ready' ? list.items : [];
  const succeeded = useMemo(() => items.filter((run) => run.status === 'succeeded' && run.summary), [items]);
  const trend = useMemo(() => {
    const oldestFirst = [...succeeded].reverse();
    const series: Record<string, TrendPoint[]> = {};
    for (const metric of TREND_METRICS) {
      series[metric] = oldestFirst.flatMap((run) => {
        const value = summaryValue(run.summary, metric);
        return value === null
          ? []
          : [{ runId: run.id, label: runName(run), at: run.finishedAt ?? run.createdAt, value }];
      });
    }
    return series;
  }, [succeeded]);

  const toggle = useCallback((id: string) => {
    setSelected((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-2),
    );
  }, []);

  const compare = () => {
    if (selected.length !== 2) return;
    // The older run is A, the newer B, so deltas read as "what changed since".
    const order = items.filter((run) => selected.includes(run.id)).reverse();
    navigate(`/eval/compare?a=${order[0]!.id}&b=${order[1]!.id}`);
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Evaluation
          </h1>
          <p className="page-sub">
            The pipeline scored on the golden set: keyword coverage, ATS, grounding, fabrications and more.
          </p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setCreating(true)}
            disabled={creating}
          >
            <PlusIcon size={16} /> New run
          </button>
        </div>
      </div>

      {creating && (
        <NewEvalRunForm
          baselines={succeeded}
          onCancel={() => setCreating(false)}
          onStarted={(run) => {
            setCreating(false);
            setList((current) =>
              current.status === 'ready'
                ? { ...current, items: merge(current.items, [run]) }
                : { status: 'ready', items: [run], nextCursor: null },
            );
            notify('Evaluation run queued.', 'success');
          }}
        />
      )}

      {list.status === 'loading' && <PageLoading label="Loading evaluation runs…" />}
      {list.status === 'error' && (
        <div className="card error-card" role="alert">
          <p>Could not load the evaluation runs. {list.message}</p>
          <button type="button" className="btn btn-secondary" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}

      {list.status === 'ready' && items.length === 0 && !creating && (
        <EmptyState
          title="No evaluation runs yet"
          action={
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              <PlusIcon size={16} /> Start the first run
            </button>
          }
        >
          <p>A run scores every golden case and keeps the report, so later runs can be compared with it.</p>
        </EmptyState>
      )}

      {succeeded.length > 0 && (
        <section className="eval-section" aria-labelledby="trend-heading">
          <h2 id="trend-heading" className="section-title">
            Trend across runs
          </h2>
          <div className="trend-grid">
            {TREND_METRICS.map((metric) => (
              <EvalTrendChart key={metric} metric={metric} points={trend[metric] ?? []} />
            ))}
          </div>
        </section>
      )}

      {items.length > 0 && (
        <section className="eval-section" aria-labelledby="runs-heading">
          <div className="eval-section-head">
            <h2 id="runs-heading" className="section-title">
              Runs
            </h2>
            <div className="row-actions">
              <span className="muted eval-compare-hint" aria-live="polite">
                {selected.length === 2 ? 'Two runs selected.' : 'Select two finished runs to compare them.'}
              </span>
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                disabled={selected.length !== 2}
                onClick={compare}
              >
                Compare selected
              </button>
            </div>
          </div>
          <div className="table-wrap">
            <table className="table eval-runs-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">Select to compare</span>
                  </th>
                  <th scope="col">Run</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Cases
                  </th>
                  <th scope="col" className="num">
                    Keyword coverage
                  </th>
                  <th scope="col" className="num">
                    ATS pass
                  </th>
                  <th scope="col" className="num">
                    Grounding
                  </th>
                  <th scope="col" className="num">
                    Fabrications
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <input
                        type="checkbox"
                        checked={selected.includes(run.id)}
                        disabled={run.status !== 'succeeded'}
                        onChange={() => toggle(run.id)}
                        aria-label={`Compare ${runName(run)}`}
                      />
                    </td>
                    <th scope="row">
                      <Link to={`/eval/runs/${run.id}`}>{runName(run)}</Link>
                      <span className="eval-run-when" title={formatDateTime(run.createdAt)}>
                        {formatRelative(run.createdAt)}
                      </span>
                    </th>
                    <td>
                      <EvalStatus run={run} />
                      {run.error && <span className="eval-run-error">{run.error.message}</span>}
                    </td>
                    <td className="num">{run.summary?.cases ?? (run.progress.total || '—')}</td>
                    <td className="num">
                      {formatMetric('keywordCoverage', summaryValue(run.summary, 'keywordCoverage'))}
                    </td>
                    <td className="num">
                      {formatMetric('atsPassRate', summaryValue(run.summary, 'atsPassRate'))}
                    </td>
                    <td className="num">
                      {formatMetric('grounding', summaryValue(run.summary, 'grounding'))}
                    </td>
                    <td className="num">
                      {formatMetric('fabrications', summaryValue(run.summary, 'fabrications'))}
                    </td>
                    <td>
                      {isActiveRun(run) && (
                        <button
                          type="button"
                          className="btn btn-ghost btn-sm btn-danger-text"
                          onClick={() => void cancel(run)}
                          aria-label={`Cancel ${runName(run)}`}
                        >
                          Cancel
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.status === 'ready' && list.nextCursor && (
            <LoadMoreButton onLoad={loadMore} loading={loadingMore} label="Load older runs" />
          )}
        </section>
      )}
    </>
  );
}
