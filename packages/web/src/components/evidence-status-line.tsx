import type { Evidence } from '../api/types';
import { formatDateTime, formatRelative } from '../lib/format';

interface EvidenceStatusLineProps {
  evidence: Pick<Evidence, 'status' | 'lastCheckedAt' | 'httpStatus' | 'consecutiveFailures'> &
    Partial<Pick<Evidence, 'reason' | 'failing' | 'nextCheckAt'>>;
}

/** One line under a link: when it was last checked, why it got its status, and when it is checked next. */
export function EvidenceStatusLine({ evidence }: EvidenceStatusLineProps) {
  const reason = evidence.reason || (evidence.httpStatus ? `HTTP ${evidence.httpStatus}` : null);
  return (
    <span className="evidence-check-line">
      {evidence.lastCheckedAt ? (
        <time dateTime={evidence.lastCheckedAt} title={formatDateTime(evidence.lastCheckedAt)}>
          Checked {formatRelative(evidence.lastCheckedAt)}
        </time>
      ) : (
        <span>Not checked yet</span>
      )}
      {reason && (
        <>
          <span aria-hidden="true"> · </span>
          <span className="evidence-reason">{reason}</span>
        </>
      )}
      {evidence.failing && evidence.status !== 'broken' && evidence.consecutiveFailures > 0 && (
        <>
          <span aria-hidden="true"> · </span>
          <span className="evidence-failing">
            failed {evidence.consecutiveFailures === 1 ? 'once' : `${evidence.consecutiveFailures} times`} —
            not marked broken yet
          </span>
        </>
      )}
      {evidence.nextCheckAt && (
        <>
          <span aria-hidden="true"> · </span>
          <span title={formatDateTime(evidence.nextCheckAt)}>
            next check {formatRelative(evidence.nextCheckAt)}
          </span>
        </>
      )}
    </span>
  );
}
