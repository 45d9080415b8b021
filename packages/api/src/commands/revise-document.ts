import { type Portfolio, type TAtsReport, type TDocumentContent, toPipelinePortfolio } from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Document, DocumentVersion, JobDescription } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import { presentArtifact } from '../presenters/present-artifact.js';
import type { Services } from '../services/create-services.js';
import { checkDocumentAts } from './check-document-ats.js';
import { collectDocumentCitations, isUuid } from './collect-document-citations.js';
import { queryArtifacts } from './query-artifacts.js';
import { recordAudit } from './record-audit.js';
import { verifyDocumentSources } from './verify-document-sources.js';

/** The cited artifacts in the pipeline's shape, for the ATS checkers' keyword and grounding figures. */
async function citedPipelineArtifacts(
  em: EntityManager,
  services: Services,
  ownerId: string,
  content: TDocumentContent,
) {
  const ids = collectDocumentCitations(content).artifactIds.filter(isUuid);
  if (ids.length === 0) return [];
  const { rows } = await queryArtifacts(em, { ownerId, ids, limit: ids.length });
  const portfolio: Portfolio = {
    format: 'dossier-portfolio',
    version: 1,
    exportedAt: services.clock().toISOString(),
    profile: { name: content.profile.name, email: content.profile.email },
    labels: [],
    artifacts: rows.map((row) => {
      const {
        createdAt: _c,
        updatedAt: _u,
        revision: _r,
        ...view
      } = presentArtifact(row, services.cipher, services.taxonomy);
      return view;
    }),
  };
  return toPipelinePortfolio(portfolio).artifacts;
}

/**
 * Re-scores edited content against the document's job description. Null when the job description was deleted;
 * a checker that fails or times out does not block the edit, it leaves the report empty (and is logged).
 */
async function recomputeAts(
  em: EntityManager,
  services: Services,
  ownerId: string,
  jobDescriptionId: string | null,
  content: TDocumentContent,
): Promise<TAtsReport | null> {
  if (!jobDescriptionId) return null;
  const job = await em.findOne(JobDescription, { id: jobDescriptionId, owner: ownerId });
  if (!job) return null;
  const artifacts = await citedPipelineArtifacts(em, services, ownerId, content);
  try {
    return await checkDocumentAts({ services, content, job: job.parsed, artifacts });
  } catch (error) {
    services.logger.warn({ err: (error as Error)?.message }, 'ATS check of an edited document failed');
    return null;
  }
}

function documentEditConflict(baseVersion: number, current: number): AppError {
  return new AppError(
    'EDIT_CONFLICT',
    `Version ${current} of this document was saved after version ${baseVersion}, which this edit was made from; nothing was saved`,
    { details: { field: 'baseVersion', baseVersion, currentVersion: current } },
  );
}

/**
 * Saves edited content as a new version authored by the user. Sources must cite the caller's own artifacts
 * and evidence; the ATS report is recomputed before the write. The document row is locked while the next
 * number is taken, so concurrent edits get consecutive numbers instead of a clash, and an edit made from
 * `baseVersion` is refused when another version has become current since.
 */
export async function reviseDocument({
  em,
  services,
  ownerId,
  id,
  content,
  baseVersion,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  id: string;
  content: TDocumentContent;
  /** The version the edit was made from; another version saved since makes it EDIT_CONFLICT. */
  baseVersion?: number;
  requestId?: string;
}): Promise<number> {
  const document = await em.findOne(Document, { id, owner: ownerId });
  if (!document) throw notFound('Document');
  if (content.kind !== document.kind) {
    throw new AppError('UNPROCESSABLE', `This document is a ${document.kind}; the content must be one too`, {
      details: {
        issues: [{ path: 'body.content.kind', message: `Must be "${document.kind}"`, code: 'custom' }],
      },
    });
  }
  // Checked again under the lock below; refusing a stale edit here spares the ATS check.
  if (baseVersion !== undefined && baseVersion !== document.currentVersion) {
    throw documentEditConflict(baseVersion, document.currentVersion);
  }
  await verifyDocumentSources({ em, ownerId, content });
  const jobDescriptionId = document.jobDescription?.id ?? null;
  const atsReport = await recomputeAts(em, services, ownerId, jobDescriptionId, content);
  const title = content.title.trim().slice(0, 300) || document.title;

  return em.transactional(async (tx) => {
    const [locked] = await tx.execute<Array<{ current_version: number; max_number: number | null }>>(
      `select d.current_version, (select max(number) from document_versions where document_id = d.id) as max_number
       from documents d where d.id = ? and d.owner_id = ? for update of d`,
      [id, ownerId],
    );
    // Deleted between the read above and the lock.
    if (!locked) throw notFound('Document');
    if (baseVersion !== undefined && baseVersion !== locked.current_version) {
      throw documentEditConflict(baseVersion, locked.current_version);
    }
    const number = Math.max(locked.current_version, locked.max_number ?? 0) + 1;
    tx.create(DocumentVersion, {
      document: id,
      number,
      content,
      atsReport,
      author: 'user',
      generationId: null,
    });
    await tx.nativeUpdate(Document, { id }, { currentVersion: number, title, updatedAt: new Date() });
    recordAudit({
      em: tx,
      actorId: ownerId,
      action: 'document.revise',
      entityType: 'document',
      entityId: id,
      requestId,
      data: { version: number },
    });
    return number;
  });
}
