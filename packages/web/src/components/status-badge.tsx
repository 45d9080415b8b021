import type { Evidence, EvidenceStatus } from '../api/types';
import { statusMeta } from '../lib/evidence-meta';
import { formatDateTime } from '../lib/format';

interface StatusBadgeProps {
  status: EvidenceStatus;
  /** When set, shown before the label (for per-status counts on cards). */
  count?: number;
  evidence?: Pick<Evidence, 'lastCheckedAt' | 'httpStatus' | 'finalUrl' | 'consecutiveFailures'>;
}

function describe(evidence: StatusBadgeProps['evidence']): string {
  if (!evidence) return '';
  if (!evidence.lastCheckedAt) return 'Not checked yet';
  const parts = [`Last checked ${formatDateTime(evidence.lastCheckedAt)}`];
  if (evidence.httpStatus) parts.push(`HTTP ${evidence.httpStatus}`);
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
  const detail = describe(evidence);
  const title = detail ? `${meta.description}. ${detail}` : meta.description;
  return (
    <span className={`badge badge-${status}`} title={title}>
      <span className="badge-icon" aria-hidden="true">
        {meta.icon}
      </span>
      {count !== undefined ? `${count} ${meta.label.toLowerCase()}` : meta.label}
      {detail && <span className="sr-only">. {detail}</span>}
    </span>
  );
}
