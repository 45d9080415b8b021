import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { updateEvidence } from '../api/artifacts';
import { ApiError } from '../api/client';
import { EVIDENCE_KINDS, type Evidence, type EvidenceKind } from '../api/types';
import { KIND_META, kindMeta } from '../lib/evidence-meta';
import { displayUrl, isHttpUrl, safeHref } from '../lib/url';
import { EvidenceActions } from './evidence-actions';
import { EvidenceStatusLine } from './evidence-status-line';
import { Field } from './field';
import { ExternalIcon } from './icons';
import { StatusBadge } from './status-badge';

interface EvidenceRowProps {
  url: string;
  title: string | null | undefined;
  kind: EvidenceKind | null;
  evidence?: Evidence;
  onEdit?: () => void;
  onDelete: () => void;
  /** A saved link's new state after "check now" or "use the redirect target"; enables those actions. */
  onChange?: (updated: Evidence) => void;
  error?: string | undefined;
}

/** One evidence link as displayed: kind, link, status badge with its last check, and actions. */
export function EvidenceRow({
  url,
  title,
  kind,
  evidence,
  onEdit,
  onDelete,
  onChange,
  error,
}: EvidenceRowProps) {
  const meta = kind ? kindMeta(kind) : null;
  const name = title || displayUrl(url);
  const href = safeHref(url);
  return (
    <li className={`evidence-item${error ? ' field-invalid' : ''}`}>
      <span className="evidence-kind" title={meta?.label ?? 'Kind is detected when saved'} aria-hidden="true">
        {meta?.icon ?? '↗'}
      </span>
      <div className="evidence-body">
        {href ? (
          <a className="evidence-link" href={href} target="_blank" rel="noopener noreferrer">
            {name}
            <ExternalIcon size={12} />
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : (
          <span className="evidence-link">{name}</span>
        )}
        <span className="evidence-sub">
          <span className="evidence-kind-text">{meta?.label ?? 'Kind detected on save'}</span>
          {title && (
            <>
              <span aria-hidden="true"> · </span>
              <span className="evidence-url">{displayUrl(url)}</span>
            </>
          )}
        </span>
        {evidence && <EvidenceStatusLine evidence={evidence} />}
        {/* Links from a server without the link checker carry no `failing`: there is nothing to offer then. */}
        {evidence && onChange && evidence.failing !== undefined && (
          <EvidenceActions evidence={evidence} onChange={onChange} />
        )}
        {error && <p className="field-error">{error}</p>}
      </div>
      <StatusBadge status={evidence?.status ?? 'unchecked'} {...(evidence ? { evidence } : {})} />
      <div className="evidence-actions">
        {onEdit && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={onEdit}
            aria-label={`Edit evidence ${name}`}
          >
            Edit
          </button>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-danger-text"
          onClick={onDelete}
          aria-label={`Delete evidence ${name}`}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

interface EvidenceEditRowProps {
  artifactId: string;
  evidence: Evidence;
  onSaved: (updated: Evidence) => void;
  onCancel: () => void;
}

/** Inline editing of a saved evidence link through `PATCH /artifacts/:id/evidence/:evidenceId`. */
export function EvidenceEditRow({ artifactId, evidence, onSaved, onCancel }: EvidenceEditRowProps) {
  const [url, setUrl] = useState(evidence.url);
  const [title, setTitle] = useState(evidence.title ?? '');
  const [kind, setKind] = useState<EvidenceKind>(evidence.kind);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = url.trim();
    if (!isHttpUrl(trimmed)) {
      setErrors({ url: 'Enter a full web address starting with https:// or http://.' });
      return;
    }
    const patch: { url?: string; title?: string; kind?: EvidenceKind } = {};
    if (trimmed !== evidence.url) patch.url = trimmed;
    if (title.trim() !== (evidence.title ?? '')) patch.title = title.trim();
    if (kind !== evidence.kind) patch.kind = kind;
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      onSaved(await updateEvidence(artifactId, evidence.id, patch));
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      setErrors(Object.keys(fields).length ? fields : { url: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <li className="evidence-item evidence-editing">
      <div className="evidence-edit-grid">
        <Field
          label="Evidence URL"
          error={errors.url}
          hint={url.trim() !== evidence.url ? 'A new URL is re-checked.' : undefined}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="url"
              inputMode="url"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void submit();
                }
              }}
            />
          )}
        </Field>
        <Field label="Link text" error={errors.title}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void submit();
                }
              }}
            />
          )}
        </Field>
        <Field label="Kind" error={errors.kind}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={kind}
              onChange={(event) => setKind(event.target.value as EvidenceKind)}
            >
              {EVIDENCE_KINDS.map((value) => (
                <option key={value} value={value}>
                  {KIND_META[value].label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-primary btn-sm"
          onClick={() => void submit()}
          disabled={saving}
        >
          {saving ? 'Saving…' : 'Save evidence'}
        </button>
        <button type="button" className="btn btn-secondary btn-sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </li>
  );
}
