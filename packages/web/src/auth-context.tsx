import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { fetchMe, logOut } from './api/auth';
import {
  getSession,
  type Session,
  type SessionEndReason,
  subscribeSession,
  updateSessionUser,
} from './api/session-store';
import type { User } from './api/types';

interface AuthValue {
  user: User | null;
  /** Why the last session ended, so the login page can explain an expiry or a deleted account. */
  endReason: SessionEndReason | null;
  logOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<Session | null>(getSession);
  const [endReason, setEndReason] = useState<SessionEndReason | null>(null);

  useEffect(
    () =>
      subscribeSession((next, reason) => {
        setSessionState(next);
        setEndReason(next ? null : (reason ?? 'logout'));
      }),
    [],
  );

  // The stored user may be stale (renamed elsewhere); refresh it once per load. A dead session is cleared
  // by the client itself when the refresh fails.
  const hasSession = session !== null;
  useEffect(() => {
    if (!hasSession) return;
    const controller = new AbortController();
    fetchMe(controller.signal)
      .then((user) => updateSessionUser(user))
      .catch(() => undefined);
    return () => controller.abort();
  }, [hasSession]);

  const value = useMemo<AuthValue>(
    () => ({ user: session?.user ?? null, endReason, logOut }),
    [session, endReason],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
