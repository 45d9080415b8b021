import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { FieldIssue } from '../api/api-error';
import { editConflictCurrent } from '../api/api-error';
import { createArtifact, deleteArtifact, getArtifact, updateArtifact } from '../api/artifacts';
import { ApiError, errorMessage } from '../api/client';
import { restoreArtifact } from '../api/trash';
import type { Artifact, Evidence, Label } from '../api/types';
import { useDraftBackup } from '../hooks/use-draft-backup';
import {
  type ArtifactDraft,
  DRAFT_FIELDS,
  emptyDraft,
  toCreateInput,
  toDraft,
  toPatch,
  validateDraft,
} from '../lib/artifact-draft';
import { formatDateTime } from '../lib/format';
import { useNavigate } from '../router';
import { useConfirm } from './confirm-provider';
import { DraftFound } from './draft-found';
import { EditConflict } from './edit-conflict';
import { type DraftEvidence, EvidenceEditor } from './evidence-editor';
import { Field } from './field';
import { FormError } from './form-error';
import { LabelToggleGroup } from './label-toggle-group';
import { ListEditor } from './list-editor';
import { TechnologyInput } from './technology-input';
import { useToast } from './toast-provider';

interface ArtifactFormProps {
  artifact: Artifact | null;
  labels: Label[];
  onSaved: (artifact: Artifact, created: boolean) => void;
}

/** `outcomes.2` → { 2: message } for the list editors. */
function indexed(errors: Record<string, string>, field: string): Record<number, string> {
  const result: Record<number, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = new RegExp(`^${field}\\.(\\d+)`).exec(path);
    if (match) result[Number(match[1])] = message;
  }
  return result;
}

