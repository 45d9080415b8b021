import type { Evidence, EvidenceStatus } from '../api/types';
import { statusMeta } from '../lib/evidence-meta';
import { formatDateTime } from '../lib/format';

type BadgeEvidence = Pick<Evidence, 'lastCheckedAt' | 'httpStatus' | 'finalUrl' | 'consecutiveFailures'> &
  Partial<Pick<Evidence, 'reason' | 'failing'>>;

interface StatusBadgeProps {
  status: EvidenceStatus;
  /** When set, shown before the label (for per-status counts on cards). */
  count?: number;
  evidence?: BadgeEvidence;
}

/** The last check in words: when, what the server answered, why, and whether it keeps failing. */
export function describeCheck(evidence: BadgeEvidence | undefined): string {
  if (!evidence) return '';
  if (!evidence.lastCheckedAt) return 'Not checked yet';
  const parts = [`Last checked ${formatDateTime(evidence.lastCheckedAt)}`];
  if (evidence.reason) parts.push(evidence.reason);
  else if (evidence.httpStatus) parts.push(`HTTP ${evidence.httpStatus}`);
  if (evidence.finalUrl) parts.push(`ends at ${evidence.finalUrl}`);
  if (evidence.consecutiveFailures > 0) {
    parts.push(
      `${evidence.consecutiveFailures} failed check${evidence.consecutiveFailures === 1 ? '' : 's'} in a row`,
    );
  }
  return parts.join(' · ');
}

/** Evidence status as colour, icon and text, so it never relies on colour alone. */
export function StatusBadge({ status, count, evidence }: StatusBadgeProps) {
  const meta = statusMeta(status);
  const detail = describeCheck(evidence);
  const title = detail ? `${meta.description}. ${detail}` : meta.description;
  // A link that failed recently but is not broken yet keeps its status, with a warning mark beside it.
  const failing = count === undefined && evidence?.failing === true && status !== 'broken';
  return (
    <span className={`badge badge-${status}${failing ? ' badge-failing' : ''}`} title={title}>
      <span className="badge-icon" aria-hidden="true">
        {meta.icon}
      </span>
      {count !== undefined ? `${count} ${meta.label.toLowerCase()}` : meta.label}
      {failing && <span className="badge-failing-mark"> · failing</span>}
      {detail && <span className="sr-only">. {detail}</span>}
    </span>
  );
}
