import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import { createShare, listShares, revokeShare } from '../api/documents';
import type { ShareLink } from '../api/tailoring-types';
import { copyText } from '../lib/clipboard';
import { formatDay } from '../lib/format';
import { useConfirm } from './confirm-provider';
import { CopyIcon, ShareIcon } from './icons';
import { Spinner } from './spinner';
import { useToast } from './toast-provider';

interface SharePanelProps {
  documentId: string;
  /** The version being viewed, when it is not the current one: the link then pins it. */
  version?: number | undefined;
}

function shareState(share: ShareLink): 'revoked' | 'expired' | 'active' {
  if (share.revokedAt) return 'revoked';
  if (share.expiresAt && new Date(share.expiresAt).getTime() < Date.now()) return 'expired';
  return 'active';
}

/** Public read-only links to the document: create one (optionally expiring), copy it, revoke old ones. */
export function SharePanel({ documentId, version }: SharePanelProps) {
  const confirm = useConfirm();
  const notify = useToast();
  const [shares, setShares] = useState<ShareLink[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [days, setDays] = useState('');
  const [daysError, setDaysError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ id: string; url: string; expiresAt: string | null } | null>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const daysId = useId();
  const urlId = useId();

  useEffect(() => {
    const controller = new AbortController();
    listShares(documentId, controller.signal)
      .then((answer) => setShares(answer.items ?? []))
      .catch((error) => {
        if (!isAbortError(error)) setLoadError(errorMessage(error));
      });
    return () => controller.abort();
  }, [documentId]);

  useEffect(() => {
    if (created) urlRef.current?.select();
  }, [created]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = days.trim();
    const n = Number(trimmed);
    if (trimmed && (!Number.isInteger(n) || n < 1 || n > 365)) {
      setDaysError('Enter a whole number of days from 1 to 365, or leave it empty for no expiry.');
      return;
    }
    setDaysError(null);
    setBusy(true);
    try {
      const share = await createShare(documentId, {
        ...(trimmed ? { expiresInDays: n } : {}),
        ...(version !== undefined ? { version } : {}),
      });
      const path = share.url?.startsWith('/') ? share.url : `/s/${encodeURIComponent(share.token)}`;
      setCreated({
        id: share.id,
        url: `${window.location.origin}${path}`,
        expiresAt: share.expiresAt ?? null,
      });
      setShares((list) => [
        {
          id: share.id,
          version: version ?? null,
          expiresAt: share.expiresAt ?? null,
          revokedAt: null,
          createdAt: new Date().toISOString(),
        },
        ...(list ?? []),
      ]);
    } catch (error) {
      notify(`Could not create a link: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    const ok = await copyText(created.url, urlRef.current);
    notify(
      ok ? 'Link copied to the clipboard.' : 'Select the link and copy it by hand.',
      ok ? 'success' : 'info',
    );
  };

  const revoke = async (share: ShareLink) => {
    const ok = await confirm({
      title: 'Revoke this share link?',
      message: <p>Anyone who has it will see “not found” from now on.</p>,
      confirmLabel: 'Revoke link',
      danger: true,
    });
    if (!ok) return;
    try {
      await revokeShare(documentId, share.id);
      const now = new Date().toISOString();
      setShares((list) => (list ?? []).map((s) => (s.id === share.id ? { ...s, revokedAt: now } : s)));
      if (created?.id === share.id) setCreated(null);
      notify('Share link revoked.', 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  return (
    <section className="card side-card" aria-labelledby="share-heading">
      <h2 id="share-heading" className="section-title">
        <ShareIcon size={18} /> Share
      </h2>
      <p className="muted small">A read-only page anyone with the link can open, with a PDF download.</p>

      {created && (
        <div className="new-key" role="status">
          <p className="new-key-title">
            <strong>Link created.</strong> Copy it now: it is shown only once.
          </p>
          <div className="input-with-button">
            <label htmlFor={urlId} className="sr-only">
              Share link
            </label>
            <input
              id={urlId}
              ref={urlRef}
              className="input mono"
              type="text"
              readOnly
              value={created.url}
              onFocus={(event) => event.target.select()}
            />
            <button type="button" className="input-addon" onClick={() => void copy()}>
              <CopyIcon size={14} /> Copy
            </button>
          </div>
          <p className="small">
            {created.expiresAt ? `Expires ${formatDay(created.expiresAt)}.` : 'Never expires.'}
          </p>
        </div>
      )}

      <form className="share-form" onSubmit={(event) => void create(event)} noValidate>
        <div className={`field${daysError ? ' field-invalid' : ''}`}>
          <label className="field-label" htmlFor={daysId}>
            Expiry in days
          </label>
          <input
            id={daysId}
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            placeholder="Never"
            value={days}
            aria-invalid={daysError ? true : undefined}
            aria-describedby={daysError ? `${daysId}-error` : undefined}
            onChange={(event) => setDays(event.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          {busy ? 'Creating…' : 'Create share link'}
        </button>
        {daysError && (
          <p id={`${daysId}-error`} className="field-error share-error">
            {daysError}
          </p>
        )}
      </form>

      {loadError && <p className="form-error">Could not load share links. {loadError}</p>}
      {!shares && !loadError && <Spinner label="Loading share links…" />}
      {shares && shares.length > 0 && (
        <ul className="share-list" aria-label="Existing links">
          {shares.map((share) => {
            const state = shareState(share);
            return (
              <li key={share.id} className={`share-row is-${state}`}>
                <span className="share-info">
                  <span>
                    Created {formatDay(share.createdAt)}
                    {share.version ? ` · v${share.version}` : ''}
                  </span>
                  <span className="muted small">
                    {state === 'revoked'
                      ? `Revoked ${formatDay(share.revokedAt)}`
                      : state === 'expired'
                        ? `Expired ${formatDay(share.expiresAt)}`
                        : share.expiresAt
                          ? `Expires ${formatDay(share.expiresAt)}`
                          : 'No expiry'}
                  </span>
                </span>
                {state === 'active' ? (
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm btn-danger-text"
                    onClick={() => void revoke(share)}
                    aria-label={`Revoke link created ${formatDay(share.createdAt)}`}
                  >
                    Revoke
                  </button>
                ) : (
                  <span className={`pill pill-sm pill-${state}`}>
                    {state === 'revoked' ? 'Revoked' : 'Expired'}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
