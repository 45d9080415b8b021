import { detectEvidenceKind, type TPipelineEvidence } from '@dossier/core';

/** Evidence links for an artifact: de-duplicated by URL, ids `<artifactId>-ev-<n>` in order of appearance. */
export function createEvidence(
  artifactId: string,
  links: readonly { url: string; title?: string | null }[],
): TPipelineEvidence[] {
  const seen = new Set<string>();
  const evidence: TPipelineEvidence[] = [];
  for (const link of links) {
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    evidence.push({
      id: `${artifactId}-ev-${evidence.length}`,
      url: link.url,
      // A link whose text is its own URL has no title worth keeping.
      title: link.title?.trim() && link.title.trim() !== link.url ? link.title.trim() : null,
      kind: detectEvidenceKind(link.url),
      status: 'unchecked',
    });
  }
  return evidence;
}
