import { isDeepStrictEqual } from 'node:util';
import type { TDocumentContent, TDocumentItem, TDocumentSection } from '@dossier/core';

type SectionHead = Pick<TDocumentSection, 'id' | 'kind' | 'heading'>;

export interface DocumentChange {
  /** Null for a change to the document's title or profile. */
  sectionId: string | null;
  /** Null for a change to the section itself (added, removed, kind or heading changed). */
  itemId: string | null;
  type: 'added' | 'removed' | 'changed';
  before?: TDocumentItem | SectionHead | Pick<TDocumentContent, 'title' | 'profile'>;
  after?: TDocumentItem | SectionHead | Pick<TDocumentContent, 'title' | 'profile'>;
}

const head = (s: TDocumentSection): SectionHead => ({ id: s.id, kind: s.kind, heading: s.heading });

/**
 * Compares two contents by section and item id, in the newer content's reading order; removals come after
 * what is still there. An item moved to another section reads as removed there and added here. Equality is
 * structural (stored JSON does not keep key order).
 */
export function diffDocumentVersions(from: TDocumentContent, to: TDocumentContent): DocumentChange[] {
  const changes: DocumentChange[] = [];
  const top = (c: TDocumentContent) => ({ title: c.title, profile: c.profile });
  if (!isDeepStrictEqual(top(from), top(to))) {
    changes.push({ sectionId: null, itemId: null, type: 'changed', before: top(from), after: top(to) });
  }
  const oldSections = new Map(from.sections.map((s) => [s.id, s]));
  const newIds = new Set(to.sections.map((s) => s.id));
  for (const section of to.sections) {
    const old = oldSections.get(section.id);
    if (!old) {
      changes.push({ sectionId: section.id, itemId: null, type: 'added', after: head(section) });
      for (const item of section.items) {
        changes.push({ sectionId: section.id, itemId: item.id, type: 'added', after: item });
      }
      continue;
    }
    if (!isDeepStrictEqual(head(old), head(section))) {
      changes.push({
        sectionId: section.id,
        itemId: null,
        type: 'changed',
        before: head(old),
        after: head(section),
      });
    }
    const oldItems = new Map(old.items.map((i) => [i.id, i]));
    const newItemIds = new Set(section.items.map((i) => i.id));
    for (const item of section.items) {
      const before = oldItems.get(item.id);
      if (!before) changes.push({ sectionId: section.id, itemId: item.id, type: 'added', after: item });
      else if (!isDeepStrictEqual(before, item)) {
        changes.push({ sectionId: section.id, itemId: item.id, type: 'changed', before, after: item });
      }
    }
    for (const item of old.items) {
      if (!newItemIds.has(item.id)) {
        changes.push({ sectionId: section.id, itemId: item.id, type: 'removed', before: item });
      }
    }
  }
  for (const section of from.sections) {
    if (newIds.has(section.id)) continue;
    changes.push({ sectionId: section.id, itemId: null, type: 'removed', before: head(section) });
    for (const item of section.items) {
      changes.push({ sectionId: section.id, itemId: item.id, type: 'removed', before: item });
    }
  }
  return changes;
}
