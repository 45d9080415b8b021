import { type KeyboardEvent, useRef, useState } from 'react';
import { addEvidence, deleteEvidence } from '../api/artifacts';
import { ApiError, errorMessage } from '../api/client';
import type { Evidence } from '../api/types';
import { displayUrl, isHttpUrl } from '../lib/url';
import { useConfirm } from './confirm-provider';
import { EvidenceEditRow, EvidenceRow } from './evidence-item';
import { Field } from './field';
import { LinkIcon, PlusIcon } from './icons';
import { useToast } from './toast-provider';

export interface DraftEvidence {
  key: string;
  url: string;
  title: string;
}

interface EvidenceEditorProps {
  /** Null while the artifact is new: links are then kept locally and sent with the create request. */
  artifactId: string | null;
  drafts: DraftEvidence[];
  onDraftsChange: (next: DraftEvidence[]) => void;
  items: Evidence[];
  onItemsChange: (next: Evidence[]) => void;
  /** Create-time errors by path, e.g. `evidence.0.url`. */
  errors?: Record<string, string>;
}

let draftCounter = 0;

export function EvidenceEditor({
  artifactId,
  drafts,
  onDraftsChange,
  items,
  onItemsChange,
  errors = {},
}: EvidenceEditorProps) {
  const confirm = useConfirm();
  const notify = useToast();
  const urlRef = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [addError, setAddError] = useState<{ url?: string; title?: string }>({});
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);

  const add = async () => {
    const trimmed = url.trim();
    if (!trimmed) {
      setAddError({ url: 'Paste the link to a repository, pull request, live site, DOI or article.' });
      urlRef.current?.focus();
      return;
    }
    if (!isHttpUrl(trimmed)) {
      setAddError({ url: 'Enter a full web address starting with https:// or http://.' });
      urlRef.current?.focus();
      return;
    }
    const known = artifactId ? items.map((item) => item.url) : drafts.map((draft) => draft.url);
    if (known.includes(trimmed)) {
      setAddError({ url: 'This link is already on this artifact.' });
      urlRef.current?.focus();
      return;
    }
    setAddError({});
    if (!artifactId) {
      draftCounter += 1;
      onDraftsChange([...drafts, { key: `draft-${draftCounter}`, url: trimmed, title: title.trim() }]);
      setUrl('');
      setTitle('');
      urlRef.current?.focus();
      return;
    }
    setAdding(true);
    try {
      const created = await addEvidence(artifactId, {
        url: trimmed,
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      onItemsChange([...items, created]);
      setUrl('');
      setTitle('');
      notify('Evidence added. Dossier will check the link shortly.', 'success');
      urlRef.current?.focus();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      setAddError({
        url: fields.url ?? (fields.title ? undefined : errorMessage(error)),
        ...(fields.title ? { title: fields.title } : {}),
      });
      urlRef.current?.focus();
    } finally {
      setAdding(false);
    }
  };

  const removeSaved = async (evidence: Evidence) => {
    if (!artifactId) return;
    const ok = await confirm({
      title: 'Delete this evidence link?',
      message: (
        <p>
          <strong>{evidence.title || displayUrl(evidence.url)}</strong> will be removed from this artifact and
          its check history deleted.
        </p>
      ),
      confirmLabel: 'Delete evidence',
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteEvidence(artifactId, evidence.id);
      onItemsChange(items.filter((item) => item.id !== evidence.id));
      notify('Evidence deleted.', 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  const removeDraft = async (draft: DraftEvidence) => {
    const ok = await confirm({
      title: 'Remove this evidence link?',
      message: <p>{draft.title || displayUrl(draft.url)} has not been saved yet.</p>,
      confirmLabel: 'Remove evidence',
      danger: true,
    });
    if (ok) onDraftsChange(drafts.filter((item) => item.key !== draft.key));
  };

  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the link instead of submitting the surrounding artifact form.
    if (event.key === 'Enter') {
      event.preventDefault();
      void add();
    }
  };

  const empty = artifactId ? items.length === 0 : drafts.length === 0;

  return (
    <section className="card form-section" aria-labelledby="evidence-heading">
      <div className="section-head">
        <h2 id="evidence-heading" className="section-title">
          <LinkIcon size={18} /> Evidence
        </h2>
        <p className="section-sub">
          {artifactId
            ? 'Links are saved as soon as you add them and re-checked on a schedule.'
            : 'Links are saved with the artifact, then checked on a schedule.'}
        </p>
      </div>

      {empty ? (
        <p className="muted evidence-empty">
          No evidence yet. Add the repository, pull request, live site or paper that proves this work.
        </p>
      ) : (
        <ul className="evidence-list">
          {artifactId
            ? items.map((evidence) =>
                editingId === evidence.id ? (
                  <EvidenceEditRow
                    key={evidence.id}
                    artifactId={artifactId}
                    evidence={evidence}
                    onCancel={() => setEditingId(null)}
                    onSaved={(updated) => {
                      onItemsChange(items.map((item) => (item.id === updated.id ? updated : item)));
                      setEditingId(null);
                      notify('Evidence updated.', 'success');
                    }}
                  />
                ) : (
                  <EvidenceRow
                    key={evidence.id}
                    url={evidence.url}
                    title={evidence.title}
                    kind={evidence.kind}
                    evidence={evidence}
                    onEdit={() => setEditingId(evidence.id)}
                    onDelete={() => void removeSaved(evidence)}
                    onChange={(updated) =>
                      onItemsChange(items.map((item) => (item.id === updated.id ? updated : item)))
                    }
                  />
                ),
              )
            : drafts.map((draft, index) => (
                <EvidenceRow
                  key={draft.key}
                  url={draft.url}
                  title={draft.title}
                  kind={null}
                  onDelete={() => void removeDraft(draft)}
                  error={errors[`evidence.${index}.url`] ?? errors[`evidence.${index}`]}
                />
              ))}
        </ul>
      )}

      <div className="evidence-add">
        <Field label="Evidence URL" error={addError.url} className="grow">
          {(control) => (
            <input
              {...control}
              ref={urlRef}
              className="input"
              type="url"
              inputMode="url"
              placeholder="https://github.com/you/project"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              onKeyDown={onEnter}
            />
          )}
        </Field>
        <Field label="Link text" error={addError.title} className="grow">
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              placeholder="Optional"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              onKeyDown={onEnter}
            />
          )}
        </Field>
        <button
          type="button"
          className="btn btn-secondary evidence-add-btn"
          onClick={() => void add()}
          disabled={adding}
        >
          <PlusIcon size={14} /> {adding ? 'Adding…' : 'Add evidence'}
        </button>
      </div>
    </section>
  );
}
