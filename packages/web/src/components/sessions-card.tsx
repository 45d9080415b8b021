import { useCallback, useEffect, useState } from 'react';
import { endOtherSessions, endSession, listSessions } from '../api/account';
import { errorMessage, isAbortError } from '../api/api-error';
import type { AccountSession } from '../api/types';
import { useAuth } from '../auth-context';
import { formatDateTime, formatRelative, plural } from '../lib/format';
import { useConfirm } from './confirm-provider';
import { Spinner } from './spinner';
import { useToast } from './toast-provider';

const deviceName = (session: AccountSession) => session.device ?? 'Unknown device';

/**
 * Where the account is signed in: each browser, device or script with its own session. Ending one signs it out
 * at once (its next request is refused), and "sign out everywhere else" keeps only this browser.
 */
export function SessionsCard({ reloadKey = 0 }: { reloadKey?: number }) {
  const confirm = useConfirm();
  const notify = useToast();
  const { logOut } = useAuth();
  const [sessions, setSessions] = useState<AccountSession[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback((signal?: AbortSignal) => {
    setLoadError(null);
    listSessions(signal)
      .then(setSessions)
      .catch((error) => {
        if (!isAbortError(error)) setLoadError(errorMessage(error));
      });
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reads the list again after a password change
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load, reloadKey]);

  const others = (sessions ?? []).filter((session) => !session.current);

  const end = async (session: AccountSession) => {
    if (session.current) {
      const ok = await confirm({
        title: 'Sign out of this browser?',
        message: <p>You will need to log in again here. Your other sessions stay signed in.</p>,
        confirmLabel: 'Sign out',
      });
      if (ok) await logOut();
      return;
    }
    const ok = await confirm({
      title: `Sign out ${deviceName(session)}?`,
      message: (
        <p>
          It is signed out at once: its next request is refused and it has to log in again with your password.
        </p>
      ),
      confirmLabel: 'Sign out session',
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      await endSession(session.id);
      setSessions((list) => (list ?? []).filter((item) => item.id !== session.id));
      notify(`Signed out ${deviceName(session)}.`, 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
      load();
    } finally {
      setBusy(false);
    }
  };

  const endOthers = async () => {
    const ok = await confirm({
      title: 'Sign out everywhere else?',
      message: (
        <p>
          {plural(others.length, 'other session')} will be signed out at once. This browser stays signed in.
        </p>
      ),
      confirmLabel: 'Sign out other sessions',
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const ended = await endOtherSessions();
      setSessions((list) => (list ?? []).filter((item) => item.current));
      notify(`Signed out ${plural(ended, 'other session')}.`, 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
      load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card form-section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="section-title">
        Sessions
      </h2>
      <p className="section-sub">
        Where your account is signed in. Signing a session out takes effect at once. API keys are not
        sessions; revoke them below.
      </p>

      {loadError && (
        <p className="form-error" role="alert">
          Could not load your sessions. {loadError}
        </p>
      )}
      {!sessions && !loadError && <Spinner label="Loading sessions…" />}
      {sessions && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last renewed</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.id}>
                  <th scope="row" data-label="Device" title={session.userAgent ?? undefined}>
                    {deviceName(session)}
                    {session.current && (
                      <span className="badge badge-valid session-current">This browser</span>
                    )}
                  </th>
                  <td data-label="Signed in">{formatDateTime(session.signedInAt)}</td>
                  <td data-label="Last renewed">
                    <time dateTime={session.renewedAt} title={formatDateTime(session.renewedAt)}>
                      {formatRelative(session.renewedAt)}
                    </time>
                  </td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="btn btn-ghost btn-sm btn-danger-text"
                      onClick={() => void end(session)}
                      disabled={busy}
                      aria-label={`Sign out ${session.current ? 'this browser' : deviceName(session)}`}
                    >
                      Sign out
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sessions && (
        <div>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void endOthers()}
            disabled={busy || others.length === 0}
          >
            Sign out everywhere else
          </button>
        </div>
      )}
    </section>
  );
}
