import { type ReactNode, useEffect, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import {
  emptyTrash,
  listTrash,
  purgeArtifact,
  purgeDocument,
  purgeLabel,
  restoreArtifact,
  restoreDocument,
  restoreLabel,
  type Trash,
} from '../api/trash';
import type { TrashedArtifact, TrashedDocument, TrashedLabel } from '../api/types';
import { useConfirm } from '../components/confirm-provider';
import { EmptyState } from '../components/empty-state';
import { ArrowLeftIcon, TrashIcon } from '../components/icons';
import { LabelChip } from '../components/label-chip';
import { PageLoading } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useDocumentTitle } from '../hooks/use-document-title';
import { daysUntil, formatDateRange, formatDateTime, formatRelative, plural } from '../lib/format';
import { KIND_LABELS } from '../lib/generation';
import { Link } from '../router';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

function purgeNote(item: { purgeAfter: string }): string {
  const days = daysUntil(item.purgeAfter) ?? 0;
  return days <= 0 ? 'Deleted for good today' : `Deleted for good in ${plural(days, 'day')}`;
}

const EMPTY: Trash = { items: [], documents: [], labels: [] };

const PURGE_NOTE = {
  artifact: 'It and its evidence links cannot be restored afterwards.',
  document: 'It and every version of it cannot be restored afterwards.',
  label: 'It cannot be restored afterwards; the artifacts that carried it are kept.',
};
const PURGE = { artifact: purgeArtifact, document: purgeDocument, label: purgeLabel };

