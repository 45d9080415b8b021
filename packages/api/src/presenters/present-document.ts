import type { TAtsReport, TDocumentContent } from '@dossier/core';
import type { UrlCipher } from '../crypto/url-cipher.js';

/** Row shape of the document read query (snake_case columns, the current version's ATS score joined in). */
export interface DocumentRow {
  id: string;
  kind: 'cv' | 'cover-letter';
  title: string;
  current_version: number;
  saved: boolean;
  expires_at: Date | string | null;
  job_description_id: string | null;
  ats_score: number | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface VersionRow {
  number: number;
  content: TDocumentContent;
  ats_report: TAtsReport | null;
  author: 'generator' | 'user';
  created_at: Date | string;
}

export interface CitedEvidenceRow {
  id: string;
  status: string;
  url_encrypted: string;
  last_checked_at: Date | string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const score = (v: number | string | null) => (v === null ? null : Number(v));

export function presentDocument(row: DocumentRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    currentVersion: row.current_version,
    saved: row.saved,
    expiresAt: isoOrNull(row.expires_at),
    jobDescriptionId: row.job_description_id ?? null,
    atsScore: score(row.ats_score),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentVersion(v: VersionRow) {
  return {
    number: v.number,
    content: v.content,
    atsReport: v.ats_report ?? null,
    author: v.author,
    createdAt: iso(v.created_at),
  };
}

export function presentVersionSummary(v: {
  number: number;
  author: 'generator' | 'user';
  ats_score: number | string | null;
  created_at: Date | string;
}) {
  return { number: v.number, author: v.author, atsScore: score(v.ats_score), createdAt: iso(v.created_at) };
}

/** The evidence a document cites, by id: its live status, so a reader sees which links broke since. */
export function presentCitedEvidence(rows: CitedEvidenceRow[], cipher: UrlCipher) {
  const out: Record<string, { status: string; url: string; lastCheckedAt: string | null }> = {};
  for (const e of rows) {
    out[e.id] = {
      status: e.status,
      url: cipher.decrypt(e.url_encrypted),
      lastCheckedAt: isoOrNull(e.last_checked_at),
    };
  }
  return out;
}

/** A document with one version and the live state of the evidence it cites (GET /documents/:id). */
export function presentDocumentDetail(
  document: DocumentRow,
  version: VersionRow,
  evidence: CitedEvidenceRow[],
  cipher: UrlCipher,
) {
  return {
    ...presentDocument(document),
    version: presentVersion(version),
    evidence: presentCitedEvidence(evidence, cipher),
  };
}
