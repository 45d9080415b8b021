import type { TDocumentContent } from '@dossier/core';

const DEAD = new Set(['broken', 'blocked']);
/** Sections whose items present artifacts (CV entries, letter paragraphs); a summary or skill list is not one. */
const ENTRY_SECTIONS = new Set(['experience', 'projects', 'body', 'other']);

/**
 * Share (0–1) of the document's artifact items — items of the experience, projects, body or other sections
 * that cite an artifact —
 * that show at least one evidence link whose status is not `broken` or `blocked`. Golden evidence is never
 * checked (status `unchecked`), so "valid" here means "cited and not known to be dead". 0 when the document
 * has no artifact items.
 */
export function evidenceCoverage(content: TDocumentContent): number {
  let items = 0;
  let covered = 0;
  for (const section of content.sections) {
    if (!ENTRY_SECTIONS.has(section.kind)) continue;
    for (const item of section.items) {
      if (item.sources.length === 0) continue;
      items++;
      if (item.links.some((link) => !DEAD.has(link.status ?? 'unchecked'))) covered++;
    }
  }
  return items === 0 ? 0 : covered / items;
}
