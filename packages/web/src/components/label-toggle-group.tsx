import type { Label } from '../api/types';
import { Link } from '../router';
import { Swatch } from './label-chip';

interface LabelToggleGroupProps {
  labels: Label[];
  selected: string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
  legend?: string;
  hint?: string;
}

/** Labels as toggle buttons (`aria-pressed`), reachable with Tab and switched with Space or Enter. */
export function LabelToggleGroup({
  labels,
  selected,
  onChange,
  error,
  legend = 'Labels',
  hint = 'Group this artifact with the roles it supports.',
}: LabelToggleGroupProps) {
  const toggle = (id: string) =>
    onChange(selected.includes(id) ? selected.filter((item) => item !== id) : [...selected, id]);

  return (
    <fieldset className="fieldset">
      <legend className="field-label">{legend}</legend>
      {labels.length === 0 ? (
        <p className="field-hint">
          No labels yet. <Link to="/labels">Create labels</Link> such as “Backend” or “ML platform” to group
          artifacts by the roles you apply for.
        </p>
      ) : (
        <>
          <p className="field-hint">{hint}</p>
          <div className="toggle-group">
            {labels.map((label) => {
              const pressed = selected.includes(label.id);
              return (
                <button
                  key={label.id}
                  type="button"
                  className="toggle-chip"
                  aria-pressed={pressed}
                  onClick={() => toggle(label.id)}
                >
                  <Swatch colour={label.colour} size="sm" />
                  {label.name}
                  <span className="toggle-check" aria-hidden="true">
                    {pressed ? '✓' : '+'}
                  </span>
                </button>
              );
            })}
          </div>
        </>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