function firstUnder(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((path) => path.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

export function ArtifactForm({ artifact, labels, onSaved }: ArtifactFormProps) {
  const navigate = useNavigate();
  const confirm = useConfirm();
  const notify = useToast();
  const initial = useMemo(() => (artifact ? toDraft(artifact) : emptyDraft()), [artifact]);
  const [draft, setDraft] = useState<ArtifactDraft>(initial);
  const [evidenceDrafts, setEvidenceDrafts] = useState<DraftEvidence[]>([]);
  const [evidence, setEvidence] = useState<Evidence[]>(artifact?.evidence ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [otherIssues, setOtherIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  /** The artifact's revision when a save was refused because it changed elsewhere after this form loaded it. */
  const [conflict, setConflict] = useState<number | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const focusInvalid = useRef(false);

  // A save hands back the stored artifact: adopt it as the new baseline without remounting (keeps focus).
  const [baseline, setBaseline] = useState(artifact);
  if (artifact !== baseline) {
    setBaseline(artifact);
    setDraft(initial);
    setEvidence(artifact?.evidence ?? []);
  }

  const dirty = JSON.stringify(draft) !== JSON.stringify(initial) || evidenceDrafts.length > 0;

  // Unsaved edits are kept in this browser as they are typed, and offered back on the next visit.
  const backupValue = useMemo(() => ({ draft, evidenceDrafts }), [draft, evidenceDrafts]);
  const backup = useDraftBackup({
    name: `artifact.${artifact?.id ?? 'new'}`,
    value: backupValue,
    dirty,
    base: artifact?.revision ?? null,
  });
  /** The revision a restored edit was made from: its save is conditional on that one, not on today's. */
  const restoredBase = useRef<number | null>(null);
  const found =
    backup.found &&
    (JSON.stringify(backup.found.value.draft) !== JSON.stringify(initial) ||
      (backup.found.value.evidenceDrafts ?? []).length > 0)
      ? backup.found
      : null;
  // A kept copy that holds nothing new (the same as what is stored now) is simply dropped.
  const keptNothingNew = backup.found !== null && found === null;
  const dropKept = backup.clear;
  useEffect(() => {
    if (keptNothingNew) dropKept();
  }, [keptNothingNew, dropKept]);

  const restoreBackup = () => {
    const kept = backup.restore();
    if (!kept) return;
    setDraft({ ...emptyDraft(), ...kept.value.draft });
    setEvidenceDrafts(kept.value.evidenceDrafts ?? []);
    restoredBase.current = kept.base;
  };

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    const invalid = document.querySelector<HTMLElement>('.artifact-form [aria-invalid="true"]');
    (invalid ?? errorRef.current)?.focus();
  });

  const set = <K extends keyof ArtifactDraft>(key: K, value: ArtifactDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _removed, ...rest }) => rest);
  };

  const showErrors = (fieldErrors: Record<string, string>, message: string, issues: FieldIssue[] = []) => {
    setErrors(fieldErrors);
    setFormError(message);
    setOtherIssues(issues);
    focusInvalid.current = true;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  /**
   * `baseRevision`: the revision the edit is based on: the one this form loaded (or a restored edit was made
   * from) unless the user chose to keep theirs over a newer one.
   */
  const save = async (baseRevision = restoredBase.current ?? artifact?.revision) => {
    const local = validateDraft(draft);
    if (Object.keys(local).length) {
      showErrors(local, 'Some fields need attention before this artifact can be saved.');
      return;
    }
    setSaving(true);
    setErrors({});
    setFormError(null);
    setOtherIssues([]);
    setConflict(null);
    try {
      if (artifact) {
        const updated =
          (await updateArtifact(artifact.id, { ...toPatch(draft), baseRevision })) ??
          (await getArtifact(artifact.id));
        backup.clear();
        restoredBase.current = null;
        notify('Artifact saved.', 'success');
        onSaved({ ...updated, evidence: updated.evidence ?? evidence }, false);
      } else {
        const created = await createArtifact(toCreateInput(draft, evidenceDrafts));
        backup.clear();
        setEvidenceDrafts([]);
        notify('Artifact created. Its evidence links will be checked shortly.', 'success');
        onSaved(created, true);
      }
    } catch (error) {
      const current = editConflictCurrent(error);
      if (current !== null) {
        setConflict(current);
        requestAnimationFrame(() => conflictRef.current?.focus());
        return;
      }
      if (error instanceof ApiError && error.issues.length) {
        const fieldErrors = error.fieldErrors();
        const unmatched = error.issues.filter(
          (issue) =>
            !DRAFT_FIELDS.some((field) => issue.path === field || issue.path.startsWith(`${field}.`)),
        );
        showErrors(
          fieldErrors,
          error.code === 'VALIDATION_FAILED'
            ? 'Some fields need attention before this artifact can be saved.'
            : error.message,
          unmatched,
        );
      } else if (error instanceof ApiError && error.code === 'INVALID_URL') {
        showErrors({ evidence: error.message }, error.message);
      } else {
        showErrors({}, errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  /** Drops this form's edits for the artifact as it is now. */
  const loadLatest = async () => {
    if (!artifact) return;
    setSaving(true);
    try {
      const latest = await getArtifact(artifact.id);
      setConflict(null);
      backup.clear();
      restoredBase.current = null;
      onSaved(latest, false);
      notify('Showing the latest saved version of this artifact.', 'info');
    } catch (error) {
      showErrors({}, errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!artifact) return;
    const ok = await confirm({
      title: 'Delete this artifact?',
      message: (
        <p>
          <strong>{artifact.title}</strong> and its evidence links move to the trash, where you can restore
          them until they are deleted for good. CVs already generated keep their text.
        </p>
      ),
      confirmLabel: 'Delete artifact',
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteArtifact(artifact.id);
      backup.clear();
      const { id, title } = artifact;
      notify(`Moved “${title}” to the trash.`, 'success', {
        action: {
          label: 'Undo',
          run: () => {
            restoreArtifact(id)
              .then(() => {
                notify(`Restored “${title}”.`, 'success');
                navigate(`/artifacts/${id}`);
              })
              .catch((error) => notify(errorMessage(error), 'error'));
          },
        },
      });
      navigate('/', { replace: true });
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  return (
    <form className="artifact-form editor-layout" onSubmit={submit} noValidate>
      <div className="editor-main">
        <FormError ref={errorRef} message={formError} issues={otherIssues} />
        {found && !dirty && (
          <DraftFound savedAt={found.savedAt} onRestore={restoreBackup} onDiscard={backup.clear}>
            {artifact && found.base !== null && found.base !== artifact.revision
              ? 'The artifact has been changed since; saving them will ask before replacing that change.'
              : null}
          </DraftFound>
        )}
        {conflict !== null && (
          <EditConflict
            ref={conflictRef}
            message="Another tab, device or script saved this artifact after you opened it, so nothing was saved. Your edits are still in the form: save them over the other changes, or drop them and see what was saved."
            keepLabel="Save mine over theirs"
            discardLabel="Discard mine, show theirs"
            busy={saving}
            onKeep={() => void save(conflict)}
            onDiscard={() => void loadLatest()}
          />
        )}

        <section className="card form-section" aria-labelledby="details-heading">
          <h2 id="details-heading" className="section-title">
            Details
          </h2>
          <Field label="Title" required error={errors.title}>
            {(control) => (
              <input
                {...control}
                className="input input-lg"
                type="text"
                value={draft.title}
                placeholder="e.g. Payments API migration"
                onChange={(event) => set('title', event.target.value)}
              />
            )}
          </Field>
          <Field
            label="Role"
            hint="What you did: “Tech lead”, “Sole developer”, “First author”."
            error={errors.role}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="text"
                value={draft.role}
                onChange={(event) => set('role', event.target.value)}
              />
            )}
          </Field>
          <div className="field-row">
            <Field label="Start date" required hint="When the work began." error={errors.startDate}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="date"
                  value={draft.startDate}
                  onChange={(event) => set('startDate', event.target.value)}
                />
              )}
            </Field>
            <Field label="End date" hint="Leave empty if ongoing." error={errors.endDate}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="date"
                  value={draft.endDate}
                  min={draft.startDate || undefined}
                  onChange={(event) => set('endDate', event.target.value)}
                />
              )}
            </Field>
          </div>
          <Field
            label="Summary"
            required
            hint="Two or three sentences: the problem, what you did, the result."
            error={errors.summary}
          >
            {(control) => (
              <textarea
                {...control}
                className="input textarea"
                rows={5}
                value={draft.summary}
                onChange={(event) => set('summary', event.target.value)}
              />
            )}
          </Field>
          <Field
            label="Visibility"
            hint="Public artifacts can appear on shared CV links."
            error={errors.visibility}
          >
            {(control) => (
              <select
                {...control}
                className="input"
                value={draft.visibility}
                onChange={(event) => set('visibility', event.target.value as ArtifactDraft['visibility'])}
              >
                <option value="private">Private</option>
                <option value="public">Public</option>
              </select>
            )}
          </Field>
        </section>

        <section className="card form-section" aria-labelledby="impact-heading">
          <h2 id="impact-heading" className="section-title">
            Skills and impact
          </h2>
          <TechnologyInput
            value={draft.technologies}
            onChange={(next) => set('technologies', next)}
            error={firstUnder(errors, 'technologies')}
          />
          <ListEditor
            legend="Outcomes"
            itemName="outcome"
            hint="Results with numbers work best: “Cut p95 latency by 40%”."
            placeholder="e.g. Cut p95 latency by 40%"
            value={draft.outcomes}
            onChange={(next) => set('outcomes', next)}
            errors={indexed(errors, 'outcomes')}
            error={errors.outcomes}
          />
          <ListEditor
            legend="Collaborators"
            itemName="collaborator"
            placeholder="Name or team"
            value={draft.collaborators}
            onChange={(next) => set('collaborators', next)}
            errors={indexed(errors, 'collaborators')}
            error={errors.collaborators}
          />
        </section>

        <EvidenceEditor
          artifactId={artifact?.id ?? null}
          drafts={evidenceDrafts}
          onDraftsChange={setEvidenceDrafts}
          items={evidence}
          onItemsChange={setEvidence}
          errors={errors}
        />
        {errors.evidence && <p className="field-error">{errors.evidence}</p>}
      </div>

      <aside className="editor-side">
        <section className="card form-section">
          <LabelToggleGroup
            labels={labels}
            selected={draft.labelIds}
            onChange={(next) => set('labelIds', next)}
            error={firstUnder(errors, 'labelIds')}
          />
        </section>
        <div className="card form-section editor-actions">
          <button type="submit" className="btn btn-primary btn-block" disabled={saving}>
            {saving ? 'Saving…' : 'Save artifact'}
          </button>
          <button type="button" className="btn btn-secondary btn-block" onClick={() => navigate('/')}>
            {dirty ? 'Discard changes' : 'Back to portfolio'}
          </button>
          {artifact && (
            <>
              <p className="muted small">
                Created {formatDateTime(artifact.createdAt)}
                <br />
                Last saved {formatDateTime(artifact.updatedAt)}
              </p>
              <button
                type="button"
                className="btn btn-ghost btn-danger-text btn-block"
                onClick={() => void remove()}
              >
                Delete artifact
              </button>
            </>
          )}
          {dirty && (
            <p className="muted small" role="status">
              Unsaved changes
            </p>
          )}
        </div>
      </aside>
    </form>
  );
}
