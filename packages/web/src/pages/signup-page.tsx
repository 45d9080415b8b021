import { type FormEvent, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { signUp } from '../api/auth';
import { AuthLayout } from '../components/auth-layout';
import { Field } from '../components/field';
import { FormError } from '../components/form-error';
import { PasswordInput } from '../components/password-input';
import { useDocumentTitle } from '../hooks/use-document-title';
import { Link, useNavigate } from '../router';

const MIN_PASSWORD = 10;

export function SignupPage() {
  useDocumentTitle('Sign up');
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!/^\S+@\S+\.\S+$/.test(email.trim()))
      local.email = 'Enter a valid email address, like you@example.com.';
    if (password.length < MIN_PASSWORD) local.password = `Use at least ${MIN_PASSWORD} characters.`;
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) {
      setFormError('Please fix the highlighted fields.');
      queueMicrotask(() => errorRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await signUp({ email: email.trim(), password, ...(name.trim() ? { name: name.trim() } : {}) });
      navigate('/', { replace: true });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      if (error instanceof ApiError && error.status === 409) {
        fields.email = 'An account with this email already exists. Log in instead?';
      }
      setErrors(fields);
      setFormError(errorMessage(error));
      setBusy(false);
      queueMicrotask(() => errorRef.current?.focus());
    }
  };

  return (
    <AuthLayout
      title="Create your account"
      subtitle={
        <>
          Already have one? <Link to="/login">Log in</Link>
        </>
      }
    >
      <FormError ref={errorRef} message={formError} />
      <form className="form-stack" onSubmit={submit} noValidate>
        <Field label="Name" hint="Optional — shown on your CVs." error={errors.name}>
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
        <Field label="Password" hint={`At least ${MIN_PASSWORD} characters.`} error={errors.password}>
          {(control) => (
            <PasswordInput
              {...control}
              value={password}
              onChange={setPassword}
              autoComplete="new-password"
              minLength={MIN_PASSWORD}
              required
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-block btn-lg" disabled={busy}>
          {busy ? 'Creating account…' : 'Sign up'}
        </button>
      </form>
    </AuthLayout>
  );
}
