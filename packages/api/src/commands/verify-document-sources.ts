import type { TDocumentContent } from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../db/pg-array.js';
import { AppError } from '../errors/app-error.js';
import type { FieldIssue } from '../http/validate-input.js';
import { collectDocumentCitations, isUuid } from './collect-document-citations.js';

/**
 * Every source must name one of the caller's artifacts and, for each evidence id, one of that artifact's
 * evidence links; a link's evidence id must be one of the caller's evidence links. One query fetches the cited
 * artifacts with their evidence (and any other evidence a link names). Anything else is 422 with one issue per
 * offending path, so someone else's ids are indistinguishable from ids that do not exist.
 *
 * @param prefix where the content sits in the request, for issue paths (`body.content`)
 */
export async function verifyDocumentSources({
  em,
  ownerId,
  content,
  prefix = 'body.content',
}: {
  em: EntityManager;
  ownerId: string;
  content: TDocumentContent;
  prefix?: string;
}): Promise<void> {
  const cited = collectDocumentCitations(content);
  const artifactIds = cited.artifactIds.filter(isUuid);
  const linkEvidenceIds = cited.links.map((l) => l.id).filter(isUuid);
  const evidenceOf = new Map<string, Set<string>>();
  const ownedEvidence = new Set<string>();
  if (artifactIds.length > 0 || linkEvidenceIds.length > 0) {
    const rows = await em.execute<Array<{ artifact_id: string; evidence_id: string | null }>>(
      `select a.id as artifact_id, e.id as evidence_id
       from artifacts a left join evidence_links e on e.artifact_id = a.id
       where a.owner_id = ? and (a.id = any(?::uuid[]) or e.id = any(?::uuid[]))`,
      [ownerId, pgArray(artifactIds), pgArray(linkEvidenceIds)],
    );
    for (const row of rows) {
      let set = evidenceOf.get(row.artifact_id);
      if (!set) {
        set = new Set();
        evidenceOf.set(row.artifact_id, set);
      }
      if (row.evidence_id) {
        set.add(row.evidence_id);
        ownedEvidence.add(row.evidence_id);
      }
    }
  }
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) =>
    issues.push({ path: `${prefix}.${path}`, message, code: 'unknown_reference' });
  for (const source of cited.sources) {
    const evidence = evidenceOf.get(source.artifact.id);
    if (!evidence) {
      issue(source.artifact.path, 'Not one of your artifacts');
      continue;
    }
    for (const e of source.evidence) {
      if (!evidence.has(e.id)) issue(e.path, "Not one of this artifact's evidence links");
    }
  }
  for (const link of cited.links) {
    if (!ownedEvidence.has(link.id)) issue(link.path, 'Not one of your evidence links');
  }
  if (issues.length > 0) {
    throw new AppError('UNPROCESSABLE', 'The content cites artifacts or evidence that are not yours', {
      details: { issues },
    });
  }
}
