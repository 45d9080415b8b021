import { useId, useMemo, useState } from 'react';
import type { Artifact } from '../api/types';
import { formatDateRange, plural } from '../lib/format';
import { SearchIcon } from './icons';
import { Swatch } from './label-chip';
import { Spinner } from './spinner';

export type PickChoice = 'auto' | 'include' | 'exclude';

interface ArtifactPickerProps {
  artifacts: Artifact[] | null;
  error?: string | null;
  include: string[];
  exclude: string[];
  onChange: (next: { include: string[]; exclude: string[] }) => void;
}

const CHOICES: { value: PickChoice; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'include', label: 'Include' },
  { value: 'exclude', label: 'Exclude' },
];

function matches(artifact: Artifact, query: string): boolean {
  if (!query) return true;
  const haystack = [
    artifact.title,
    artifact.role ?? '',
    artifact.summary ?? '',
    ...(artifact.technologies ?? []),
    ...(artifact.labels ?? []).map((label) => label.name),
  ]
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * Per-artifact override of the matcher: "Auto" lets Dossier rank it, "Include" forces it in, "Exclude" keeps
 * it out. Each artifact is a small radio group, so the choice is one Tab stop and arrow keys switch it.
 */
export function ArtifactPicker({ artifacts, error, include, exclude, onChange }: ArtifactPickerProps) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const groupName = useId();

  const visible = useMemo(
    () => (artifacts ?? []).filter((artifact) => matches(artifact, query.trim())),
    [artifacts, query],
  );

  const choiceOf = (id: string): PickChoice =>
    include.includes(id) ? 'include' : exclude.includes(id) ? 'exclude' : 'auto';

  const set = (id: string, choice: PickChoice) => {
    const nextInclude = include.filter((item) => item !== id);
    const nextExclude = exclude.filter((item) => item !== id);
    if (choice === 'include') nextInclude.push(id);
    if (choice === 'exclude') nextExclude.push(id);
    onChange({ include: nextInclude, exclude: nextExclude });
  };

  const summary =
    include.length || exclude.length
      ? [
          include.length ? `${include.length} included` : '',
          exclude.length ? `${exclude.length} excluded` : '',
        ]
          .filter(Boolean)
          .join(', ')
      : 'Dossier picks the best matches';

  return (
    <fieldset className="fieldset picker">
      <legend className="field-label">Artifacts</legend>
      <p className="field-hint">
        Force an artifact in or keep it out; the rest are ranked against the job.{' '}
        <span className="picker-summary">{summary}.</span>
      </p>
      <div className="picker-tools">
        <label htmlFor={searchId} className="sr-only">
          Search artifacts
        </label>
        <div className="input-icon-wrap grow">
          <SearchIcon size={16} />
          <input
            id={searchId}
            className="input input-with-icon"
            type="search"
            placeholder="Search artifacts by title, technology, label…"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        {(include.length > 0 || exclude.length > 0) && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => onChange({ include: [], exclude: [] })}
          >
            Reset to auto
          </button>
        )}
      </div>
      {error && <p className="field-error">{error}</p>}
      {!artifacts && !error && <Spinner label="Loading artifacts…" />}
      {artifacts && artifacts.length === 0 && (
        <p className="picker-empty muted">
          Your portfolio is empty, so the document can only use what you paste.
        </p>
      )}
      {artifacts && artifacts.length > 0 && (
        <>
          <p className="sr-only" aria-live="polite">
            {query.trim() ? `${plural(visible.length, 'artifact')} match.` : ''}
          </p>
          <ul className="picker-list">
            {visible.map((artifact) => {
              const choice = choiceOf(artifact.id);
              return (
                <li key={artifact.id} className={`picker-row is-${choice}`}>
                  <div className="picker-info">
                    <span className="picker-title">{artifact.title}</span>
                    <span className="picker-meta">
                      {formatDateRange(artifact.startDate, artifact.endDate)}
                      {(artifact.labels ?? []).map((label) => (
                        <span key={label.id} className="picker-label">
                          <Swatch colour={label.colour} size="sm" />
                          {label.name}
                        </span>
                      ))}
                    </span>
                  </div>
                  <div className="segmented" role="radiogroup" aria-label={artifact.title}>
                    {CHOICES.map((option) => (
                      <label key={option.value} className={`segment segment-${option.value}`}>
                        <input
                          type="radio"
                          name={`${groupName}-${artifact.id}`}
                          value={option.value}
                          checked={choice === option.value}
                          onChange={() => set(artifact.id, option.value)}
                        />
                        <span>{option.label}</span>
                      </label>
                    ))}
                  </div>
                </li>
              );
            })}
            {visible.length === 0 && <li className="picker-empty muted">No artifact matches “{query}”.</li>}
          </ul>
        </>
      )}
    </fieldset>
  );
}
