import { api } from './client';
import type {
  Artifact,
  ArtifactCreateInput,
  ArtifactPatch,
  ArtifactQuery,
  Evidence,
  EvidenceInput,
  Items,
  Page,
} from './types';

export function listArtifacts(query: ArtifactQuery, signal?: AbortSignal): Promise<Page<Artifact>> {
  return api.get<Page<Artifact>>('/artifacts', { query: { ...query }, ...(signal ? { signal } : {}) });
}

export function getArtifact(id: string, signal?: AbortSignal): Promise<Artifact> {
  return api.get<Artifact>(`/artifacts/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function createArtifact(input: ArtifactCreateInput): Promise<Artifact> {
  return api.post<Artifact>('/artifacts', input);
}

export function updateArtifact(id: string, patch: ArtifactPatch): Promise<Artifact> {
  return api.patch<Artifact>(`/artifacts/${encodeURIComponent(id)}`, patch);
}

export function deleteArtifact(id: string): Promise<void> {
  return api.delete(`/artifacts/${encodeURIComponent(id)}`);
}

export async function listEvidence(artifactId: string): Promise<Evidence[]> {
  const answer = await api.get<Items<Evidence>>(`/artifacts/${encodeURIComponent(artifactId)}/evidence`);
  return answer.items;
}

export function addEvidence(artifactId: string, input: EvidenceInput): Promise<Evidence> {
  return api.post<Evidence>(`/artifacts/${encodeURIComponent(artifactId)}/evidence`, input);
}

export function updateEvidence(artifactId: string, evidenceId: string, input: Partial<EvidenceInput>) {
  return api.patch<Evidence>(
    `/artifacts/${encodeURIComponent(artifactId)}/evidence/${encodeURIComponent(evidenceId)}`,
    input,
  );
}

export function deleteEvidence(artifactId: string, evidenceId: string): Promise<void> {
  return api.delete(
    `/artifacts/${encodeURIComponent(artifactId)}/evidence/${encodeURIComponent(evidenceId)}`,
  );
}
