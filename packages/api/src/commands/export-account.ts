import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ApiKey,
  AuditEvent,
  ExportLog,
  ImportJob,
  JobDescription,
  Notification,
  ShareLink,
} from '../db/entities/index.js';
import { presentApiKey } from '../presenters/present-api-key.js';
import {
  type DocumentRow,
  presentDocument,
  presentVersion,
  type VersionRow,
} from '../presenters/present-document.js';
import { presentExportLog } from '../presenters/present-export-log.js';
import {
  GENERATION_COLUMNS,
  type GenerationRow,
  presentGeneration,
} from '../presenters/present-generation.js';
import { presentImport } from '../presenters/present-import.js';
import { presentJobDescription } from '../presenters/present-job-description.js';
import { presentNotification } from '../presenters/present-notification.js';
import { presentShareLink } from '../presenters/present-share-link.js';
import type { Services } from '../services/create-services.js';
import { exportPortfolio } from './export-portfolio.js';
import { listSessions } from './manage-sessions.js';
import { queryDocuments } from './query-documents.js';
import { listTrash } from './trash-artifacts.js';
import { listDocumentTrash } from './trash-documents.js';
import { listLabelTrash } from './trash-labels.js';

/** Every document of the owner, as the document list reads them, 100 at a time. */
async function allDocuments(em: EntityManager, ownerId: string): Promise<DocumentRow[]> {
  const rows: DocumentRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryDocuments(em, { ownerId, limit: 100, cursor });
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/**
 * The account data export: everything the user owns, readable without Dossier, each item as the API presents
 * it. The curated portfolio (as the portfolio export writes it), the tailoring work (job descriptions with their
 * text, documents with every version and its ATS report, generations with their options, exports, share links,
 * imports), the trash (deleted artifacts, documents and labels still restorable), notifications, the daily model-token ledger, API keys,
 * the active sessions and the audit trail. Secrets are never in it:
 * no password hash, no API key or share token (only their metadata; they are stored hashed), no uploaded file
 * (parsed files are not kept).
 */
export async function exportAccount({
  em,
  services,
  ownerId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
}) {
  const portfolio = await exportPortfolio({ em, services, ownerId });
  const byOwner = { owner: ownerId };
  const oldestFirst = { orderBy: { createdAt: 'asc' } } as const;
  const [
    keys,
    audit,
    sessions,
    jobs,
    documents,
    versions,
    generations,
    exports,
    shares,
    notes,
    imports,
    tokens,
    trash,
    trashedDocuments,
    trashedLabels,
  ] = await Promise.all([
    em.find(ApiKey, byOwner, oldestFirst),
    em.find(AuditEvent, { actorId: ownerId }, oldestFirst),
    listSessions({ em, userId: ownerId }),
    em.find(JobDescription, byOwner, oldestFirst),
    allDocuments(em, ownerId),
    em.execute<Array<VersionRow & { document_id: string }>>(
      `select v.document_id, v.number, v.content, v.ats_report, v.author, v.created_at from document_versions v
         join documents d on d.id = v.document_id where d.owner_id = ? order by v.document_id, v.number`,
      [ownerId],
    ),
    em.execute<Array<GenerationRow & { job_description_id: string; inputs: unknown }>>(
      `select ${GENERATION_COLUMNS}, g.job_description_id, g.inputs from generations g
         where g.owner_id = ? order by g.created_at`,
      [ownerId],
    ),
    em.find(ExportLog, byOwner, oldestFirst),
    em.find(ShareLink, byOwner, oldestFirst),
    em.find(Notification, byOwner, oldestFirst),
    em.find(ImportJob, byOwner, { ...oldestFirst, exclude: ['payload'] }),
    em.execute<Array<{ day: string; tokens: number; cost: number }>>(
      'select day::text as day, tokens, cost from token_usage where owner_id = ? order by day',
      [ownerId],
    ),
    listTrash({ em, services, ownerId }),
    listDocumentTrash({ em, ownerId }),
    listLabelTrash({ em, ownerId }),
  ]);
  const versionsOf = new Map<string, ReturnType<typeof presentVersion>[]>();
  for (const v of versions)
    versionsOf.set(v.document_id, [...(versionsOf.get(v.document_id) ?? []), presentVersion(v)]);
  return {
    format: 'dossier-account-export',
    version: 3,
    exportedAt: portfolio.exportedAt,
    account: portfolio.profile,
    portfolio,
    jobDescriptions: jobs.map((j) => ({ ...presentJobDescription(j), text: j.text })),
    documents: documents.map((d) => ({ ...presentDocument(d), versions: versionsOf.get(d.id) ?? [] })),
    generations: generations.map((g) => ({
      ...presentGeneration(g),
      jobDescriptionId: g.job_description_id,
      options: g.inputs,
    })),
    exports: exports.map((e) => ({ ...presentExportLog(e), documentId: e.document.id })),
    shareLinks: shares.map((s) => ({ ...presentShareLink(s), documentId: s.document.id })),
    notifications: notes.map(presentNotification),
    imports: imports.map((job) => presentImport(job)),
    tokenUsage: tokens,
    apiKeys: keys.map(presentApiKey),
    sessions,
    trash: { artifacts: trash, documents: trashedDocuments, labels: trashedLabels },
    auditEvents: audit.map((a) => ({
      action: a.action,
      entityType: a.entityType,
      entityId: a.entityId ?? null,
      at: a.createdAt.toISOString(),
    })),
  };
}
