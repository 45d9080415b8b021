import { api } from './client';
import type { ApiKey, CreatedApiKey, Items } from './types';

export async function listApiKeys(signal?: AbortSignal): Promise<ApiKey[]> {
  const answer = await api.get<Items<ApiKey>>('/account/api-keys', signal ? { signal } : {});
  return answer.items;
}

export function createApiKey(name: string): Promise<CreatedApiKey> {
  return api.post<CreatedApiKey>('/account/api-keys', { name });
}

export function revokeApiKey(id: string): Promise<void> {
  return api.delete(`/account/api-keys/${encodeURIComponent(id)}`);
}

export function deleteAccount(password: string): Promise<void> {
  return api.delete('/account', { password });
}
