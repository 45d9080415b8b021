import { useEffect, useMemo, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import { compareEvalRuns } from '../api/eval';
import type { EvalComparison } from '../api/eval-types';
import { EvalComparisonView } from '../components/eval-comparison-view';
import { ArrowLeftIcon } from '../components/icons';
import { PageLoading } from '../components/spinner';
import { useDocumentTitle } from '../hooks/use-document-title';
import { Link, useLocation } from '../router';

type CompareState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; comparison: EvalComparison };

/** Two runs compared, named by `?a=&b=` (deltas are B − A). */
export function EvalComparePage() {
  useDocumentTitle('Compare evaluation runs');
  const { search } = useLocation();
  const { a, b } = useMemo(() => {
    const params = new URLSearchParams(search);
    return { a: params.get('a') ?? '', b: params.get('b') ?? '' };
  }, [search]);
  const [state, setState] = useState<CompareState>({ status: 'loading' });

  useEffect(() => {
    if (!a || !b) {
      setState({ status: 'error', message: 'Pick two runs on the evaluation page.' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    compareEvalRuns(a, b, controller.signal)
      .then((comparison) => setState({ status: 'ready', comparison }))
      .catch((error) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [a, b]);

  return (
    <>
      <div className="page-head">
        <div>
          <Link to="/eval" className="back-link">
            <ArrowLeftIcon size={14} /> Evaluation
          </Link>
          <h1 className="page-title" tabIndex={-1}>
            Two runs compared
          </h1>
          {state.status === 'ready' && (
            <p className="page-sub">
              {state.comparison.a.configName ?? 'A'} → {state.comparison.b.configName ?? 'B'}
            </p>
          )}
        </div>
      </div>
      {state.status === 'loading' && <PageLoading label="Comparing…" />}
      {state.status === 'error' && (
        <div className="card error-card" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      {state.status === 'ready' && <EvalComparisonView comparison={state.comparison} />}
    </>
  );
}
