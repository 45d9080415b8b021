import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { fetchUnreadCount } from './api/notifications';
import { useAuth } from './auth-context';

const POLL_MS = 30_000;

interface NotificationsValue {
  unread: number;
  /** Asks the server again now (after a generation finishes, after marking read). */
  refresh: () => void;
  setUnread: (count: number) => void;
}

const NotificationsContext = createContext<NotificationsValue>({
  unread: 0,
  refresh: () => undefined,
  setUnread: () => undefined,
});

/**
 * The unread count for the bell, polled every 30 s while the tab is visible (a hidden tab asks again as soon as
 * it is shown), and refreshed on demand.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const [unread, setUnread] = useState(0);
  const inFlight = useRef<AbortController | null>(null);
  const userId = user?.id ?? null;

  const refresh = useCallback(() => {
    if (!userId) return;
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    fetchUnreadCount(controller.signal)
      .then((count) => {
        if (!controller.signal.aborted) setUnread(count);
      })
      .catch(() => {
        // A missed poll is retried on the next tick; the bell keeps its last count.
      });
  }, [userId]);

  useEffect(() => {
    if (!userId) {
      setUnread(0);
      return;
    }
    refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      inFlight.current?.abort();
    };
  }, [userId, refresh]);

  const value = useMemo(() => ({ unread, refresh, setUnread }), [unread, refresh]);
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

export function useNotifications(): NotificationsValue {
  return useContext(NotificationsContext);
}
