import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { startEvalRun } from '../api/eval';
import type { EvalRun, NewEvalRun } from '../api/eval-types';
import { formatDateTime } from '../lib/format';
import { runName } from './eval-status';
import { Field } from './field';

interface NewEvalRunFormProps {
  /** Finished runs a new one may be compared with. */
  baselines: EvalRun[];
  onStarted: (run: EvalRun) => void;
  onCancel: () => void;
}

/** Queues an evaluation of the golden set, optionally with another pipeline configuration. */
export function NewEvalRunForm({ baselines, onStarted, onCancel }: NewEvalRunFormProps) {
  const [configName, setConfigName] = useState('');
  const [limit, setLimit] = useState('');
  const [compareWith, setCompareWith] = useState('');
  const [pipelineConfig, setPipelineConfig] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: NewEvalRun = {};
    const found: Record<string, string> = {};
    if (configName.trim()) input.configName = configName.trim();
    if (limit.trim()) {
      const n = Number(limit);
      if (!Number.isInteger(n) || n < 1) found.limit = 'A whole number of cases, 1 or more.';
      else input.limit = n;
    }
    if (compareWith) input.compareWith = compareWith;
    if (pipelineConfig.trim()) {
      try {
        const parsed: unknown = JSON.parse(pipelineConfig);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
          found.pipelineConfig = 'The configuration must be a JSON object.';
        } else input.pipelineConfig = parsed as Record<string, unknown>;
      } catch (error) {
        found.pipelineConfig = `Not valid JSON: ${(error as Error).message}`;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      onStarted(await startEvalRun(input));
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      setErrors(Object.keys(fields).length ? fields : { form: errorMessage(error) });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form className="card form-section eval-new" onSubmit={submit} noValidate>
      <div className="section-head">
        <h2 className="section-title">New evaluation run</h2>
        <p className="section-sub">
          Scores the pipeline on the golden set: every case's CV and cover letter. It runs in the background.
        </p>
      </div>
      <div className="eval-new-grid">
        <Field label="Configuration name" hint="Shown in the list and the charts." error={errors.configName}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={configName}
              maxLength={200}
              placeholder="template baseline"
              onChange={(event) => setConfigName(event.target.value)}
            />
          )}
        </Field>
        <Field label="Case limit" hint="Leave empty for every case." error={errors.limit}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="number"
              min={1}
              inputMode="numeric"
              value={limit}
              onChange={(event) => setLimit(event.target.value)}
            />
          )}
        </Field>
        <Field label="Compare with" hint="A finished run to set this one against." error={errors.compareWith}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={compareWith}
              onChange={(event) => setCompareWith(event.target.value)}
            >
              <option value="">No comparison</option>
              {baselines.map((run) => (
                <option key={run.id} value={run.id}>
                  {runName(run)} — {formatDateTime(run.finishedAt ?? run.createdAt)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        label="Pipeline configuration (JSON)"
        hint="Optional: a dossier.config.json to evaluate instead of the server's own."
        error={errors.pipelineConfig}
      >
        {(control) => (
          <textarea
            {...control}
            className="input mono"
            rows={5}
            spellCheck={false}
            value={pipelineConfig}
            placeholder='{ "generator": { "chain": ["template"] } }'
            onChange={(event) => setPipelineConfig(event.target.value)}
          />
        )}
      </Field>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" disabled={submitting}>
          {submitting ? 'Starting…' : 'Start run'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
