import { type FormEvent, useEffect, useRef, useState } from 'react';
import { createApiKey, listApiKeys, revokeApiKey } from '../api/account';
import { ApiError, errorMessage, isAbortError } from '../api/api-error';
import type { ApiKey, CreatedApiKey } from '../api/types';
import { formatDateTime, formatDay } from '../lib/format';
import { useConfirm } from './confirm-provider';
import { Field } from './field';
import { CopyIcon, KeyIcon } from './icons';
import { Spinner } from './spinner';
import { useToast } from './toast-provider';

async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard access needs a secure context; selecting the text lets the user copy it by hand.
    fallback?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

export function ApiKeysCard() {
  const confirm = useConfirm();
  const notify = useToast();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState(false);
  const keyInputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    listApiKeys(controller.signal)
      .then(setKeys)
      .catch((error) => {
        if (!isAbortError(error)) setLoadError(errorMessage(error));
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (created) keyInputRef.current?.select();
  }, [created]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Name the key after where it will be used, e.g. “Laptop CLI”.');
      return;
    }
    setBusy(true);
    setNameError(undefined);
    try {
      const key = await createApiKey(name.trim());
      setCreated(key);
      setCopied(false);
      setName('');
      setKeys((list) => [
        {
          id: key.id,
          name: key.name,
          prefix: key.prefix,
          createdAt: new Date().toISOString(),
          lastUsedAt: null,
        },
        ...(list ?? []),
      ]);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      setNameError(fields.name ?? errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (key: ApiKey) => {
    const ok = await confirm({
      title: `Revoke the key “${key.name}”?`,
      message: <p>Scripts and tools using it will stop working immediately.</p>,
      confirmLabel: 'Revoke key',
      danger: true,
    });
    if (!ok) return;
    try {
      await revokeApiKey(key.id);
      setKeys((list) => (list ?? []).filter((item) => item.id !== key.id));
      if (created?.id === key.id) setCreated(null);
      notify(`Revoked “${key.name}”.`, 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  const copy = async () => {
    if (!created) return;
    const ok = await copyText(created.key, keyInputRef.current);
    setCopied(ok);
    notify(
      ok ? 'API key copied to the clipboard.' : 'Select the key and copy it by hand.',
      ok ? 'success' : 'info',
    );
  };

  return (
    <section className="card form-section" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading" className="section-title">
        <KeyIcon size={18} /> API keys
      </h2>
      <p className="section-sub">
        For the <code>dossier</code> CLI and scripts. Send a key in the <code>X-API-Key</code> header.
      </p>

      {created && (
        <div className="new-key" role="status">
          <p className="new-key-title">
            <strong>Copy your new key now.</strong> For your security it will not be shown again.
          </p>
          <div className="input-with-button">
            <label htmlFor="new-api-key" className="sr-only">
              New API key
            </label>
            <input
              id="new-api-key"
              ref={keyInputRef}
              className="input mono"
              type="text"
              readOnly
              value={created.key}
              onFocus={(event) => event.target.select()}
            />
            <button type="button" className="input-addon" onClick={() => void copy()}>
              <CopyIcon size={14} /> {copied ? 'Copied' : 'Copy key'}
            </button>
          </div>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setCreated(null)}>
            I have saved it
          </button>
        </div>
      )}

      <form className="inline-form" onSubmit={create} noValidate>
        <Field label="Key name" error={nameError} className="grow">
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              placeholder="e.g. Laptop CLI"
              value={name}
              maxLength={100}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create API key'}
        </button>
      </form>

      {loadError && (
        <p className="form-error" role="alert">
          Could not load your API keys. {loadError}
        </p>
      )}
      {!keys && !loadError && <Spinner label="Loading API keys…" />}
      {keys && keys.length === 0 && <p className="muted">No API keys yet.</p>}
      {keys && keys.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <th scope="row" data-label="Name">
                    {key.name}
                  </th>
                  <td data-label="Key">
                    <code>{key.prefix}…</code>
                  </td>
                  <td data-label="Created">{formatDay(key.createdAt)}</td>
                  <td data-label="Last used">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="btn btn-ghost btn-sm btn-danger-text"
                      onClick={() => void revoke(key)}
                      aria-label={`Revoke key ${key.name}`}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
