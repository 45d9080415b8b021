import type { DocumentKind, GeneratorChoice, Length, Tone } from '../api/tailoring-types';
import { Field } from './field';

export interface OutputOptions {
  kinds: Record<DocumentKind, boolean>;
  tone: Tone;
  length: Length;
  generator: GeneratorChoice;
  force: boolean;
}

export const DEFAULT_OUTPUT: OutputOptions = {
  kinds: { cv: true, 'cover-letter': false },
  tone: 'formal',
  length: 'standard',
  generator: 'auto',
  force: false,
};

const TONES: { value: Tone; label: string }[] = [
  { value: 'formal', label: 'Formal' },
  { value: 'warm', label: 'Warm' },
  { value: 'concise', label: 'Concise' },
];
const LENGTHS: { value: Length; label: string }[] = [
  { value: 'short', label: 'Short' },
  { value: 'standard', label: 'Standard' },
  { value: 'long', label: 'Long' },
];
const GENERATORS: { value: GeneratorChoice; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'template', label: 'Template' },
  { value: 'llm', label: 'LLM' },
];

interface TailorOutputOptionsProps {
  value: OutputOptions;
  onChange: (patch: Partial<OutputOptions>) => void;
  /** Kinds the server offers (feature flags `cvGeneration` and `coverLetter`). */
  canCv: boolean;
  canLetter: boolean;
  error?: string | undefined;
}

/** Step 3 of the Tailor form: which documents to make, and how. */
export function TailorOutputOptions({ value, onChange, canCv, canLetter, error }: TailorOutputOptionsProps) {
  return (
    <section className="card form-section" aria-labelledby="tailor-output-heading">
      <div className="section-head">
        <h2 id="tailor-output-heading" className="section-title">
          3. What to make
        </h2>
      </div>
      <fieldset className="fieldset">
        <legend className="field-label">Documents</legend>
        <div className="check-cards">
          {canCv && (
            <label className="check-card">
              <input
                id="tailor-kind-cv"
                type="checkbox"
                checked={value.kinds.cv}
                onChange={(event) => onChange({ kinds: { ...value.kinds, cv: event.target.checked } })}
              />
              <span>
                <strong>CV</strong>
                <span className="check-card-sub">Tailored sections, ranked artifacts</span>
              </span>
            </label>
          )}
          {canLetter && (
            <label className="check-card">
              <input
                type="checkbox"
                checked={value.kinds['cover-letter']}
                onChange={(event) =>
                  onChange({ kinds: { ...value.kinds, 'cover-letter': event.target.checked } })
                }
              />
              <span>
                <strong>Cover letter</strong>
                <span className="check-card-sub">One page, grounded in your evidence</span>
              </span>
            </label>
          )}
          {!canCv && !canLetter && <p className="muted small">No document kinds are available.</p>}
        </div>
        {error && <p className="field-error">{error}</p>}
      </fieldset>
      <div className="tailor-options">
        <Field label="Tone">
          {(control) => (
            <select
              {...control}
              className="input"
              value={value.tone}
              onChange={(e) => onChange({ tone: e.target.value as Tone })}
            >
              {TONES.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Length">
          {(control) => (
            <select
              {...control}
              className="input"
              value={value.length}
              onChange={(e) => onChange({ length: e.target.value as Length })}
            >
              {LENGTHS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Generator">
          {(control) => (
            <select
              {...control}
              className="input"
              value={value.generator}
              onChange={(e) => onChange({ generator: e.target.value as GeneratorChoice })}
            >
              {GENERATORS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="field-hint tailor-generator-hint">
        Auto uses the LLM when it is configured and healthy, and the deterministic template generator
        otherwise; LLM fails instead of falling back.
      </p>
      <label className="check-line">
        <input
          type="checkbox"
          checked={value.force}
          onChange={(event) => onChange({ force: event.target.checked })}
        />
        <span>
          Generate fresh even if the same request ran in the last hour
          <span className="check-card-sub">Otherwise the earlier document is reused.</span>
        </span>
      </label>
    </section>
  );
}
