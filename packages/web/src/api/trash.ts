import { api } from './client';
import type { DocumentDetail } from './tailoring-types';
import type { Artifact, Label, TrashedArtifact, TrashedDocument, TrashedLabel } from './types';

export interface Trash {
  items: TrashedArtifact[];
  documents: TrashedDocument[];
  labels: TrashedLabel[];
}

export function listTrash(signal?: AbortSignal): Promise<Trash> {
  return api.get<Trash>('/trash', signal ? { signal } : {});
}

/** Puts a deleted artifact back, same id, evidence and the labels that still exist. */
export function restoreArtifact(id: string): Promise<Artifact> {
  return api.post<Artifact>(`/trash/${encodeURIComponent(id)}/restore`);
}

export function purgeArtifact(id: string): Promise<void> {
  return api.delete(`/trash/${encodeURIComponent(id)}`);
}

/** Puts a deleted document back with every version (its share links stay ended). */
export function restoreDocument(id: string): Promise<DocumentDetail> {
  return api.post<DocumentDetail>(`/trash/documents/${encodeURIComponent(id)}/restore`);
}

export function purgeDocument(id: string): Promise<void> {
  return api.delete(`/trash/documents/${encodeURIComponent(id)}`);
}

/** Puts a deleted label back, same id, on the artifacts that carried it (409 when its name is taken now). */
export function restoreLabel(id: string): Promise<Label> {
  return api.post<Label>(`/trash/labels/${encodeURIComponent(id)}/restore`);
}

export function purgeLabel(id: string): Promise<void> {
  return api.delete(`/trash/labels/${encodeURIComponent(id)}`);
}

/** Deletes everything in the trash for good; answers how many went. */
export async function emptyTrash(): Promise<number> {
  const answer = await api.delete<{ purged: number }>('/trash');
  return answer.purged;
}

/** Moves several artifacts to the trash in one request (all or none). */
export async function trashArtifacts(ids: string[]): Promise<number> {
  const answer = await api.post<{ moved: number }>('/trash', { ids });
  return answer.moved;
}

/** Restores several trashed artifacts in one request (all or none). */
export async function restoreArtifacts(ids: string[]): Promise<number> {
  const answer = await api.post<{ restored: number }>('/trash/restore', { ids });
  return answer.restored;
}
