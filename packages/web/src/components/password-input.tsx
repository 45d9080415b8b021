import { useState } from 'react';
import type { ControlProps } from './field';

interface PasswordInputProps extends ControlProps {
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  minLength?: number;
  required?: boolean;
}

export function PasswordInput({
  value,
  onChange,
  autoComplete,
  minLength,
  required,
  ...control
}: PasswordInputProps) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="input-with-button">
      <input
        {...control}
        className="input"
        type={visible ? 'text' : 'password'}
        value={value}
        autoComplete={autoComplete}
        minLength={minLength}
        required={required}
        onChange={(event) => onChange(event.target.value)}
      />
      {/* Short visible name on purpose: "Show password" would also match a search for the "Password" field. */}
      <button
        type="button"
        className="input-addon"
        aria-pressed={visible}
        aria-controls={control.id}
        onClick={() => setVisible((v) => !v)}
      >
        {visible ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}
