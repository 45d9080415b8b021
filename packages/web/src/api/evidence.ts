import { api } from './client';
import type { Evidence, EvidenceCheck, EvidenceHealth } from './types';

const path = (id: string, rest: string) => `/evidence/${encodeURIComponent(id)}/${rest}`;

/** Checks one link now. Rate limited: a 429 carries `retryAfter` (seconds) on the thrown ApiError. */
export async function checkEvidence(id: string): Promise<Evidence> {
  const answer = await api.post<{ evidence: Evidence }>(path(id, 'check'));
  return answer.evidence;
}

/** Replaces a redirected link's URL with where it now ends up (409 when there is no redirect target). */
export async function applyEvidenceRedirect(id: string): Promise<Evidence> {
  const answer = await api.post<{ evidence: Evidence }>(path(id, 'apply-redirect'));
  return answer.evidence;
}

/** The last checks of one link, newest first. */
export async function listEvidenceChecks(id: string, signal?: AbortSignal): Promise<EvidenceCheck[]> {
  const answer = await api.get<{ items?: EvidenceCheck[] }>(path(id, 'checks'), signal ? { signal } : {});
  return answer.items ?? [];
}

/** The share of verifiable links that work, and the links that need attention. */
export async function getEvidenceHealth(signal?: AbortSignal): Promise<EvidenceHealth> {
  const answer = await api.get<Partial<EvidenceHealth>>('/evidence/health', signal ? { signal } : {});
  if (!answer?.health) throw new Error('The server sent no evidence health figures.');
  return { health: answer.health, attention: answer.attention ?? [] };
}
