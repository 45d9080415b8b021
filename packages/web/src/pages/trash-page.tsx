import { useEffect, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import { emptyTrash, listTrash, purgeArtifact, restoreArtifact } from '../api/trash';
import type { TrashedArtifact } from '../api/types';
import { useConfirm } from '../components/confirm-provider';
import { EmptyState } from '../components/empty-state';
import { ArrowLeftIcon, TrashIcon } from '../components/icons';
import { LabelChip } from '../components/label-chip';
import { PageLoading } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useDocumentTitle } from '../hooks/use-document-title';
import { daysUntil, formatDateRange, formatDateTime, formatRelative, plural } from '../lib/format';
import { Link } from '../router';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

function purgeNote(item: TrashedArtifact): string {
  const days = daysUntil(item.purgeAfter) ?? 0;
  return days <= 0 ? 'Deleted for good today' : `Deleted for good in ${plural(days, 'day')}`;
}

/** Deleted artifacts, restorable until the retention run deletes them for good. */
export function TrashPage() {
  useDocumentTitle('Trash');
  const confirm = useConfirm();
  const notify = useToast();
  const [items, setItems] = useState<TrashedArtifact[]>([]);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [busyId, setBusyId] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    listTrash(controller.signal)
      .then((list) => {
        setItems(list);
        setState({ status: 'ready' });
      })
      .catch((error) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [reload]);

  const drop = (id: string) => setItems((list) => list.filter((item) => item.id !== id));

  const restore = async (item: TrashedArtifact) => {
    setBusyId(item.id);
    try {
      const artifact = await restoreArtifact(item.id);
      drop(item.id);
      notify(`Restored “${artifact.title}”.`, 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
      setReload((n) => n + 1);
    } finally {
      setBusyId(null);
    }
  };

  const purge = async (item: TrashedArtifact) => {
    const ok = await confirm({
      title: `Delete “${item.title}” for good?`,
      message: <p>It and its evidence links cannot be restored afterwards.</p>,
      confirmLabel: 'Delete for good',
      danger: true,
    });
    if (!ok) return;
    setBusyId(item.id);
    try {
      await purgeArtifact(item.id);
      drop(item.id);
      notify(`Deleted “${item.title}” for good.`, 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
      setReload((n) => n + 1);
    } finally {
      setBusyId(null);
    }
  };

  const empty = async () => {
    const ok = await confirm({
      title: 'Empty the trash?',
      message: <p>{plural(items.length, 'artifact')} and their evidence links will be deleted for good.</p>,
      confirmLabel: 'Empty trash',
      danger: true,
    });
    if (!ok) return;
    setBusyId('*');
    try {
      const purged = await emptyTrash();
      setItems([]);
      notify(`Deleted ${plural(purged, 'artifact')} for good.`, 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
      setReload((n) => n + 1);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Trash
          </h1>
          <p className="page-sub">
            Deleted artifacts stay here for a while with their evidence links and labels. Restoring one brings
            it back as it was, and the CVs that cite it find it again.
          </p>
        </div>
        <div className="page-actions">
          <Link to="/" className="btn btn-secondary">
            <ArrowLeftIcon size={16} /> Portfolio
          </Link>
          {state.status === 'ready' && items.length > 0 && (
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
      {state.status === 'ready' && items.length === 0 && (
        <EmptyState icon={<TrashIcon size={30} />} title="The trash is empty">
          <p>
            Artifacts you delete appear here and can be restored. Back to your <Link to="/">portfolio</Link>.
          </p>
        </EmptyState>
      )}
      {state.status === 'ready' && items.length > 0 && (
        <ul className="label-list" aria-label="Deleted artifacts">
          {items.map((item) => (
            <li key={item.id} className="card trash-row">
              <div className="label-row-body">
                <h2 className="label-row-name">{item.title}</h2>
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
                  onClick={() => void restore(item)}
                  disabled={busyId !== null}
                  aria-label={`Restore ${item.title}`}
                >
                  Restore
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm btn-danger-text"
                  onClick={() => void purge(item)}
                  disabled={busyId !== null}
                  aria-label={`Delete for good: ${item.title}`}
                >
                  Delete for good
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
