import { type Ref, useEffect, useId, useRef, useState } from 'react';
import type { ImportJob } from '../api/tailoring-types';
import type { Label } from '../api/types';
import { formatDateRange, plural } from '../lib/format';
import { Link } from '../router';
import { LabelToggleGroup } from './label-toggle-group';

interface ImportReviewProps {
  job: ImportJob;
  /** Receives focus when the proposal arrives. */
  headingRef?: Ref<HTMLHeadingElement>;
  labels: Label[];
  busy: boolean;
  onCommit: (indices: number[], labelIds: string[]) => void;
  onDiscard: () => void;
}

const MAX_TECH = 6;

/** The parser's proposal as a table to pick from, with labels to attach to everything that is added. */
export function ImportReview({ job, headingRef, labels, busy, onCommit, onDiscard }: ImportReviewProps) {
  const artifacts = job.proposal?.artifacts ?? [];
  const profile = job.proposal?.profile ?? null;
  // What is already in the portfolio (same title, same start date) starts unticked.
  const [selected, setSelected] = useState<Set<number>>(
    () => new Set(artifacts.flatMap((a, i) => (a.existingArtifactId ? [] : [i]))),
  );
  const [labelIds, setLabelIds] = useState<string[]>([]);
  const allRef = useRef<HTMLInputElement>(null);
  const captionId = useId();
  const headingId = useId();
  const heading = (
    <h2 id={headingId} ref={headingRef} tabIndex={-1} className="section-title">
      Review what was found in {job.filename ?? 'your resume'}
    </h2>
  );

  const all = selected.size === artifacts.length && artifacts.length > 0;
  const some = selected.size > 0 && !all;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);

  const toggle = (index: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  if (artifacts.length === 0) {
    return (
      <section className="card form-section" aria-labelledby={headingId}>
        {heading}
        <p>Nothing that looks like a project, role or publication was found in this file.</p>
        <div className="row-actions">
          <button type="button" className="btn btn-secondary" onClick={onDiscard} disabled={busy}>
            Discard
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card form-section import-review" aria-labelledby={headingId}>
      <div className="section-head">
        {heading}
        <p className="section-sub">
          Nothing is added until you choose. Untick what you do not want; you can edit everything afterwards.
        </p>
      </div>
      {profile && (
        <div className="import-profile">
          <span className="avatar" aria-hidden="true">
            {profile.name.trim().charAt(0).toUpperCase()}
          </span>
          <div>
            <p className="import-profile-name">{profile.name}</p>
            <p className="muted small">
              {[profile.headline, profile.email, profile.location].filter(Boolean).join(' · ') ||
                'Profile found'}
              {profile.education?.length
                ? ` · ${plural(profile.education.length, 'education entry', 'education entries')}`
                : ''}
            </p>
          </div>
        </div>
      )}

      <div className="table-wrap">
        <table className="table import-table">
          <caption id={captionId} className="import-caption">
            {plural(artifacts.length, 'proposed artifact')} · {selected.size} selected
          </caption>
          <thead>
            <tr>
              <th scope="col" className="cell-check">
                <input
                  ref={allRef}
                  type="checkbox"
                  aria-label="Select all"
                  checked={all}
                  onChange={() => setSelected(all ? new Set() : new Set(artifacts.map((_, i) => i)))}
                />
              </th>
              <th scope="col">Title</th>
              <th scope="col">Dates</th>
              <th scope="col">Evidence</th>
              <th scope="col">Technologies</th>
            </tr>
          </thead>
          <tbody>
            {artifacts.map((artifact, index) => {
              const tech = artifact.technologies ?? [];
              const subtitle = [artifact.role, artifact.organization].filter(Boolean).join(' · ');
              const evidence = artifact.evidence?.length ?? 0;
              return (
                // The proposal is a fixed list: its index is what the commit call names.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <tr key={index} className={selected.has(index) ? 'is-selected' : ''}>
                  <td className="cell-check">
                    <input
                      type="checkbox"
                      checked={selected.has(index)}
                      onChange={() => toggle(index)}
                      aria-label={`Select ${artifact.title}`}
                    />
                  </td>
                  <th scope="row" data-label="Title">
                    <span className="import-title">{artifact.title}</span>
                    {subtitle && <span className="import-sub">{subtitle}</span>}
                    {artifact.existingArtifactId && (
                      <span className="import-sub">
                        <Link to={`/artifacts/${encodeURIComponent(artifact.existingArtifactId)}`}>
                          Already in your portfolio
                        </Link>
                      </span>
                    )}
                    {(artifact.labels ?? []).length > 0 && (
                      <span className="import-sub">Labels: {artifact.labels.join(', ')}</span>
                    )}
                  </th>
                  <td data-label="Dates" className="nowrap">
                    {formatDateRange(artifact.startDate, artifact.endDate) || '—'}
                  </td>
                  <td data-label="Evidence">
                    {evidence === 0 ? <span className="muted">None</span> : plural(evidence, 'link')}
                  </td>
                  <td data-label="Technologies">
                    {tech.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="chip-list">
                        {tech.slice(0, MAX_TECH).map((name) => (
                          <li key={name} className="chip chip-tech">
                            {name}
                          </li>
                        ))}
                        {tech.length > MAX_TECH && (
                          <li className="chip chip-more" title={tech.slice(MAX_TECH).join(', ')}>
                            +{tech.length - MAX_TECH}
                          </li>
                        )}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <LabelToggleGroup
        labels={labels}
        selected={labelIds}
        onChange={setLabelIds}
        legend="Labels for the added artifacts"
        hint={
          artifacts.some((a) => (a.labels ?? []).length > 0)
            ? 'Attach these labels to every artifact you add. The labels the file names are kept too: matched to yours by name, or created.'
            : 'Attach these labels to every artifact you add.'
        }
      />

      <div className="import-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || selected.size === 0}
          onClick={() =>
            onCommit(
              [...selected].sort((a, b) => a - b),
              labelIds,
            )
          }
        >
          Add selected
        </button>
        <button type="button" className="btn btn-ghost btn-danger-text" onClick={onDiscard} disabled={busy}>
          Discard
        </button>
        <span className="muted small" aria-live="polite">
          {selected.size === 0
            ? 'Select at least one artifact.'
            : `${plural(selected.size, 'artifact')} will be added.`}
        </span>
      </div>
    </section>
  );
}
