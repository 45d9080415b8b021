import { api } from './client';
import type { ImportJob, ImportStatus } from './tailoring-types';

export interface StartedImport {
  id: string;
  status: ImportStatus;
}

/** Uploads a resume file as multipart/form-data (the browser sets the boundary). */
export function importFile(file: File): Promise<StartedImport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<StartedImport>('/artifacts/import', form);
}

/** Pasted text: Markdown, a JSON Resume document, or a Dossier export to restore. */
export function importText(
  input: { markdown: string } | { jsonResume: unknown } | { portfolio: unknown },
): Promise<StartedImport> {
  return api.post<StartedImport>('/artifacts/import', input);
}

export function getImport(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return api.get<ImportJob>(`/imports/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function commitImport(
  id: string,
  input: { artifacts: number[] | 'all'; labelIds?: string[] },
): Promise<{ artifactIds: string[] }> {
  return api.post<{ artifactIds: string[] }>(`/imports/${encodeURIComponent(id)}/commit`, input);
}

export function discardImport(id: string): Promise<void> {
  return api.post(`/imports/${encodeURIComponent(id)}/discard`);
}
