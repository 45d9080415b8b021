import { type FormEvent, useState } from 'react';
import { changePassword } from '../api/account';
import { errorMessage, formFieldErrors } from '../api/api-error';
import { setSession } from '../api/session-store';
import { Field } from './field';
import { PasswordInput } from './password-input';
import { useToast } from './toast-provider';

const MIN_LENGTH = 10;

/** Changes the password; every other browser and device is signed out at once. */
export function PasswordCard({ onChanged }: { onChanged?: () => void }) {
  const notify = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!current) local.currentPassword = 'Enter your current password.';
    if (next.length < MIN_LENGTH) local.newPassword = `Use at least ${MIN_LENGTH} characters.`;
    else if (next !== repeat) local.repeat = 'The two new passwords differ.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      setSession(await changePassword(current, next));
      setCurrent('');
      setNext('');
      setRepeat('');
      notify('Password changed. Your other sessions are ended.', 'success');
      onChanged?.();
    } catch (error) {
      const fields = formFieldErrors(error, { 403: { currentPassword: 'That password is not correct.' } });
      if (fields) setErrors(fields);
      else notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card form-section" aria-labelledby="password-heading">
      <h2 id="password-heading" className="section-title">
        Password
      </h2>
      <p className="section-sub">
        Changing it signs out every other browser and device at once; this one stays signed in.
      </p>
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <Field label="Current password" error={errors.currentPassword}>
          {(control) => (
            <PasswordInput
              {...control}
              value={current}
              onChange={setCurrent}
              autoComplete="current-password"
            />
          )}
        </Field>
        <Field label="New password" hint={`At least ${MIN_LENGTH} characters.`} error={errors.newPassword}>
          {(control) => (
            <PasswordInput
              {...control}
              value={next}
              onChange={setNext}
              autoComplete="new-password"
              minLength={MIN_LENGTH}
            />
          )}
        </Field>
        <Field label="New password again" error={errors.repeat}>
          {(control) => (
            <PasswordInput {...control} value={repeat} onChange={setRepeat} autoComplete="new-password" />
          )}
        </Field>
        <div>
          <button type="submit" className="btn btn-secondary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
