import { type FormEvent, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { logIn } from '../api/auth';
import { useAuth } from '../auth-context';
import { AuthLayout } from '../components/auth-layout';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { PasswordInput } from '../components/password-input';
import { useDocumentTitle } from '../hooks/use-document-title';
import { readNextPath } from '../lib/next-path';
import { Link, useLocation, useNavigate } from '../router';

const END_MESSAGES = {
  expired: 'Your session has ended: it expired or was signed out from another device. Please log in again.',
  deleted: 'Your account and everything in it have been deleted.',
} as const;

export function LoginPage() {
  useDocumentTitle('Log in');
  const { endReason } = useAuth();
  const { search } = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!email.trim()) local.email = 'Enter your email address.';
    if (!password) local.password = 'Enter your password.';
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await logIn({ email: email.trim(), password });
      navigate(readNextPath(search), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setFormError('That email and password do not match. Check them and try again.');
      } else {
        setErrors(error instanceof ApiError ? error.fieldErrors() : {});
        setFormError(errorMessage(error));
      }
      setBusy(false);
      queueMicrotask(() => errorRef.current?.focus());
    }
  };

  const notice = endReason === 'expired' || endReason === 'deleted' ? END_MESSAGES[endReason] : null;

  return (
    <AuthLayout
      title="Welcome back"
      subtitle={
        <>
          New to Dossier? <Link to="/signup">Create an account</Link>
        </>
      }
    >
      {notice && !formError && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <FormError ref={errorRef} message={formError} />
      <form className="form-stack" onSubmit={submit} noValidate>
        <Field label="Email" error={errors.email}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="email"
              autoComplete="email"
              inputMode="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label="Password" error={errors.password}>
          {(control) => (
            <PasswordInput
              {...control}
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
              required
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-block btn-lg" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthLayout>
  );
}
