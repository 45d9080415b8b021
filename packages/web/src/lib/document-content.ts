import type { DocumentContent, DocumentItem } from '../api/tailoring-types';

/** Evidence ids an item cites, from its sources and its links, in order and without repeats. */
export function itemEvidenceIds(item: DocumentItem): string[] {
  const ids: string[] = [];
  for (const source of item.sources ?? []) {
    for (const id of source.evidenceIds ?? []) if (!ids.includes(id)) ids.push(id);
  }
  for (const link of item.links ?? []) {
    if (link.evidenceId && !ids.includes(link.evidenceId)) ids.push(link.evidenceId);
  }
  return ids;
}

export function itemArtifactIds(item: DocumentItem): string[] {
  return [...new Set((item.sources ?? []).map((source) => source.artifactId))];
}

export function cloneContent(content: DocumentContent): DocumentContent {
  return structuredClone(content);
}

export type ItemPatch = Partial<Pick<DocumentItem, 'title' | 'subtitle' | 'text' | 'bullets'>>;

export function patchItem(
  content: DocumentContent,
  sectionId: string,
  itemId: string,
  patch: ItemPatch,
): DocumentContent {
  return {
    ...content,
    sections: content.sections.map((section) =>
      section.id !== sectionId
        ? section
        : {
            ...section,
            items: section.items.map((item) => (item.id === itemId ? { ...item, ...patch } : item)),
          },
    ),
  };
}

/** What is sent on save: trimmed text, and no empty bullets left over from editing. */
export function tidyContent(content: DocumentContent): DocumentContent {
  return {
    ...content,
    sections: content.sections.map((section) => ({
      ...section,
      items: section.items.map((item) => ({
        ...item,
        ...(typeof item.text === 'string' ? { text: item.text.trim() || null } : {}),
        bullets: (item.bullets ?? []).map((bullet) => bullet.trim()).filter(Boolean),
      })),
    })),
  };
}

export function sameContent(a: DocumentContent, b: DocumentContent): boolean {
  return JSON.stringify(tidyContent(a)) === JSON.stringify(tidyContent(b));
}
