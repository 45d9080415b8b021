import { type FormEvent, useEffect, useId, useState } from 'react';
import type { VersionSummary } from '../api/tailoring-types';
import { formatDateTime, formatRelative } from '../lib/format';
import { HistoryIcon } from './icons';
import { Spinner } from './spinner';

interface VersionHistoryProps {
  versions: VersionSummary[] | null;
  error?: string | null;
  current: number;
  viewing: number;
  onView: (number: number) => void;
  onCompare: (from: number, to: number) => void;
  comparing: boolean;
}

export function scoreTone(score: number | null | undefined): 'pass' | 'warn' | 'fail' | 'none' {
  if (score === null || score === undefined) return 'none';
  return score >= 75 ? 'pass' : score >= 50 ? 'warn' : 'fail';
}

/** Every version of a document, newest first, with a picker to compare two of them. */
export function VersionHistory({
  versions,
  error,
  current,
  viewing,
  onView,
  onCompare,
  comparing,
}: VersionHistoryProps) {
  const sorted = [...(versions ?? [])].sort((a, b) => b.number - a.number);
  const [from, setFrom] = useState<number | ''>('');
  const [to, setTo] = useState<number | ''>('');
  const fromId = useId();
  const toId = useId();

  // Default to "previous → current" whenever the list changes (a new version was saved).
  useEffect(() => {
    if (!versions || versions.length < 2) return;
    const numbers = versions.map((v) => v.number).sort((a, b) => b - a);
    setTo(numbers[0] ?? '');
    setFrom(numbers[1] ?? '');
  }, [versions]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (from !== '' && to !== '' && from !== to) onCompare(from, to);
  };

  return (
    <section className="card side-card" aria-labelledby="versions-heading">
      <h2 id="versions-heading" className="section-title">
        <HistoryIcon size={18} /> Versions
      </h2>
      {error && <p className="form-error">{error}</p>}
      {!versions && !error && <Spinner label="Loading versions…" />}
      {sorted.length > 0 && (
        <ol className="version-list">
          {sorted.map((version) => {
            const tone = scoreTone(version.atsScore);
            return (
              <li
                key={version.number}
                className={`version-row${version.number === viewing ? ' is-viewing' : ''}`}
              >
                <span className="version-number">v{version.number}</span>
                <span className="version-info">
                  <span className="version-author">
                    {version.author === 'user' ? 'Your edit' : 'Generated'}
                  </span>
                  <span className="version-time">
                    <time dateTime={version.createdAt} title={formatDateTime(version.createdAt)}>
                      {formatRelative(version.createdAt)}
                    </time>
                    {version.number === current && <strong className="version-current"> · current</strong>}
                  </span>
                </span>
                {version.atsScore !== null && version.atsScore !== undefined && (
                  <span className={`score-chip score-${tone}`} title="ATS score">
                    <span className="score-label">ATS</span>
                    {Math.round(version.atsScore)}
                  </span>
                )}
                {version.number === viewing ? (
                  <span className="version-viewing">Viewing</span>
                ) : (
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm"
                    onClick={() => onView(version.number)}
                    aria-label={`View version ${version.number}`}
                  >
                    View
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {sorted.length >= 2 && (
        <form className="compare-form" onSubmit={submit}>
          <div className="compare-fields">
            <div className="field">
              <label className="field-label" htmlFor={fromId}>
                Compare
              </label>
              <select
                id={fromId}
                className="input"
                value={from}
                onChange={(event) => setFrom(Number(event.target.value))}
              >
                {sorted.map((v) => (
                  <option key={v.number} value={v.number}>
                    v{v.number}
                  </option>
                ))}
              </select>
            </div>
            <span className="compare-arrow" aria-hidden="true">
              →
            </span>
            <div className="field">
              <label className="field-label" htmlFor={toId}>
                with
              </label>
              <select
                id={toId}
                className="input"
                value={to}
                onChange={(event) => setTo(Number(event.target.value))}
              >
                {sorted.map((v) => (
                  <option key={v.number} value={v.number}>
                    v{v.number}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="btn btn-secondary btn-sm" disabled={comparing || from === to}>
            {comparing ? 'Comparing…' : 'Show changes'}
          </button>
        </form>
      )}
      {sorted.length === 1 && <p className="muted small">Edit the document to create a new version.</p>}
    </section>
  );
}
