import type { TDocumentContent } from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import type { CitedEvidenceRow } from '../presenters/present-document.js';
import { collectDocumentCitations, isUuid } from './collect-document-citations.js';

/**
 * The caller's evidence rows for every evidence id a content cites (sources and links), in one query. Ids that
 * are not the caller's (or no longer exist) are simply absent.
 */
export async function queryCitedEvidence(
  em: EntityManager,
  ownerId: string,
  content: TDocumentContent,
): Promise<CitedEvidenceRow[]> {
  const ids = collectDocumentCitations(content).evidenceIds.filter(isUuid);
  if (ids.length === 0) return [];
  return em.execute<CitedEvidenceRow[]>(
    `select id, status, url_encrypted, last_checked_at from evidence_links
     where owner_id = ? and id = any(?::uuid[])`,
    [ownerId, pgArray(ids)],
  );
}
