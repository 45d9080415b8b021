import { api } from './client';
import { downloadResponse } from './download';
import type {
  CreatedShareLink,
  DocumentContent,
  DocumentDetail,
  DocumentDiff,
  DocumentQuery,
  DocumentSummary,
  DocumentVersion,
  ExportFormat,
  ShareLink,
  VersionSummary,
} from './tailoring-types';
import type { Items, Page } from './types';

const base = (id: string) => `/documents/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function listDocuments(query: DocumentQuery, signal?: AbortSignal): Promise<Page<DocumentSummary>> {
  return api.get<Page<DocumentSummary>>('/documents', { query: { ...query }, ...opts(signal) });
}

export function getDocument(id: string, signal?: AbortSignal): Promise<DocumentDetail> {
  return api.get<DocumentDetail>(base(id), opts(signal));
}

/** Saves edited content as a new version; `baseVersion` is the version it was made from. */
export function updateDocumentContent(
  id: string,
  content: DocumentContent,
  baseVersion: number,
): Promise<DocumentVersion> {
  return api.patch<DocumentVersion>(base(id), { content, baseVersion });
}

export function saveDocument(id: string): Promise<void> {
  return api.post(`${base(id)}/save`);
}

export function deleteDocument(id: string): Promise<void> {
  return api.delete(base(id));
}

export function listVersions(id: string, signal?: AbortSignal): Promise<Items<VersionSummary>> {
  return api.get<Items<VersionSummary>>(`${base(id)}/versions`, opts(signal));
}

export function getVersion(id: string, number: number, signal?: AbortSignal): Promise<DocumentVersion> {
  return api.get<DocumentVersion>(`${base(id)}/versions/${number}`, opts(signal));
}

export function diffVersions(
  id: string,
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<DocumentDiff> {
  return api.get<DocumentDiff>(`${base(id)}/diff`, { query: { from, to }, ...opts(signal) });
}

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  pdf: 'pdf',
  docx: 'docx',
  md: 'md',
  html: 'html',
  txt: 'txt',
  'json-resume': 'json',
};

/** Downloads a rendering of the document; the file name comes from the server's Content-Disposition. */
export function exportDocument(
  id: string,
  format: ExportFormat,
  fallbackTitle: string,
  version?: number,
): Promise<string> {
  const safe = fallbackTitle.replace(/[^\w .-]+/g, '').trim() || 'document';
  return downloadResponse(`/export/${encodeURIComponent(id)}`, `${safe}.${EXPORT_EXTENSIONS[format]}`, {
    method: 'POST',
    body: version === undefined ? { format } : { format, version },
    headers: { Accept: '*/*' },
  });
}

export function listShares(id: string, signal?: AbortSignal): Promise<Items<ShareLink>> {
  return api.get<Items<ShareLink>>(`${base(id)}/shares`, opts(signal));
}

export function createShare(
  id: string,
  input: { expiresInDays?: number; version?: number },
): Promise<CreatedShareLink> {
  return api.post<CreatedShareLink>(`${base(id)}/shares`, input);
}

export function revokeShare(id: string, shareId: string): Promise<void> {
  return api.delete(`${base(id)}/shares/${encodeURIComponent(shareId)}`);
}
