import {
  ARTIFACT_SORTS,
  type ArtifactSort,
  EVIDENCE_STATUSES,
  type EvidenceStatus,
  type Label,
} from '../api/types';
import { statusMeta } from '../lib/evidence-meta';
import { type PortfolioFilters, SORT_LABELS } from '../lib/portfolio-filters';
import { SearchIcon } from './icons';

interface PortfolioFilterBarProps {
  filters: PortfolioFilters;
  qInput: string;
  skillInput: string;
  labels: Label[];
  onQChange: (value: string) => void;
  onSkillChange: (value: string) => void;
  onChange: (patch: Partial<PortfolioFilters>) => void;
  onClear: (() => void) | null;
}

export function PortfolioFilterBar({
  filters,
  qInput,
  skillInput,
  labels,
  onQChange,
  onSkillChange,
  onChange,
  onClear,
}: PortfolioFilterBarProps) {
  return (
    <search className="filter-bar" aria-label="Filter artifacts">
      <div className="field filter-search">
        <label htmlFor="filter-q" className="field-label">
          Search
        </label>
        <div className="input-icon-wrap">
          <SearchIcon size={16} />
          <input
            id="filter-q"
            className="input input-with-icon"
            type="search"
            value={qInput}
            placeholder="Titles, summaries, outcomes, technologies…"
            onChange={(event) => onQChange(event.target.value)}
          />
        </div>
      </div>
      <div className="filter-row">
        <div className="field">
          <label htmlFor="filter-label" className="field-label">
            Label
          </label>
          <select
            id="filter-label"
            className="input"
            value={filters.label}
            onChange={(event) => onChange({ label: event.target.value })}
          >
            <option value="">All labels</option>
            {labels.map((label) => (
              <option key={label.id} value={label.id}>
                {label.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-skill" className="field-label">
            Skill
          </label>
          <input
            id="filter-skill"
            className="input"
            type="text"
            value={skillInput}
            placeholder="e.g. Kubernetes or k8s"
            autoComplete="off"
            onChange={(event) => onSkillChange(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-status" className="field-label">
            Evidence status
          </label>
          <select
            id="filter-status"
            className="input"
            value={filters.evidenceStatus}
            onChange={(event) => onChange({ evidenceStatus: event.target.value as EvidenceStatus | '' })}
          >
            <option value="">Any status</option>
            {EVIDENCE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusMeta(status).label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-sort" className="field-label">
            Sort
          </label>
          <select
            id="filter-sort"
            className="input"
            value={filters.sort}
            onChange={(event) => onChange({ sort: event.target.value as ArtifactSort })}
          >
            {ARTIFACT_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
        {onClear && (
          <div className="filter-clear">
            <button type="button" className="btn btn-ghost" onClick={onClear}>
              Clear filters
            </button>
          </div>
        )}
      </div>
    </search>
  );
}
