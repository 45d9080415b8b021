import { clearUserDraftBackups } from '../lib/draft-backup';
import { api } from './client';
import { clearSession, getSession, setSession } from './session-store';
import type { AuthResponse, User } from './types';

export async function logIn(input: { email: string; password: string }): Promise<User> {
  const auth = await api.post<AuthResponse>('/auth/login', input, { auth: false });
  setSession(auth);
  return auth.user;
}

export async function signUp(input: { email: string; password: string; name?: string }): Promise<User> {
  const auth = await api.post<AuthResponse>('/auth/register', input, { auth: false });
  setSession(auth);
  return auth.user;
}

export async function fetchMe(signal?: AbortSignal): Promise<User> {
  const answer = await api.get<{ user: User }>('/auth/me', signal ? { signal } : {});
  return answer.user;
}

/** Revokes the refresh-token family on the server (best effort) and forgets the session locally. */
export async function logOut(): Promise<void> {
  const session = getSession();
  // Leaving on purpose: this user's unsaved drafts in this browser go too (a session that expires keeps them).
  if (session) clearUserDraftBackups(session.user.id);
  clearSession('logout');
  if (!session) return;
  try {
    await api.post('/auth/logout', { refreshToken: session.refreshToken }, { auth: false });
  } catch {
    // The local session is gone either way; an unreachable server must not keep the user signed in.
  }
}
