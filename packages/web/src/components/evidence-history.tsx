import { useEffect, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import { listEvidenceChecks } from '../api/evidence';
import type { EvidenceCheck } from '../api/types';
import { formatDateTime } from '../lib/format';
import { StatusBadge } from './status-badge';

type HistoryState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; checks: EvidenceCheck[] };

/** The last checks of one link, loaded when shown. */
export function EvidenceHistory({ evidenceId, reloadKey }: { evidenceId: string; reloadKey?: unknown }) {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey refreshes the list after a new check
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    listEvidenceChecks(evidenceId, controller.signal)
      .then((checks) => setState({ status: 'ready', checks }))
      .catch((error) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [evidenceId, reloadKey]);

  if (state.status === 'loading') return <p className="evidence-history muted">Loading check history…</p>;
  if (state.status === 'error') {
    return (
      <p className="evidence-history field-error" role="alert">
        Could not load the check history. {state.message}
      </p>
    );
  }
  if (state.checks.length === 0) return <p className="evidence-history muted">No checks recorded yet.</p>;
  return (
    <ol className="evidence-history" aria-label="Check history, newest first">
      {state.checks.map((check) => (
        <li key={`${check.at}-${check.status}`}>
          <time dateTime={check.at}>{formatDateTime(check.at)}</time>
          <StatusBadge status={check.status} />
          <span className="evidence-history-reason">
            {check.reason || (check.httpStatus ? `HTTP ${check.httpStatus}` : '')}
            {check.finalUrl ? ` → ${check.finalUrl}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
