import type { DocumentEvidence } from '../api/tailoring-types';
import { formatDateTime, formatRelative } from '../lib/format';
import { displayUrl, safeHref } from '../lib/url';
import { ExternalIcon } from './icons';
import { StatusBadge } from './status-badge';

interface EvidenceChipProps {
  evidence: DocumentEvidence | undefined;
  /** The link text the document uses for it, when it has one. */
  label?: string | undefined;
}

/** One piece of evidence behind a document item: its status, where it points, and when it was last checked. */
export function EvidenceChip({ evidence, label }: EvidenceChipProps) {
  if (!evidence) {
    return (
      <li
        className="ev-chip ev-missing"
        title="This evidence was removed from the artifact after the document was made"
      >
        <span className="ev-chip-text">{label ?? 'Evidence'} — removed</span>
      </li>
    );
  }
  const href = safeHref(evidence.url);
  const name = label || displayUrl(evidence.url);
  const archive = evidence.status === 'broken' && evidence.archiveUrl ? safeHref(evidence.archiveUrl) : null;
  const checked = evidence.lastCheckedAt
    ? `checked ${formatRelative(evidence.lastCheckedAt)}${evidence.reason ? ` · ${evidence.reason}` : ''}`
    : 'not checked yet';
  return (
    <li className={`ev-chip ev-${evidence.status}`}>
      <StatusBadge status={evidence.status} />
      {href ? (
        <a
          className="ev-chip-link"
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          title={evidence.url}
        >
          <span className="ev-chip-name">{name}</span>
          <ExternalIcon size={11} />
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      ) : (
        <span className="ev-chip-link">{name}</span>
      )}
      <span
        className="ev-chip-checked"
        title={evidence.lastCheckedAt ? formatDateTime(evidence.lastCheckedAt) : ''}
      >
        {checked}
      </span>
      {archive && (
        <a className="ev-chip-archive" href={archive} target="_blank" rel="noopener noreferrer">
          archived copy
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      )}
    </li>
  );
}
