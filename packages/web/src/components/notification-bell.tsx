import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../api/notifications';
import type { AppNotification } from '../api/tailoring-types';
import { formatDateTime, formatRelative } from '../lib/format';
import { useNotifications } from '../notifications-context';
import { useNavigate } from '../router';
import { BellIcon } from './icons';
import { Spinner } from './spinner';

/** Only same-origin paths are followed; anything else is shown without a link. */
function internalPath(link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}

/**
 * The header bell: an unread count from the notifications context and a disclosure panel listing the latest
 * notifications, each linking to what it is about. Escape or a click elsewhere closes it.
 */
export function NotificationBell() {
  const { unread, refresh, setUnread } = useNotifications();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const headingId = useId();

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setError(null);
    listNotifications({}, controller.signal)
      .then((page) => {
        setItems(page.items ?? []);
        if (typeof page.unreadCount === 'number') setUnread(page.unreadCount);
      })
      .catch((err) => {
        if (!controller.signal.aborted) setError(errorMessage(err));
      });

    const onPointer = (event: PointerEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      controller.abort();
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, setUnread]);

  const markRead = async (item: AppNotification) => {
    if (item.readAt) return;
    const now = new Date().toISOString();
    setItems((list) => list?.map((n) => (n.id === item.id ? { ...n, readAt: now } : n)) ?? null);
    setUnread(Math.max(0, unread - 1));
    try {
      await markNotificationRead(item.id);
    } finally {
      refresh();
    }
  };

  const markAll = async () => {
    const now = new Date().toISOString();
    setItems((list) => list?.map((n) => ({ ...n, readAt: n.readAt ?? now })) ?? null);
    setUnread(0);
    try {
      await markAllNotificationsRead();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      refresh();
    }
  };

  const follow = (item: AppNotification, path: string) => {
    setOpen(false);
    void markRead(item);
    navigate(path);
  };

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';

  return (
    <div className="bell" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        title={label}
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon size={20} />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <section id={panelId} className="bell-panel" hidden={!open} aria-labelledby={headingId}>
        <div className="bell-head">
          <h2 id={headingId} className="bell-title">
            Notifications
          </h2>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => void markAll()}
            disabled={unread === 0 && !items?.some((n) => !n.readAt)}
          >
            Mark all read
          </button>
        </div>
        {open && !items && !error && (
          <div className="bell-empty">
            <Spinner label="Loading notifications…" />
          </div>
        )}
        {error && (
          <p className="bell-empty" role="alert">
            {error}
          </p>
        )}
        {items && items.length === 0 && <p className="bell-empty">You are all caught up.</p>}
        {items && items.length > 0 && (
          <ul className="bell-list">
            {items.map((item) => {
              const path = internalPath(item.link);
              return (
                <li key={item.id} className={`bell-item${item.readAt ? '' : ' is-unread'}`}>
                  <span className="bell-dot" aria-hidden="true" />
                  <div className="bell-item-body">
                    {path ? (
                      <a
                        href={path}
                        className="bell-item-title"
                        onClick={(event) => {
                          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
                          event.preventDefault();
                          follow(item, path);
                        }}
                      >
                        {item.title}
                        {!item.readAt && <span className="sr-only"> (unread)</span>}
                      </a>
                    ) : (
                      <span className="bell-item-title">{item.title}</span>
                    )}
                    {item.body && <p className="bell-item-text">{item.body}</p>}
                    <time
                      className="bell-item-time"
                      dateTime={item.createdAt}
                      title={formatDateTime(item.createdAt)}
                    >
                      {formatRelative(item.createdAt)}
                    </time>
                  </div>
                  {!item.readAt && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-sm bell-read"
                      onClick={() => void markRead(item)}
                    >
                      Mark read<span className="sr-only">: {item.title}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
