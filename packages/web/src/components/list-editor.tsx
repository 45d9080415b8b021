import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import { PlusIcon } from './icons';

interface ListEditorProps {
  legend: string;
  /** Singular noun used in control names: "Collaborator 2", "Remove outcome 1". */
  itemName: string;
  hint?: string;
  placeholder?: string;
  value: string[];
  onChange: (next: string[]) => void;
  /** Errors by index, from `details.issues` paths such as `outcomes.1`. */
  errors?: Record<number, string>;
  error?: string | undefined;
}

/** An editable list of short strings; Enter in a row adds the next row. */
export function ListEditor({
  legend,
  itemName,
  hint,
  placeholder,
  value,
  onChange,
  errors,
  error,
}: ListEditorProps) {
  const baseId = useId();
  const focusIndex = useRef<number | null>(null);
  const capitalised = itemName.charAt(0).toUpperCase() + itemName.slice(1);

  useEffect(() => {
    if (focusIndex.current === null) return;
    document.getElementById(`${baseId}-${focusIndex.current}`)?.focus();
    focusIndex.current = null;
  });

  const insertAfter = (index: number) => {
    focusIndex.current = index + 1;
    onChange([...value.slice(0, index + 1), '', ...value.slice(index + 1)]);
  };

  const remove = (index: number) => {
    focusIndex.current = value.length > 1 ? Math.max(0, index - 1) : null;
    onChange(value.filter((_, i) => i !== index));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      insertAfter(index);
    } else if (event.key === 'Backspace' && value[index] === '' && value.length > 0) {
      event.preventDefault();
      remove(index);
    }
  };

  return (
    <fieldset className="fieldset list-editor">
      <legend className="field-label">{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {value.length > 0 && (
        <ol className="list-editor-rows">
          {value.map((item, index) => {
            const id = `${baseId}-${index}`;
            const rowError = errors?.[index];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and hold no state of their own
              <li key={index} className={`list-editor-row${rowError ? ' field-invalid' : ''}`}>
                <label className="sr-only" htmlFor={id}>
                  {capitalised} {index + 1}
                </label>
                <input
                  id={id}
                  className="input"
                  type="text"
                  value={item}
                  placeholder={placeholder}
                  aria-invalid={rowError ? true : undefined}
                  aria-describedby={rowError ? `${id}-error` : undefined}
                  onChange={(event) => onChange(value.map((v, i) => (i === index ? event.target.value : v)))}
                  onKeyDown={(event) => onKeyDown(event, index)}
                />
                <button
                  type="button"
                  className="btn btn-icon btn-ghost"
                  onClick={() => remove(index)}
                  aria-label={`Remove ${itemName} ${index + 1}`}
                >
                  ×
                </button>
                {rowError && (
                  <p id={`${id}-error`} className="field-error">
                    {rowError}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {error && <p className="field-error">{error}</p>}
      <button
        type="button"
        className="btn btn-secondary btn-sm"
        onClick={() => insertAfter(value.length - 1)}
      >
        <PlusIcon size={14} /> Add {itemName}
      </button>
    </fieldset>
  );
}
