import { api } from './client';
import type { Artifact, Items, TrashedArtifact } from './types';

export async function listTrash(signal?: AbortSignal): Promise<TrashedArtifact[]> {
  const answer = await api.get<Items<TrashedArtifact>>('/trash', signal ? { signal } : {});
  return answer.items;
}

/** Puts a deleted artifact back, same id, evidence and the labels that still exist. */
export function restoreArtifact(id: string): Promise<Artifact> {
  return api.post<Artifact>(`/trash/${encodeURIComponent(id)}/restore`);
}

export function purgeArtifact(id: string): Promise<void> {
  return api.delete(`/trash/${encodeURIComponent(id)}`);
}

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
