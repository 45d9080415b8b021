import type { Artifact, ArtifactCreateInput, ArtifactPatch, Visibility } from '../api/types';

export interface ArtifactDraft {
  title: string;
  summary: string;
  role: string;
  startDate: string;
  endDate: string;
  visibility: Visibility;
  technologies: string[];
  collaborators: string[];
  outcomes: string[];
  labelIds: string[];
}

export const DRAFT_FIELDS = [
  'title',
  'summary',
  'role',
  'startDate',
  'endDate',
  'visibility',
  'technologies',
  'collaborators',
  'outcomes',
  'labelIds',
  'evidence',
] as const;

function day(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '';
}

export function emptyDraft(): ArtifactDraft {
  return {
    title: '',
    summary: '',
    role: '',
    startDate: '',
    endDate: '',
    visibility: 'private',
    technologies: [],
    collaborators: [],
    outcomes: [],
    labelIds: [],
  };
}

export function toDraft(artifact: Artifact): ArtifactDraft {
  return {
    title: artifact.title ?? '',
    summary: artifact.summary ?? '',
    role: artifact.role ?? '',
    startDate: day(artifact.startDate),
    endDate: day(artifact.endDate),
    visibility: artifact.visibility ?? 'private',
    technologies: [...(artifact.technologies ?? [])],
    collaborators: [...(artifact.collaborators ?? [])],
    outcomes: [...(artifact.outcomes ?? [])],
    labelIds: (artifact.labels ?? []).map((label) => label.id),
  };
}

const clean = (items: string[]) => items.map((item) => item.trim()).filter(Boolean);

export function toCreateInput(
  draft: ArtifactDraft,
  evidence: { url: string; title: string }[],
): ArtifactCreateInput {
  return {
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    ...(draft.role.trim() ? { role: draft.role.trim() } : {}),
    startDate: draft.startDate,
    ...(draft.endDate ? { endDate: draft.endDate } : {}),
    visibility: draft.visibility,
    technologies: clean(draft.technologies),
    collaborators: clean(draft.collaborators),
    outcomes: clean(draft.outcomes),
    labelIds: draft.labelIds,
    evidence: evidence.map((item) => ({ url: item.url, ...(item.title ? { title: item.title } : {}) })),
  };
}

/** A PATCH body with every editable field; cleared optional fields are sent as null. */
export function toPatch(draft: ArtifactDraft): ArtifactPatch {
  return {
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    role: draft.role.trim() || null,
    startDate: draft.startDate,
    endDate: draft.endDate || null,
    visibility: draft.visibility,
    technologies: clean(draft.technologies),
    collaborators: clean(draft.collaborators),
    outcomes: clean(draft.outcomes),
    labelIds: draft.labelIds,
  };
}

export function validateDraft(draft: ArtifactDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors.title = 'Give the artifact a title.';
  if (!draft.summary.trim()) errors.summary = 'Add a short summary: what you built and why it mattered.';
  if (!draft.startDate) errors.startDate = 'Add the date the work started.';
  if (draft.endDate && draft.startDate && draft.endDate < draft.startDate) {
    errors.endDate = 'The end date must be on or after the start date.';
  }
  return errors;
}
