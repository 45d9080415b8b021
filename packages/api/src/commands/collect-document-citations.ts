import type { TDocumentContent } from '@dossier/core';

export interface CitedId {
  id: string;
  /** Where the id appears, relative to the content (`sections.0.items.1.sources.0.artifactId`). */
  path: string;
}

export interface DocumentCitations {
  /** Every `sources[].artifactId`, with the evidence that source names. */
  sources: Array<{ artifact: CitedId; evidence: CitedId[] }>;
  /** Every `links[].evidenceId` that is set. */
  links: CitedId[];
  /** Distinct artifact ids cited. */
  artifactIds: string[];
  /** Distinct evidence ids cited by sources or links. */
  evidenceIds: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when an id can name a row; anything else (`art-1` from a hand-made file) cannot, and is never sent to SQL. */
export const isUuid = (id: string): boolean => UUID.test(id);

/** Every artifact and evidence id a document's content cites, with where each one appears. */
export function collectDocumentCitations(content: TDocumentContent): DocumentCitations {
  const sources: DocumentCitations['sources'] = [];
  const links: CitedId[] = [];
  const artifactIds = new Set<string>();
  const evidenceIds = new Set<string>();
  content.sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      const at = `sections.${s}.items.${i}`;
      item.sources.forEach((source, k) => {
        artifactIds.add(source.artifactId);
        const evidence = source.evidenceIds.map((id, e) => {
          evidenceIds.add(id);
          return { id, path: `${at}.sources.${k}.evidenceIds.${e}` };
        });
        sources.push({
          artifact: { id: source.artifactId, path: `${at}.sources.${k}.artifactId` },
          evidence,
        });
      });
      item.links.forEach((link, l) => {
        if (link.evidenceId === null) return;
        evidenceIds.add(link.evidenceId);
        links.push({ id: link.evidenceId, path: `${at}.links.${l}.evidenceId` });
      });
    });
  });
  return { sources, links, artifactIds: [...artifactIds], evidenceIds: [...evidenceIds] };
}
