import type { TDocumentContent, TPipelineArtifact } from '@dossier/core';

/** The words a reader (or an ATS) sees in the content: everything but URLs, one line per piece. */
export function contentToText(content: TDocumentContent): string {
  const lines: string[] = [content.profile.name];
  if (content.profile.headline) lines.push(content.profile.headline);
  for (const section of content.sections) {
    if (section.heading) lines.push(section.heading);
    for (const item of section.items) {
      for (const part of [item.title, item.subtitle, item.text]) if (part) lines.push(part);
      lines.push(...item.bullets);
      if (item.skills.length > 0) lines.push(item.skills.join(', '));
    }
  }
  return lines.join('\n');
}

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
