import { useEffect, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import { createLabel, deleteLabel, listLabels, updateLabel } from '../api/labels';
import { restoreLabel } from '../api/trash';
import type { Label } from '../api/types';
import { useConfirm } from '../components/confirm-provider';
import { EmptyState } from '../components/empty-state';
import { TagIcon } from '../components/icons';
import { Swatch } from '../components/label-chip';
import { LabelForm } from '../components/label-form';
import { PageLoading } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useDocumentTitle } from '../hooks/use-document-title';
import { DEFAULT_LABEL_COLOUR, LABEL_PALETTE, labelColour } from '../lib/colour';
import { plural } from '../lib/format';
import { Link } from '../router';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

const byName = (a: Label, b: Label) => a.name.localeCompare(b.name);

export function LabelsPage() {
  useDocumentTitle('Labels');
  const confirm = useConfirm();
  const notify = useToast();
  const [labels, setLabels] = useState<Label[]>([]);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [editingId, setEditingId] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    listLabels(controller.signal)
      .then((items) => {
        setLabels([...items].sort(byName));
        setState({ status: 'ready' });
      })
      .catch((error) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [reload]);

  // Suggest a colour not used yet so new labels are told apart at a glance.
  const used = new Set(labels.map((label) => labelColour(label.colour)));
  const nextColour = LABEL_PALETTE.find((hex) => !used.has(hex)) ?? DEFAULT_LABEL_COLOUR;

  const remove = async (label: Label) => {
    const ok = await confirm({
      title: `Delete the label “${label.name}”?`,
      message: (
        <p>
          {label.artifactCount > 0
            ? `It will be removed from ${plural(label.artifactCount, 'artifact')}. The artifacts themselves are kept, and restoring the label from the trash puts it back on them.`
            : 'No artifacts use it. It moves to the trash, where you can restore it.'}
        </p>
      ),
      confirmLabel: 'Delete label',
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteLabel(label.id);
      setLabels((list) => list.filter((item) => item.id !== label.id));
      notify(`Moved the label “${label.name}” to the trash.`, 'success', {
        action: {
          label: 'Undo',
          run: () => {
            restoreLabel(label.id)
              .then((restored) => {
                setLabels((list) =>
                  [...list.filter((item) => item.id !== restored.id), restored].sort(byName),
                );
                notify(`Restored the label “${restored.name}”.`, 'success');
              })
              .catch((error) => notify(errorMessage(error), 'error'));
          },
        },
      });
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Labels
          </h1>
          <p className="page-sub">
            Group artifacts by the roles you apply for, like “Backend” or “ML platform”.
          </p>
        </div>
      </div>

      <div className="two-col">
        <section className="card form-section" aria-labelledby="new-label-heading">
          <h2 id="new-label-heading" className="section-title">
            New label
          </h2>
          <LabelForm
            initial={{ name: '', description: '', colour: nextColour }}
            submitLabel="Create label"
            busyLabel="Creating…"
            resetOnSuccess
            onSubmit={async (input) => {
              const created = await createLabel(input);
              setLabels((list) =>
                [...list, { ...created, artifactCount: created.artifactCount ?? 0 }].sort(byName),
              );
              notify(`Created the label “${created.name}”.`, 'success');
            }}
          />
        </section>

        <section aria-labelledby="labels-heading">
          <h2 id="labels-heading" className="sr-only">
            Your labels
          </h2>
          {state.status === 'loading' && <PageLoading label="Loading labels…" />}
          {state.status === 'error' && (
            <div className="card error-card" role="alert">
              <p>Could not load your labels. {state.message}</p>
              <button type="button" className="btn btn-secondary" onClick={() => setReload((n) => n + 1)}>
                Try again
              </button>
            </div>
          )}
          {state.status === 'ready' && labels.length === 0 && (
            <EmptyState icon={<TagIcon size={30} />} title="No labels yet">
              <p>
                Create your first label with the form. You can attach labels to artifacts in the artifact
                editor.
              </p>
            </EmptyState>
          )}
          {state.status === 'ready' && labels.length > 0 && (
            <ul className="label-list">
              {labels.map((label) =>
                editingId === label.id ? (
                  <li key={label.id} className="card label-row label-row-editing">
                    <h3 className="sr-only">Edit {label.name}</h3>
                    <LabelForm
                      compact
                      initial={{
                        name: label.name,
                        description: label.description ?? '',
                        colour: labelColour(label.colour),
                      }}
                      submitLabel="Save label"
                      busyLabel="Saving…"
                      onCancel={() => setEditingId(null)}
                      onSubmit={async (input) => {
                        const updated = await updateLabel(label.id, input);
                        setLabels((list) =>
                          list
                            .map((item) =>
                              item.id === label.id
                                ? {
                                    ...item,
                                    ...updated,
                                    artifactCount: updated?.artifactCount ?? item.artifactCount,
                                  }
                                : item,
                            )
                            .sort(byName),
                        );
                        setEditingId(null);
                        notify(`Saved the label “${input.name}”.`, 'success');
                      }}
                    />
                  </li>
                ) : (
                  <li key={label.id} className="card label-row">
                    <Swatch colour={label.colour} size="lg" />
                    <div className="label-row-body">
                      <h3 className="label-row-name">{label.name}</h3>
                      {label.description ? (
                        <p className="label-row-desc">{label.description}</p>
                      ) : (
                        <p className="label-row-desc muted">No description</p>
                      )}
                      <p className="label-row-count">
                        {label.artifactCount > 0 ? (
                          <Link to={`/?label=${encodeURIComponent(label.id)}`}>
                            {plural(label.artifactCount, 'artifact')}
                          </Link>
                        ) : (
                          <span className="muted">No artifacts yet</span>
                        )}
                      </p>
                    </div>
                    <div className="label-row-actions">
                      <button
                        type="button"
                        className="btn btn-secondary btn-sm"
                        onClick={() => setEditingId(label.id)}
                        aria-label={`Edit label ${label.name}`}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm btn-danger-text"
                        onClick={() => void remove(label)}
                        aria-label={`Delete label ${label.name}`}
                      >
                        Delete
                      </button>
                    </div>
                  </li>
                ),
              )}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
