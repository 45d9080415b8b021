import { useEffect, useState } from 'react';
import { ApiError, errorMessage, isAbortError } from '../api/api-error';
import { getArtifact } from '../api/artifacts';
import { listLabels } from '../api/labels';
import { listTrash, restoreArtifact } from '../api/trash';
import type { Artifact, Label, TrashedArtifact } from '../api/types';
import { ArtifactForm } from '../components/artifact-form';
import { EmptyState } from '../components/empty-state';
import { ArrowLeftIcon } from '../components/icons';
import { PageLoading } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useDocumentTitle } from '../hooks/use-document-title';
import { formatRelative } from '../lib/format';
import { Link, useNavigate } from '../router';

// A freshly created artifact is handed to its edit page directly instead of being fetched again.
const seeded = new Map<string, Artifact>();

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; artifact: Artifact | null }
  | { status: 'error'; message: string; notFound: boolean; trashed?: TrashedArtifact };

export function ArtifactEditorPage({ id }: { id: string | null }) {
  const navigate = useNavigate();
  const notify = useToast();
  const [labels, setLabels] = useState<Label[]>([]);
  const [state, setState] = useState<LoadState>(() => {
    if (!id) return { status: 'ready', artifact: null };
    const seed = seeded.get(id);
    return seed ? { status: 'ready', artifact: seed } : { status: 'loading' };
  });

  const title =
    state.status === 'ready' ? (state.artifact ? state.artifact.title : 'New artifact') : 'Artifact';
  useDocumentTitle(id ? `Edit ${title}` : 'New artifact');

  useEffect(() => {
    const controller = new AbortController();
    listLabels(controller.signal)
      .then(setLabels)
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (!id) {
      setState({ status: 'ready', artifact: null });
      return;
    }
    const seed = seeded.get(id);
    if (seed) {
      seeded.delete(id);
      setState({ status: 'ready', artifact: seed });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    getArtifact(id, controller.signal)
      .then((artifact) => setState({ status: 'ready', artifact }))
      .catch(async (error) => {
        if (isAbortError(error)) return;
        const notFound = error instanceof ApiError && error.status === 404;
        // A link to an artifact that was deleted: say it is in the trash and offer it back.
        const trashed = notFound
          ? (await listTrash(controller.signal).catch(() => ({ items: [] }))).items.find(
              (item) => item.id === id,
            )
          : undefined;
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          message: errorMessage(error),
          notFound,
          ...(trashed ? { trashed } : {}),
        });
      });
    return () => controller.abort();
  }, [id]);

  const restore = async (item: TrashedArtifact) => {
    try {
      const artifact = await restoreArtifact(item.id);
      notify(`Restored “${artifact.title}”.`, 'success');
      setState({ status: 'ready', artifact });
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  const onSaved = (artifact: Artifact, created: boolean) => {
    if (created) {
      seeded.set(artifact.id, artifact);
      navigate(`/artifacts/${encodeURIComponent(artifact.id)}`, { replace: true });
    } else {
      setState({ status: 'ready', artifact });
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <Link to="/" className="back-link">
            <ArrowLeftIcon size={14} /> Portfolio
          </Link>
          <h1 className="page-title" tabIndex={-1}>
            {id
              ? state.status === 'ready' && state.artifact
                ? state.artifact.title
                : 'Edit artifact'
              : 'New artifact'}
          </h1>
          {!id && (
            <p className="page-sub">
              Describe the work, then link the evidence that proves it. Fields marked * are required.
            </p>
          )}
        </div>
      </div>

      {state.status === 'loading' && <PageLoading label="Loading artifact…" />}
      {state.status === 'error' && state.trashed && (
        <EmptyState
          title="This artifact is in the trash"
          action={
            <button type="button" className="btn btn-primary" onClick={() => void restore(state.trashed!)}>
              Restore it
            </button>
          }
        >
          <p>
            “{state.trashed.title}” was deleted {formatRelative(state.trashed.deletedAt)}. Restore it to edit
            it again, or see everything deleted in the <Link to="/trash">trash</Link>.
          </p>
        </EmptyState>
      )}
      {state.status === 'error' && !state.trashed && (
        <EmptyState
          title={state.notFound ? 'Artifact not found' : 'Could not load this artifact'}
          action={
            <Link to="/" className="btn btn-secondary">
              Back to portfolio
            </Link>
          }
        >
          <p>{state.notFound ? 'It may have been deleted, or the link is wrong.' : state.message}</p>
        </EmptyState>
      )}
      {state.status === 'ready' && (
        <ArtifactForm
          key={state.artifact?.id ?? 'new'}
          artifact={state.artifact}
          labels={labels}
          onSaved={onSaved}
        />
      )}
    </>
  );
}
