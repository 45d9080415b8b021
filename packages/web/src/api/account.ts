import { api } from './client';
import type { AccountSession, ApiKey, AuthResponse, CreatedApiKey, Items, User } from './types';

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

/** Changes the name and/or e-mail; a new e-mail needs the current password. */
export async function updateAccount(input: {
  name?: string | null;
  email?: string;
  currentPassword?: string;
}): Promise<User> {
  const answer = await api.patch<{ user: User }>('/account', input);
  return answer.user;
}

/** Changes the password; the server ends every session and hands back a new one. */
export function changePassword(currentPassword: string, newPassword: string): Promise<AuthResponse> {
  return api.post<AuthResponse>('/account/password', { currentPassword, newPassword });
}

export async function listSessions(signal?: AbortSignal): Promise<AccountSession[]> {
  const answer = await api.get<Items<AccountSession>>('/account/sessions', signal ? { signal } : {});
  return answer.items;
}

/** Ends one session at once: its browser or device is signed out on its next request. */
export function endSession(id: string): Promise<void> {
  return api.delete(`/account/sessions/${encodeURIComponent(id)}`);
}

/** Ends every session but this browser's; answers how many ended. */
export async function endOtherSessions(): Promise<number> {
  const answer = await api.post<{ ended: number }>('/account/sessions/end-others');
  return answer.ended;
}
