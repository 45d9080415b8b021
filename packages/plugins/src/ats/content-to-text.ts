import type { TPipelineArtifact } from '@dossier/core';

export { contentToText } from '@dossier/core';

/** What an artifact claims, for deciding whether the portfolio backs a term. */
export function artifactToText(artifact: TPipelineArtifact): string {
  return [
    artifact.title,
    artifact.summary,
    artifact.role ?? '',
    artifact.technologies.join(', '),
    ...artifact.outcomes,
  ].join('\n');
}
