import { type FormEvent, useState } from 'react';
import { deleteAccount } from '../api/account';
import { ApiError, errorMessage } from '../api/api-error';
import { clearSession, getSession } from '../api/session-store';
import { clearUserDraftBackups } from '../lib/draft-backup';
import { useNavigate } from '../router';
import { useConfirm } from './confirm-provider';
import { Field } from './field';
import { PasswordInput } from './password-input';

export function DeleteAccountCard() {
  const confirm = useConfirm();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError('Enter your password to confirm it is you.');
      return;
    }
    setError(undefined);
    const ok = await confirm({
      title: 'Delete your account?',
      message: (
        <p>
          Your artifacts, evidence links, labels, generated documents and API keys will be deleted
          permanently. Download your data first if you want a copy.
        </p>
      ),
      confirmLabel: 'Delete my account',
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      await deleteAccount(password);
      const userId = getSession()?.user.id;
      if (userId) clearUserDraftBackups(userId);
      clearSession('deleted');
      navigate('/login', { replace: true });
    } catch (err) {
      // A wrong password must not log the user out, so a 401 here is shown as a field error.
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        setError('That password is not correct.');
      } else {
        const fields = err instanceof ApiError ? err.fieldErrors() : {};
        setError(fields.password ?? errorMessage(err));
      }
      setBusy(false);
    }
  };

  return (
    <section className="card form-section danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading" className="section-title">
        Delete account
      </h2>
      <p className="section-sub">Deletes your account and everything it owns. This cannot be undone.</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field label="Password" error={error} className="grow">
          {(control) => (
            <PasswordInput
              {...control}
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
            />
          )}
        </Field>
        <button type="submit" className="btn btn-danger" disabled={busy}>
          {busy ? 'Deleting…' : 'Delete account'}
        </button>
      </form>
    </section>
  );
}