/** Deleted artifacts, documents and labels, restorable until the retention run deletes them for good. */
export function TrashPage() {
  useDocumentTitle('Trash');
  const confirm = useConfirm();
  const notify = useToast();
  const [trash, setTrash] = useState<Trash>(EMPTY);
  const { items, documents, labels } = trash;
  const total = items.length + documents.length + labels.length;
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [busyId, setBusyId] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    listTrash(controller.signal)
      .then((answer) => {
        setTrash(answer);
        setState({ status: 'ready' });
      })
      .catch((error) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [reload]);

  const drop = (id: string) =>
    setTrash((t) => ({
      items: t.items.filter((item) => item.id !== id),
      documents: t.documents.filter((doc) => doc.id !== id),
      labels: t.labels.filter((label) => label.id !== id),
    }));

  /** Runs one row's action with the row busy; a failure says why and reads the trash again. */
  const act = async (id: string, work: () => Promise<void>) => {
    setBusyId(id);
    try {
      await work();
    } catch (error) {
      notify(errorMessage(error), 'error');
      setReload((n) => n + 1);
    } finally {
      setBusyId(null);
    }
  };

  const restore = (item: TrashedArtifact) =>
    act(item.id, async () => {
      const artifact = await restoreArtifact(item.id);
      drop(item.id);
      notify(`Restored “${artifact.title}”.`, 'success');
    });

  const restoreDoc = (doc: TrashedDocument) =>
    act(doc.id, async () => {
      const restored = await restoreDocument(doc.id);
      drop(doc.id);
      notify(`Restored “${restored.title}”.`, 'success');
    });

  const restoreLab = (label: TrashedLabel) =>
    act(label.id, async () => {
      const restored = await restoreLabel(label.id);
      drop(label.id);
      notify(
        `Restored the label “${restored.name}” on ${plural(restored.artifactCount, 'artifact')}.`,
        'success',
      );
    });

  const purge = async (item: { id: string; title: string }, kind: 'artifact' | 'document' | 'label') => {
    const ok = await confirm({
      title: `Delete “${item.title}” for good?`,
      message: <p>{PURGE_NOTE[kind]}</p>,
      confirmLabel: 'Delete for good',
      danger: true,
    });
    if (!ok) return;
    await act(item.id, async () => {
      await PURGE[kind](item.id);
      drop(item.id);
      notify(`Deleted “${item.title}” for good.`, 'success');
    });
  };

  const empty = async () => {
    const ok = await confirm({
      title: 'Empty the trash?',
      message: (
        <p>{plural(total, 'item')} will be deleted for good, with their evidence links and versions.</p>
      ),
      confirmLabel: 'Empty trash',
      danger: true,
    });
    if (!ok) return;
    await act('*', async () => {
      const purged = await emptyTrash();
      setTrash(EMPTY);
      notify(`Deleted ${plural(purged, 'item')} for good.`, 'success');
    });
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Trash
          </h1>
          <p className="page-sub">
            Deleted artifacts, documents and labels stay here for a while. Restoring an artifact brings back
            its evidence links and labels, and the CVs that cite it find it again; a document comes back with
            every version, and a label goes back on its artifacts.
          </p>
        </div>
        <div className="page-actions">
          <Link to="/" className="btn btn-secondary">
            <ArrowLeftIcon size={16} /> Portfolio
          </Link>
          {state.status === 'ready' && total > 0 && (
            <button
              type="button"
              className="btn btn-secondary btn-danger-text"
              onClick={() => void empty()}
              disabled={busyId !== null}
            >
              <TrashIcon size={16} /> Empty trash
            </button>
          )}
        </div>
      </div>

      {state.status === 'loading' && <PageLoading label="Loading the trash…" />}
      {state.status === 'error' && (
        <div className="card error-card" role="alert">
          <p>Could not load the trash. {state.message}</p>
          <button type="button" className="btn btn-secondary" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {state.status === 'ready' && total === 0 && (
        <EmptyState icon={<TrashIcon size={30} />} title="The trash is empty">
          <p>
            Artifacts, documents and labels you delete appear here and can be restored. Back to your{' '}
            <Link to="/">portfolio</Link>.
          </p>
        </EmptyState>
      )}
      {state.status === 'ready' && items.length > 0 && (
        <TrashList heading="Artifacts" label="Deleted artifacts">
          {items.map((item) => (
            <TrashRow
              key={item.id}
              item={item}
              busy={busyId !== null}
              onRestore={() => void restore(item)}
              onPurge={() => void purge(item, 'artifact')}
            >
              <p className="label-row-desc">
                {[item.role, formatDateRange(item.startDate, item.endDate)].filter(Boolean).join(' · ')}
              </p>
              <p className="label-row-desc">
                {plural(item.evidence.length, 'evidence link')}
                {item.technologies.length > 0 && ` · ${item.technologies.join(', ')}`}
              </p>
              {item.labels.length > 0 && (
                <p className="badge-row">
                  {item.labels.map((label) => (
                    <LabelChip key={label.id} label={label} />
                  ))}
                </p>
              )}
            </TrashRow>
          ))}
        </TrashList>
      )}
      {state.status === 'ready' && documents.length > 0 && (
        <TrashList heading="Documents" label="Deleted documents">
          {documents.map((doc) => (
            <TrashRow
              key={doc.id}
              item={doc}
              busy={busyId !== null}
              onRestore={() => void restoreDoc(doc)}
              onPurge={() => void purge(doc, 'document')}
            >
              <p className="label-row-desc">
                {KIND_LABELS[doc.kind]} · {plural(doc.versions, 'version')}
                {doc.atsScore !== null && ` · ATS ${doc.atsScore}`}
              </p>
            </TrashRow>
          ))}
        </TrashList>
      )}
      {state.status === 'ready' && labels.length > 0 && (
        <TrashList heading="Labels" label="Deleted labels">
          {labels.map((label) => (
            <TrashRow
              key={label.id}
              item={{ ...label, title: label.name }}
              busy={busyId !== null}
              onRestore={() => void restoreLab(label)}
              onPurge={() => void purge({ id: label.id, title: label.name }, 'label')}
            >
              <p className="badge-row">
                <LabelChip label={label} />
              </p>
              <p className="label-row-desc">
                Was on {plural(label.artifactCount, 'artifact')}
                {label.description ? ` · ${label.description}` : ''}
              </p>
            </TrashRow>
          ))}
        </TrashList>
      )}
    </>
  );
}

function TrashList({ heading, label, children }: { heading: string; label: string; children: ReactNode }) {
  return (
    <>
      <h2 className="section-title trash-heading">{heading}</h2>
      <ul className="label-list" aria-label={label}>
        {children}
      </ul>
    </>
  );
}

/** One deleted item: its title, what it was (children), when it was deleted and goes for good, and its actions. */
function TrashRow({
  item,
  busy,
  onRestore,
  onPurge,
  children,
}: {
  item: { title: string; deletedAt: string; purgeAfter: string };
  busy: boolean;
  onRestore: () => void;
  onPurge: () => void;
  children: ReactNode;
}) {
  return (
    <li className="card trash-row">
      <div className="label-row-body">
        <h3 className="label-row-name">{item.title}</h3>
        {children}
        <p className="label-row-count muted">
          Deleted{' '}
          <time dateTime={item.deletedAt} title={formatDateTime(item.deletedAt)}>
            {formatRelative(item.deletedAt)}
          </time>{' '}
          · {purgeNote(item)}
        </p>
      </div>
      <div className="label-row-actions">
        <button
          type="button"
          className="btn btn-primary btn-sm"
          onClick={onRestore}
          disabled={busy}
          aria-label={`Restore ${item.title}`}
        >
          Restore
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-danger-text"
          onClick={onPurge}
          disabled={busy}
          aria-label={`Delete for good: ${item.title}`}
        >
          Delete for good
        </button>
      </div>
    </li>
  );
}
