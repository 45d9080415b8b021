import { api, apiFetch } from './client';
import type { DocumentKind, GenerateAnswer, GenerateInput, Generation } from './tailoring-types';
import type { Page } from './types';

const PATHS: Record<DocumentKind, string> = { cv: '/generate/cv', 'cover-letter': '/generate/cover-letter' };

/**
 * Starts a generation. A 202 means it is queued; a 200 carries `reused: true` and the `documentId` of an
 * identical request from the last hour (unless `force`).
 */
export async function startGeneration(kind: DocumentKind, input: GenerateInput): Promise<GenerateAnswer> {
  const response = await apiFetch(PATHS[kind], { method: 'POST', body: input });
  const answer = (await response.json()) as GenerateAnswer;
  if (response.status === 200 && answer.documentId && answer.reused !== false) {
    return { ...answer, reused: true };
  }
  return answer;
}

export function listGenerations(signal?: AbortSignal): Promise<Page<Generation>> {
  return api.get<Page<Generation>>('/generations', signal ? { signal } : {});
}

export function getGeneration(id: string, signal?: AbortSignal): Promise<Generation> {
  return api.get<Generation>(`/generations/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function cancelGeneration(id: string): Promise<void> {
  return api.post(`/generations/${encodeURIComponent(id)}/cancel`);
}

export function retryGeneration(id: string): Promise<void> {
  return api.post(`/generations/${encodeURIComponent(id)}/retry`);
}

export function generationEventsPath(id: string): string {
  return `/generations/${encodeURIComponent(id)}/events`;
}
