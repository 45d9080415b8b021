import type { AuthResponse, User } from './types';

// Tokens live in localStorage so a reload keeps the user signed in; the access token is short-lived and the
// refresh token rotates on every use (the API detects reuse), so there is exactly one writer: this module.
const STORAGE_KEY = 'dossier.session';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

export type SessionEndReason = 'logout' | 'expired' | 'deleted';

type Listener = (session: Session | null, reason?: SessionEndReason) => void;

const listeners = new Set<Listener>();

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && typeof v.user === 'object'
  );
}

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function emit(session: Session | null, reason?: SessionEndReason): void {
  for (const listener of listeners) listener(session, reason);
}

export function setSession(auth: AuthResponse | Session): void {
  const session: Session = {
    accessToken: auth.accessToken,
    refreshToken: auth.refreshToken,
    user: auth.user,
  };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  emit(session);
}

export function updateSessionUser(user: User): void {
  const current = getSession();
  if (current) setSession({ ...current, user });
}

export function clearSession(reason: SessionEndReason = 'logout'): void {
  localStorage.removeItem(STORAGE_KEY);
  emit(null, reason);
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab logging in or out changes what this tab should show.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    const session = getSession();
    emit(session, session ? undefined : 'logout');
  });
}
