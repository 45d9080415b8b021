import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey, AuditEvent, RefreshToken } from '../db/entities/index.js';
import { presentApiKey } from '../presenters/present-api-key.js';
import type { Services } from '../services/create-services.js';
import { exportPortfolio } from './export-portfolio.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * The account data export: everything the user owns, readable without Dossier. The curated portfolio (as the
 * portfolio export writes it), the tailoring work (job descriptions, documents with every version and its ATS
 * report, generations, exports, share links, imports), notifications, the daily model-token ledger, API keys and
 * the audit trail. Secrets are never in it: no password hash, no API key or share token (only their metadata;
 * they are stored hashed), no uploaded file (parsed files are not kept).
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
  const q = <T>(sql: string) => em.execute<T[]>(sql, [ownerId]);
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
  ] = await Promise.all([
    em.find(ApiKey, { owner: ownerId }, { orderBy: { createdAt: 'asc' } }),
    em.find(AuditEvent, { actorId: ownerId }, { orderBy: { createdAt: 'asc' } }),
    em.count(RefreshToken, { owner: ownerId, revokedAt: null, rotatedAt: null }),
    q<Record<string, unknown>>(
      `select id, source, source_url, title, company, text, created_at from job_descriptions
         where owner_id = ? order by created_at`,
    ),
    q<Record<string, unknown>>(
      `select id, kind, title, job_description_id, current_version, saved, expires_at, created_at, updated_at
         from documents where owner_id = ? order by created_at`,
    ),
    q<Record<string, unknown>>(
      `select v.document_id, v.number, v.author, v.content, v.ats_report, v.created_at from document_versions v
         join documents d on d.id = v.document_id where d.owner_id = ? order by v.document_id, v.number`,
    ),
    q<Record<string, unknown>>(
      `select id, kind, status, job_description_id, document_id, inputs, generator, fallback_reason, tokens, cost,
           error, created_at, finished_at from generations where owner_id = ? order by created_at`,
    ),
    q<Record<string, unknown>>(
      `select document_id, version, format, evidence_ids, created_at from export_logs
         where owner_id = ? order by created_at`,
    ),
    q<Record<string, unknown>>(
      `select id, document_id, version, expires_at, revoked_at, created_at from share_links
         where owner_id = ? order by created_at`,
    ),
    q<Record<string, unknown>>(
      `select type, title, body, link, read_at, created_at from notifications where owner_id = ? order by created_at`,
    ),
    q<Record<string, unknown>>(
      `select id, status, filename, media_type, size, proposal, error, created_at from import_jobs
         where owner_id = ? order by created_at`,
    ),
    q<Record<string, unknown>>(
      `select day::text as day, tokens, cost from token_usage where owner_id = ? order by day`,
    ),
  ]);
  const versionsOf = new Map<unknown, Record<string, unknown>[]>();
  for (const v of versions) {
    const list = versionsOf.get(v.document_id) ?? [];
    list.push({
      number: v.number,
      author: v.author,
      createdAt: iso(v.created_at as Date),
      content: v.content,
      atsReport: v.ats_report ?? null,
    });
    versionsOf.set(v.document_id, list);
  }
  return {
    format: 'dossier-account-export',
    version: 2,
    exportedAt: portfolio.exportedAt,
    account: portfolio.profile,
    portfolio,
    jobDescriptions: jobs.map((j) => ({
      id: j.id,
      source: j.source,
      sourceUrl: j.source_url ?? null,
      title: j.title,
      company: j.company ?? null,
      text: j.text,
      createdAt: iso(j.created_at as Date),
    })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      jobDescriptionId: d.job_description_id ?? null,
      currentVersion: d.current_version,
      saved: d.saved,
      expiresAt: iso(d.expires_at as Date | null),
      createdAt: iso(d.created_at as Date),
      updatedAt: iso(d.updated_at as Date),
      versions: versionsOf.get(d.id) ?? [],
    })),
    generations: generations.map((g) => ({
      id: g.id,
      kind: g.kind,
      status: g.status,
      jobDescriptionId: g.job_description_id,
      documentId: g.document_id ?? null,
      options: g.inputs,
      generator: g.generator ?? null,
      fallbackReason: g.fallback_reason ?? null,
      tokens: g.tokens,
      cost: g.cost,
      error: g.error ?? null,
      createdAt: iso(g.created_at as Date),
      finishedAt: iso(g.finished_at as Date | null),
    })),
    exports: exports.map((e) => ({
      documentId: e.document_id,
      version: e.version,
      format: e.format,
      evidenceIds: e.evidence_ids,
      at: iso(e.created_at as Date),
    })),
    shareLinks: shares.map((s) => ({
      id: s.id,
      documentId: s.document_id,
      version: s.version ?? null,
      expiresAt: iso(s.expires_at as Date | null),
      revokedAt: iso(s.revoked_at as Date | null),
      createdAt: iso(s.created_at as Date),
    })),
    notifications: notes.map((n) => ({
      type: n.type,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
      readAt: iso(n.read_at as Date | null),
      createdAt: iso(n.created_at as Date),
    })),
    imports: imports.map((i) => ({
      id: i.id,
      status: i.status,
      filename: i.filename,
      mediaType: i.media_type,
      size: i.size,
      proposal: i.proposal ?? null,
      error: i.error ?? null,
      createdAt: iso(i.created_at as Date),
    })),
    tokenUsage: tokens.map((u) => ({ day: u.day, tokens: u.tokens, cost: u.cost })),
    apiKeys: keys.map(presentApiKey),
    activeSessions: sessions,
    auditEvents: audit.map((a) => ({
      action: a.action,
      entityType: a.entityType,
      entityId: a.entityId ?? null,
      at: a.createdAt.toISOString(),
    })),
  };
}
