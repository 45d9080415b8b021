import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import type { LabelInput } from '../api/types';
import { isHexColour, LABEL_PALETTE, labelColour } from '../lib/colour';
import { Field } from './field';

export interface LabelFormValues {
  name: string;
  description: string;
  colour: string;
}

interface LabelFormProps {
  initial: LabelFormValues;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (input: LabelInput) => Promise<void>;
  onCancel?: () => void;
  /** Reset the fields after a successful submit (for the create form). */
  resetOnSuccess?: boolean;
  compact?: boolean;
}

export function LabelForm({
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
  resetOnSuccess,
  compact,
}: LabelFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The suggested colour can change after the form is shown (the create form suggests one no label uses, known
  // once the labels have loaded): it is taken over unless a colour has been picked. The form is never remounted
  // for it, so nothing typed meanwhile is lost.
  const [colourPicked, setColourPicked] = useState(false);
  useEffect(() => {
    if (!colourPicked) setValues((current) => ({ ...current, colour: initial.colour }));
  }, [initial.colour, colourPicked]);

  const set = (key: keyof LabelFormValues, value: string) => {
    if (key === 'colour') setColourPicked(true);
    setValues((current) => ({ ...current, [key]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = values.name.trim();
    if (!name) {
      setErrors({ name: 'Give the label a name, e.g. “Backend”.' });
      return;
    }
    if (!isHexColour(values.colour)) {
      setErrors({ colour: 'Pick a colour in the form #rrggbb.' });
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await onSubmit({ name, description: values.description.trim(), colour: values.colour.toLowerCase() });
      if (resetOnSuccess) {
        setValues(initial);
        setColourPicked(false);
      }
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      if (error instanceof ApiError && error.status === 409)
        fields.name = `You already have a label called “${name}”.`;
      setErrors(fields);
      if (!Object.keys(fields).length) setFormError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={`label-form${compact ? ' label-form-compact' : ''}`} onSubmit={submit} noValidate>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <Field label="Name" error={errors.name}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            maxLength={60}
            value={values.name}
            onChange={(event) => set('name', event.target.value)}
          />
        )}
      </Field>
      <Field label="Description" error={errors.description}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            placeholder="Optional: which roles this label is for"
            value={values.description}
            onChange={(event) => set('description', event.target.value)}
          />
        )}
      </Field>
      <Field label="Colour" error={errors.colour}>
        {(control) => (
          <div className="colour-picker">
            <input
              {...control}
              className="colour-input"
              type="color"
              value={labelColour(values.colour)}
              onChange={(event) => set('colour', event.target.value)}
            />
            <code className="colour-code">{labelColour(values.colour)}</code>
            <div className="palette">
              {LABEL_PALETTE.map((hex) => (
                <button
                  key={hex}
                  type="button"
                  className="palette-swatch"
                  style={{ background: hex }}
                  aria-pressed={values.colour.toLowerCase() === hex}
                  title={hex}
                  onClick={() => set('colour', hex)}
                >
                  <span className="sr-only">Pick {hex}</span>
                </button>
              ))}
            </div>
          </div>
        )}
      </Field>
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
