import { type FormEvent, useState } from 'react';
import { updateAccount } from '../api/account';
import { errorMessage, formFieldErrors } from '../api/api-error';
import { updateSessionUser } from '../api/session-store';
import type { User } from '../api/types';
import { Field } from './field';
import { PasswordInput } from './password-input';
import { useToast } from './toast-provider';

/** Edits the name (shown on generated documents) and the sign-in e-mail, which needs the current password. */
export function ProfileForm({ user }: { user: User }) {
  const notify = useToast();
  const [name, setName] = useState(user.name ?? '');
  const [email, setEmail] = useState(user.email);
  const [currentPassword, setCurrentPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const emailChanged = email.trim().toLowerCase() !== user.email;
  const changed = emailChanged || name.trim() !== (user.name ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    if (emailChanged && !currentPassword) {
      setErrors({ currentPassword: 'Enter your current password to change the e-mail.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const updated = await updateAccount({
        name: name.trim() || null,
        ...(emailChanged ? { email: email.trim(), currentPassword } : {}),
      });
      updateSessionUser(updated);
      setCurrentPassword('');
      notify(
        emailChanged ? `Saved. Sign in with ${updated.email} from now on.` : 'Profile saved.',
        'success',
      );
    } catch (error) {
      const fields = formFieldErrors(error, {
        403: { currentPassword: 'That password is not correct.' },
        409: { email: 'Another account uses this e-mail.' },
      });
      if (fields) setErrors(fields);
      else notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack profile-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label="Name" hint="Shown at the top of the CVs and letters you generate." error={errors.name}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <Field label="Email" hint="You sign in with it." error={errors.email}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      {emailChanged && (
        <Field label="Current password" error={errors.currentPassword}>
          {(control) => (
            <PasswordInput
              {...control}
              value={currentPassword}
              onChange={setCurrentPassword}
              autoComplete="current-password"
            />
          )}
        </Field>
      )}
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy || !changed}>
          {busy ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
