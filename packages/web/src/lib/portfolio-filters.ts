import {
  ARTIFACT_SORTS,
  type ArtifactQuery,
  type ArtifactSort,
  EVIDENCE_STATUSES,
  type EvidenceStatus,
} from '../api/types';

export interface PortfolioFilters {
  q: string;
  label: string;
  skill: string;
  evidenceStatus: EvidenceStatus | '';
  sort: ArtifactSort;
}

export const DEFAULT_SORT: ArtifactSort = '-startDate';

export const SORT_LABELS: Record<ArtifactSort, string> = {
  '-startDate': 'Newest first',
  startDate: 'Oldest first',
  title: 'Title (A–Z)',
  '-updatedAt': 'Recently edited',
};

export function parseFilters(search: string): PortfolioFilters {
  const params = new URLSearchParams(search);
  const status = params.get('evidenceStatus') ?? '';
  const sort = params.get('sort') ?? '';
  return {
    q: params.get('q') ?? '',
    label: params.get('label') ?? '',
    skill: params.get('skill') ?? '',
    evidenceStatus: (EVIDENCE_STATUSES as readonly string[]).includes(status)
      ? (status as EvidenceStatus)
      : '',
    sort: (ARTIFACT_SORTS as readonly string[]).includes(sort) ? (sort as ArtifactSort) : DEFAULT_SORT,
  };
}

/** The query string for the page URL; defaults are left out so a clean portfolio has a clean URL. */
export function serializeFilters(filters: PortfolioFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.label) params.set('label', filters.label);
  if (filters.skill.trim()) params.set('skill', filters.skill.trim());
  if (filters.evidenceStatus) params.set('evidenceStatus', filters.evidenceStatus);
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export function toQuery(filters: PortfolioFilters): ArtifactQuery {
  return {
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.label ? { label: filters.label } : {}),
    ...(filters.skill.trim() ? { skill: filters.skill.trim() } : {}),
    ...(filters.evidenceStatus ? { evidenceStatus: filters.evidenceStatus } : {}),
    sort: filters.sort,
  };
}

export function hasActiveFilters(filters: PortfolioFilters): boolean {
  return Boolean(filters.q.trim() || filters.label || filters.skill.trim() || filters.evidenceStatus);
}
