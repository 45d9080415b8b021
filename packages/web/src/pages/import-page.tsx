import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, isAbortError } from '../api/api-error';
import { commitImport, discardImport, getImport } from '../api/imports';
import { listLabels } from '../api/labels';
import type { ImportJob } from '../api/tailoring-types';
import { trashArtifacts } from '../api/trash';
import type { Label } from '../api/types';
import { useConfirm } from '../components/confirm-provider';
import { CheckIcon } from '../components/icons';
import { ImportReview } from '../components/import-review';
import { ImportSources } from '../components/import-sources';
import { PageLoading, Spinner } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useFeatures } from '../features-context';
import { useDocumentTitle } from '../hooks/use-document-title';
import { plural } from '../lib/format';
import { Link, useLocation, useNavigate } from '../router';

function importError(job: ImportJob): string {
  const error = job.error;
  if (!error) return 'The file could not be read.';
  return typeof error === 'string' ? error : (error.message ?? error.code ?? 'The file could not be read.');
}

export function ImportPage() {
  useDocumentTitle('Import');
  const { features, loaded } = useFeatures();
  const { search } = useLocation();
  const navigate = useNavigate();
  const notify = useToast();
  const confirm = useConfirm();
  const importId = new URLSearchParams(search).get('id');

  const [busy, setBusy] = useState<'commit' | 'discard' | 'undo' | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [labels, setLabels] = useState<Label[]>([]);
  const [committed, setCommitted] = useState<string[] | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    listLabels(controller.signal)
      .then(setLabels)
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  // Poll the import until the parser is done with it; the id lives in the URL so a reload resumes.
  useEffect(() => {
    if (!importId) {
      setJob(null);
      return;
    }
    const controller = new AbortController();
    let timer: number | undefined;
    let polls = 0;
    const poll = async () => {
      try {
        const answer = await getImport(importId, controller.signal);
        setJob(answer);
        setPollError(null);
        if (answer.status === 'queued' || answer.status === 'parsing') {
          polls++;
          timer = window.setTimeout(poll, polls < 10 ? 1000 : 2500);
        }
      } catch (error) {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 404) {
          setPollError('This import no longer exists.');
          return;
        }
        setPollError(`Lost touch with the import: ${errorMessage(error)} Retrying…`);
        timer = window.setTimeout(poll, 4000);
      }
    };
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [importId]);

  useEffect(() => {
    if (job?.status === 'ready' || job?.status === 'failed') resultRef.current?.focus();
  }, [job?.status]);

  const started = (id: string) => {
    setCommitted(null);
    navigate(`/import?id=${encodeURIComponent(id)}`);
  };

  const commit = async (indices: number[], labelIds: string[]) => {
    if (!job) return;
    setBusy('commit');
    try {
      const answer = await commitImport(job.id, {
        artifacts: indices,
        ...(labelIds.length ? { labelIds } : {}),
      });
      const ids = answer?.artifactIds ?? [];
      setCommitted(ids);
      setJob({ ...job, status: 'committed' });
      notify(`Added ${plural(ids.length || indices.length, 'artifact')} to your portfolio.`, 'success');
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (error) {
      notify(`Could not add them: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  // Took the wrong file or the wrong entries: the artifacts just added go to the trash in one request.
  const undoCommit = async () => {
    if (!committed?.length) return;
    const ok = await confirm({
      title: `Take back the ${plural(committed.length, 'artifact')} just added?`,
      message: <p>They move to the trash, where they can still be restored.</p>,
      confirmLabel: 'Move to trash',
      danger: true,
    });
    if (!ok) return;
    setBusy('undo');
    try {
      const moved = await trashArtifacts(committed);
      setCommitted([]);
      notify(`Moved ${plural(moved, 'artifact')} to the trash.`, 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(null);
    }
  };

  const discard = async () => {
    if (!job) return;
    const ok = await confirm({
      title: 'Discard this import?',
      message: <p>Nothing is added to your portfolio.</p>,
      confirmLabel: 'Discard import',
      danger: true,
    });
    if (!ok) return;
    setBusy('discard');
    try {
      await discardImport(job.id);
      notify('Import discarded.', 'info');
      navigate('/import', { replace: true });
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(null);
    }
  };

  const head = (
    <div className="page-head">
      <div>
        <h1 className="page-title" tabIndex={-1}>
          Import
        </h1>
        <p className="page-sub">
          Turn an existing resume into artifacts. You review what Dossier found before anything is added.
        </p>
      </div>
    </div>
  );

  if (!loaded) return <PageLoading />;
  if (!features.artifactUpload) {
    return (
      <>
        {head}
        <div className="notice" role="status">
          Importing resumes is turned off on this server. You can still{' '}
          <Link to="/artifacts/new">add artifacts</Link> by hand.
        </div>
      </>
    );
  }

  const working = job && (job.status === 'queued' || job.status === 'parsing');

  return (
    <>
      {head}

      {importId && job?.status !== 'ready' && (
        <section className="card import-status" aria-labelledby="import-status-heading" aria-live="polite">
          {!job && !pollError && <Spinner label="Loading the import…" />}
          {pollError && <p className="form-error">{pollError}</p>}
          {working && (
            <div className="import-working">
              <span className="spinner" aria-hidden="true" />
              <div>
                <h2 id="import-status-heading" className="section-title">
                  Reading {job.filename ?? 'your resume'}…
                </h2>
                <p className="muted small">
                  {job.status === 'queued'
                    ? 'Waiting for a worker.'
                    : 'Finding projects, roles, dates and links.'}
                </p>
              </div>
            </div>
          )}
          {job?.status === 'failed' && (
            <div className="import-result">
              <h2 id="import-status-heading" ref={resultRef} tabIndex={-1} className="section-title">
                Could not read {job.filename ?? 'the file'}
              </h2>
              <p className="form-error">{importError(job)}</p>
              <button type="button" className="btn btn-secondary" onClick={() => navigate('/import')}>
                Try another file
              </button>
            </div>
          )}
          {job?.status === 'committed' && (
            <div className="import-result import-done">
              <span className="import-done-icon" aria-hidden="true">
                <CheckIcon size={22} />
              </span>
              <div>
                <h2 id="import-status-heading" ref={resultRef} tabIndex={-1} className="section-title">
                  {committed?.length === 0
                    ? 'The imported artifacts are in the trash'
                    : committed
                      ? `Added ${plural(committed.length, 'artifact')}`
                      : 'This import was added'}
                </h2>
                <p className="muted small">
                  {committed?.length === 0 ? (
                    <>
                      Restore them from the <Link to="/trash">trash</Link> if you change your mind.
                    </>
                  ) : (
                    'Add evidence links to them so Dossier can cite them in your CVs.'
                  )}
                </p>
              </div>
              <div className="row-actions">
                <Link to="/" className="btn btn-primary">
                  Open your portfolio
                </Link>
                <button type="button" className="btn btn-secondary" onClick={() => navigate('/import')}>
                  Import another
                </button>
                {committed && committed.length > 0 && (
                  <button
                    type="button"
                    className="btn btn-ghost btn-danger-text"
                    onClick={() => void undoCommit()}
                    disabled={busy !== null}
                  >
                    Undo import
                  </button>
                )}
              </div>
            </div>
          )}
          {job?.status === 'discarded' && (
            <div className="import-result">
              <h2 id="import-status-heading" className="section-title">
                This import was discarded
              </h2>
              <button type="button" className="btn btn-secondary" onClick={() => navigate('/import')}>
                Start a new import
              </button>
            </div>
          )}
        </section>
      )}

      {job?.status === 'ready' && (
        <ImportReview
          headingRef={resultRef}
          job={job}
          labels={labels}
          busy={busy === 'commit' || busy === 'discard'}
          onCommit={(indices, labelIds) => void commit(indices, labelIds)}
          onDiscard={() => void discard()}
        />
      )}

      {!importId && <ImportSources disabled={busy !== null} onStarted={started} />}
    </>
  );
}
