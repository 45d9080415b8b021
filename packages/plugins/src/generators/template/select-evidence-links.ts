import type { TDocumentItem, TPipelineArtifact } from '@dossier/core';

const STATUS_RANK: Record<string, number> = {
  valid: 0,
  redirected: 1,
  unchecked: 2,
  unverifiable: 3,
  broken: 4,
  blocked: 5,
};
const KIND_LABELS: Record<string, string> = {
  repo: 'Repository',
  'pull-request': 'Pull request',
  commit: 'Commit',
  site: 'Website',
  doi: 'Paper',
  article: 'Article',
  video: 'Video',
};

export interface SelectedEvidence {
  links: TDocumentItem['links'];
  evidenceIds: string[];
  /** What the first link is, in words ("pull request"), for prose that points at it. */
  firstKind: string | null;
}

/**
 * The links to show with an artifact: the strongest first, at most `max`. Broken and blocked links are left
 * out unless asked for, since a dead link on a CV does more harm than none.
 */
export function selectEvidenceLinks(
  artifact: TPipelineArtifact,
  max: number,
  showBroken: boolean,
): SelectedEvidence {
  const usable = artifact.evidence
    .map((evidence, index) => ({ evidence, index }))
    .filter(({ evidence }) => showBroken || (STATUS_RANK[evidence.status] ?? 9) < STATUS_RANK.broken!)
    .sort(
      (a, b) =>
        (STATUS_RANK[a.evidence.status] ?? 9) - (STATUS_RANK[b.evidence.status] ?? 9) || a.index - b.index,
    )
    .slice(0, Math.max(0, max))
    .map(({ evidence }) => evidence);
  const first = usable[0];
  return {
    links: usable.map((e) => ({
      url: e.url,
      label: e.title ?? KIND_LABELS[e.kind] ?? 'Link',
      evidenceId: e.id,
      // Exporters mark or leave out broken evidence by this status.
      status: e.status,
    })),
    evidenceIds: usable.map((e) => e.id),
    firstKind: first ? (KIND_LABELS[first.kind] ?? 'link').toLowerCase() : null,
  };
}
