import type { EvidenceKind, EvidenceStatus } from '../api/types';

export const STATUS_META: Record<EvidenceStatus, { label: string; icon: string; description: string }> = {
  unchecked: { label: 'Unchecked', icon: '•', description: 'Not checked yet' },
  valid: { label: 'Valid', icon: '✓', description: 'The link works' },
  redirected: { label: 'Redirected', icon: '↪', description: 'The link redirects elsewhere' },
  unverifiable: {
    label: 'Unverifiable',
    icon: '?',
    description: 'The site answered but the content could not be verified',
  },
  broken: { label: 'Broken', icon: '✕', description: 'The link is broken' },
  blocked: { label: 'Blocked', icon: '⊘', description: 'Dossier is not allowed to check this address' },
};

export const KIND_META: Record<EvidenceKind, { label: string; icon: string }> = {
  repo: { label: 'Repository', icon: '⌥' },
  'pull-request': { label: 'Pull request', icon: '⇄' },
  commit: { label: 'Commit', icon: '◉' },
  site: { label: 'Live site', icon: '◍' },
  doi: { label: 'DOI', icon: '§' },
  article: { label: 'Article', icon: '¶' },
  video: { label: 'Video', icon: '▶' },
  other: { label: 'Link', icon: '↗' },
};

export function statusMeta(status: string) {
  return STATUS_META[status as EvidenceStatus] ?? STATUS_META.unchecked;
}

export function kindMeta(kind: string) {
  return KIND_META[kind as EvidenceKind] ?? KIND_META.other;
}
