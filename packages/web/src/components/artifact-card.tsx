import { type Artifact, EVIDENCE_STATUSES, type EvidenceStatus } from '../api/types';
import { formatDateRange, plural } from '../lib/format';
import { Link } from '../router';
import { LinkIcon } from './icons';
import { LabelChip } from './label-chip';
import { StatusBadge } from './status-badge';

const MAX_TECH = 8;

function statusCounts(artifact: Artifact): [EvidenceStatus, number][] {
  const counts = new Map<EvidenceStatus, number>();
  for (const evidence of artifact.evidence ?? []) {
    counts.set(evidence.status, (counts.get(evidence.status) ?? 0) + 1);
  }
  return EVIDENCE_STATUSES.filter((status) => counts.has(status)).map((status) => [
    status,
    counts.get(status)!,
  ]);
}

interface ArtifactCardProps {
  artifact: Artifact;
  /** Present while the portfolio is in selection mode: the card gets a checkbox above its link. */
  selection?: { selected: boolean; onToggle: () => void };
}

export function ArtifactCard({ artifact, selection }: ArtifactCardProps) {
  const technologies = artifact.technologies ?? [];
  const shown = technologies.slice(0, MAX_TECH);
  const hidden = technologies.length - shown.length;
  const evidenceCount = artifact.evidence?.length ?? 0;
  const counts = statusCounts(artifact);
  const dates = formatDateRange(artifact.startDate, artifact.endDate);

  return (
    <article
      className={`card artifact-card${selection?.selected ? ' is-selected' : ''}`}
      data-testid="artifact-card"
    >
      <div className="artifact-card-head">
        {selection && (
          <input
            type="checkbox"
            className="artifact-select"
            checked={selection.selected}
            onChange={selection.onToggle}
            aria-label={`Select ${artifact.title}`}
          />
        )}
        <h2 className="artifact-title">
          <Link to={`/artifacts/${encodeURIComponent(artifact.id)}`} className="stretched-link">
            {artifact.title}
          </Link>
        </h2>
        {artifact.visibility === 'public' && <span className="pill">Public</span>}
      </div>
      <p className="artifact-meta">
        {artifact.role && <span className="artifact-role">{artifact.role}</span>}
        {artifact.role && dates && (
          <span className="dot" aria-hidden="true">
            ·
          </span>
        )}
        {dates && <span className="artifact-dates">{dates}</span>}
      </p>
      {artifact.summary && <p className="artifact-summary">{artifact.summary}</p>}
      {shown.length > 0 && (
        <ul className="chip-list">
          {shown.map((tech) => (
            <li key={tech} className="chip chip-tech">
              {tech}
            </li>
          ))}
          {hidden > 0 && (
            <li className="chip chip-more" title={technologies.slice(MAX_TECH).join(', ')}>
              +{hidden} more
            </li>
          )}
        </ul>
      )}
      {artifact.labels?.length > 0 && (
        <ul className="chip-list">
          {artifact.labels.map((label) => (
            <li key={label.id}>
              <LabelChip label={label} />
            </li>
          ))}
        </ul>
      )}
      <div className="artifact-card-foot">
        <span className="evidence-count">
          <LinkIcon size={14} />
          {evidenceCount === 0 ? 'No evidence yet' : plural(evidenceCount, 'evidence link')}
        </span>
        {counts.length > 0 && (
          <span className="badge-row">
            {counts.map(([status, count]) => (
              <StatusBadge key={status} status={status} count={count} />
            ))}
          </span>
        )}
      </div>
    </article>
  );
}
