import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, editConflictCurrent, errorMessage, isAbortError } from '../api/api-error';
import { listArtifacts } from '../api/artifacts';
import {
  deleteDocument,
  diffVersions,
  getDocument,
  getVersion,
  listVersions,
  saveDocument,
  updateDocumentContent,
} from '../api/documents';
import type {
  DocumentContent,
  DocumentDetail,
  DocumentDiff,
  DocumentVersion,
  VersionSummary,
} from '../api/tailoring-types';
import { restoreDocument } from '../api/trash';
import { AtsPanel } from '../components/ats-panel';
import { useConfirm } from '../components/confirm-provider';
import { DiffView } from '../components/diff-view';
import { DocumentExports } from '../components/document-exports';
import { DocumentSheet } from '../components/document-sheet';
import { DraftFound } from '../components/draft-found';
import { EditConflict } from '../components/edit-conflict';
import { FormError } from '../components/form-error';
import { ArrowLeftIcon, EditIcon, TrashIcon } from '../components/icons';
import { SharePanel } from '../components/share-panel';
import { PageLoading } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { VersionHistory } from '../components/version-history';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useDraftBackup } from '../hooks/use-draft-backup';
import { cloneContent, type ItemPatch, patchItem, sameContent, tidyContent } from '../lib/document-content';
import { daysUntil, formatDateTime, formatDay } from '../lib/format';
import { KIND_LABELS } from '../lib/generation';
import { loadAll } from '../lib/load-all';
import { Link, useNavigate } from '../router';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string; notFound: boolean }
  | { status: 'ready'; doc: DocumentDetail };

export function DocumentPage({ id }: { id: string }) {
  const navigate = useNavigate();
  const notify = useToast();
  const confirm = useConfirm();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [versionsError, setVersionsError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<DocumentVersion | null>(null);
  const [draft, setDraft] = useState<DocumentContent | null>(null);
  /** The version the draft was made from. */
  const [draftBase, setDraftBase] = useState(0);
  /** The current version when saving was refused because another version was saved after `draftBase`. */
  const [conflict, setConflict] = useState<number | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const [saveError, setSaveError] = useState<ApiError | Error | null>(null);
  const [saving, setSaving] = useState(false);
  const [diff, setDiff] = useState<DocumentDiff | null>(null);
  const [comparing, setComparing] = useState(false);
  const [artifactTitles, setArtifactTitles] = useState<Record<string, string>>({});
  const errorRef = useRef<HTMLDivElement>(null);

  const doc = state.status === 'ready' ? state.doc : null;
  useDocumentTitle(doc?.title ?? 'Document');

  // Unsaved edits are kept in this browser as they are typed (and dropped once saved or discarded), and
  // offered back on the next visit.
  const backup = useDraftBackup({
    name: `document.${id}`,
    value: draft,
    dirty: !!draft && !!doc && !sameContent(draft, doc.version.content),
    base: draft ? draftBase : null,
  });
  // A kept edit that is what the document holds now (saved before the copy was removed) is simply dropped.
  const keptNothingNew =
    !!backup.found?.value && !!doc && sameContent(backup.found.value, doc.version.content);
  const dropKept = backup.clear;
  useEffect(() => {
    if (keptNothingNew) dropKept();
  }, [keptNothingNew, dropKept]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate refetch trigger
  useEffect(() => {
    const controller = new AbortController();
    getDocument(id, controller.signal)
      .then((answer) => setState({ status: 'ready', doc: answer }))
      .catch((error) => {
        if (isAbortError(error)) return;
        setState({
          status: 'error',
          message: errorMessage(error),
          notFound: error instanceof ApiError && error.status === 404,
        });
      });
    listVersions(id, controller.signal)
      .then((answer) => setVersions(answer.items ?? []))
      .catch((error) => {
        if (!isAbortError(error)) setVersionsError(errorMessage(error));
      });
    return () => controller.abort();
  }, [id, reload]);

  // Artifact titles name the sources of items and the artifacts that have a missing keyword.
  useEffect(() => {
    const controller = new AbortController();
    loadAll((cursor) => listArtifacts({ limit: 100, ...(cursor ? { cursor } : {}) }, controller.signal), 3)
      .then(({ items }) => setArtifactTitles(Object.fromEntries(items.map((a) => [a.id, a.title]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  const editing = draft !== null;
  const shown = viewing ?? doc?.version ?? null;
  const content = draft ?? shown?.content ?? null;
  const isOld = !!viewing && !!doc && viewing.number !== doc.currentVersion;

  const refs = useMemo(() => {
    const ids = new Set<string>();
    for (const section of content?.sections ?? []) {
      ids.add(section.id);
      for (const item of section.items) ids.add(item.id);
    }
    return ids;
  }, [content]);

  const flagged = useMemo(() => {
    const ids = new Set<string>();
    for (const result of shown?.atsReport?.results ?? []) {
      for (const finding of result.findings ?? []) {
        if (finding.ref && finding.severity !== 'info') ids.add(finding.ref);
      }
    }
    return ids;
  }, [shown]);

  // Leaving with unsaved edits asks first (reload or closing the tab).
  useEffect(() => {
    if (!editing) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [editing]);

  const changeItem = useCallback((sectionId: string, itemId: string, patch: ItemPatch) => {
    setDraft((current) => (current ? patchItem(current, sectionId, itemId, patch) : current));
  }, []);

  if (state.status === 'loading') return <PageLoading label="Loading the document…" />;
  if (state.status === 'error') {
    return (
      <>
        <Link to="/documents" className="back-link">
          <ArrowLeftIcon size={16} /> Documents
        </Link>
        <h1 className="page-title" tabIndex={-1}>
          {state.notFound ? 'Document not found' : 'Could not load the document'}
        </h1>
        <div className="card error-card" role="alert">
          <p>
            {state.notFound
              ? 'It may have been deleted, or it expired: unsaved documents are removed after 90 days.'
              : state.message}
          </p>
          {!state.notFound && (
            <button type="button" className="btn btn-secondary" onClick={() => setReload((n) => n + 1)}>
              Try again
            </button>
          )}
        </div>
      </>
    );
  }

  const current = state.doc;

  const restoreBackup = () => {
    const kept = backup.restore();
    if (!kept?.value) return;
    setViewing(null);
    setDiff(null);
    setSaveError(null);
    setConflict(null);
    setDraftBase(kept.base ?? current.version.number);
    setDraft(kept.value);
  };

  const startEdit = () => {
    setViewing(null);
    setDiff(null);
    setSaveError(null);
    setConflict(null);
    setDraftBase(current.version.number);
    setDraft(cloneContent(current.version.content));
  };

  const cancelEdit = async () => {
    if (draft && !sameContent(draft, current.version.content)) {
      const ok = await confirm({
        title: 'Discard your edits?',
        message: <p>The document stays as it was.</p>,
        confirmLabel: 'Discard edits',
        danger: true,
      });
      if (!ok) return;
    }
    setDraft(null);
    setSaveError(null);
    setConflict(null);
  };

  /** `baseVersion`: the version the draft was made from, or the newer one the user chose to save over. */
  const saveVersion = async (baseVersion = draftBase) => {
    if (!draft) return;
    if (sameContent(draft, current.version.content)) {
      setDraft(null);
      notify('Nothing changed, so no new version was made.', 'info');
      return;
    }
    setSaving(true);
    setSaveError(null);
    setConflict(null);
    try {
      await updateDocumentContent(current.id, tidyContent(draft), baseVersion);
      const [fresh, list] = await Promise.all([getDocument(current.id), listVersions(current.id)]);
      setState({ status: 'ready', doc: fresh });
      setVersions(list.items ?? []);
      setDraft(null);
      backup.clear();
      notify(`Saved as version ${fresh.currentVersion}. The ATS report was recomputed.`, 'success');
    } catch (error) {
      const newer = editConflictCurrent(error);
      if (newer !== null) {
        setConflict(newer);
        requestAnimationFrame(() => conflictRef.current?.focus());
        return;
      }
      setSaveError(error instanceof Error ? error : new Error(errorMessage(error)));
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setSaving(false);
    }
  };

  /** Drops the draft and shows the version saved elsewhere. */
  const showLatest = async () => {
    setSaving(true);
    try {
      const [fresh, list] = await Promise.all([getDocument(current.id), listVersions(current.id)]);
      setState({ status: 'ready', doc: fresh });
      setVersions(list.items ?? []);
      setDraft(null);
      setConflict(null);
      notify(`Showing version ${fresh.currentVersion}, saved elsewhere. Your edits were discarded.`, 'info');
    } catch (error) {
      setSaveError(error instanceof Error ? error : new Error(errorMessage(error)));
    } finally {
      setSaving(false);
    }
  };

  const keep = async () => {
    try {
      await saveDocument(current.id);
      setState({ status: 'ready', doc: { ...current, saved: true, expiresAt: null } });
      notify('Saved. This document will not expire.', 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  const remove = async () => {
    const ok = await confirm({
      title: `Delete “${current.title}”?`,
      message: (
        <p>
          It moves to the trash with every version and export record, where you can restore it. Its share
          links stop working now and are not restored.
        </p>
      ),
      confirmLabel: 'Delete document',
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteDocument(current.id);
      const { id, title } = current;
      notify(`Moved “${title}” to the trash.`, 'success', {
        action: {
          label: 'Undo',
          run: () => {
            restoreDocument(id)
              .then(() => {
                notify(`Restored “${title}”.`, 'success');
                navigate(`/documents/${id}`);
              })
              .catch((error) => notify(errorMessage(error), 'error'));
          },
        },
      });
      navigate('/documents');
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  const view = async (number: number) => {
    if (number === current.currentVersion) {
      setViewing(null);
      return;
    }
    try {
      setViewing(await getVersion(current.id, number));
    } catch (error) {
      notify(`Could not load version ${number}: ${errorMessage(error)}`, 'error');
    }
  };

  const compare = async (from: number, to: number) => {
    setComparing(true);
    try {
      setDiff(await diffVersions(current.id, from, to));
    } catch (error) {
      notify(`Could not compare: ${errorMessage(error)}`, 'error');
    } finally {
      setComparing(false);
    }
  };

  const expiresIn = daysUntil(current.expiresAt);
  const issues = saveError instanceof ApiError ? saveError.issues : [];

  return (
    <>
      <Link to="/documents" className="back-link">
        <ArrowLeftIcon size={16} /> Documents
      </Link>
      <div className="page-head doc-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            {current.title}
          </h1>
          <p className="doc-meta">
            <span className="pill">{KIND_LABELS[current.kind] ?? current.kind}</span>
            <span>
              Version {current.currentVersion} ·{' '}
              {current.version.author === 'user' ? 'edited by you' : 'generated'}{' '}
              {formatDateTime(current.version.createdAt)}
            </span>
            {current.saved ? (
              <span className="pill pill-saved">Saved</span>
            ) : (
              <span className={`pill ${expiresIn !== null && expiresIn <= 14 ? 'pill-warn' : ''}`}>
                {current.expiresAt ? `Expires ${formatDay(current.expiresAt)}` : 'Unsaved'}
              </span>
            )}
            {current.jobDescriptionId && (
              <Link to={`/tailor?jd=${encodeURIComponent(current.jobDescriptionId)}`}>
                Tailor again for this job
              </Link>
            )}
          </p>
        </div>
        <div className="page-actions">
          {editing ? (
            <>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => void cancelEdit()}
                disabled={saving}
              >
                Discard edits
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => void saveVersion()}
                disabled={saving}
              >
                {saving ? 'Saving…' : 'Save as new version'}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="btn btn-ghost btn-danger-text" onClick={() => void remove()}>
                <TrashIcon size={16} /> Delete
              </button>
              {!current.saved && (
                <button
                  type="button"
                  className="btn btn-secondary"
                  onClick={() => void keep()}
                  title="Saved documents are kept; unsaved ones are deleted after 90 days"
                >
                  Save
                </button>
              )}
              <button type="button" className="btn btn-primary" onClick={startEdit}>
                <EditIcon size={16} /> Edit
              </button>
            </>
          )}
        </div>
      </div>

      {!current.saved && !editing && expiresIn !== null && expiresIn <= 14 && (
        <div className="notice notice-warn" role="status">
          This document is deleted{' '}
          {expiresIn <= 0 ? 'today' : `in ${expiresIn} day${expiresIn === 1 ? '' : 's'}`} unless you save it.
        </div>
      )}

      <FormError
        ref={errorRef}
        message={saveError ? `Could not save the new version. ${errorMessage(saveError)}` : null}
        issues={issues}
      />
      {backup.found?.value && !keptNothingNew && !editing && (
        <DraftFound savedAt={backup.found.savedAt} onRestore={restoreBackup} onDiscard={backup.clear}>
          {backup.found.base !== null && backup.found.base !== current.currentVersion
            ? `They were made from version ${backup.found.base}; version ${current.currentVersion} has been saved since, so saving them will ask first.`
            : null}
        </DraftFound>
      )}
      {conflict !== null && draft && (
        <EditConflict
          ref={conflictRef}
          message={`Version ${conflict} of this document was saved (in another tab or on another device) after you began editing version ${draftBase}, so yours was not saved. Your edits are still here: save them as version ${conflict + 1}, or drop them and see version ${conflict}.`}
          keepLabel="Save mine as a new version"
          discardLabel={`Discard mine, show version ${conflict}`}
          busy={saving}
          onKeep={() => void saveVersion(conflict)}
          onDiscard={() => void showLatest()}
        />
      )}

      <div className="doc-layout">
        <div className="doc-main">
          {diff && <DiffView diff={diff} content={current.version.content} onClose={() => setDiff(null)} />}
          {isOld && viewing && (
            <div className="notice version-banner" role="status">
              <span>
                You are viewing version {viewing.number} (
                {viewing.author === 'user' ? 'edited by you' : 'generated'}{' '}
                {formatDateTime(viewing.createdAt)}). Editing starts from the current version.
              </span>
              <button type="button" className="btn btn-secondary btn-sm" onClick={() => setViewing(null)}>
                Back to current version
              </button>
            </div>
          )}
          {editing && (
            <div className="notice edit-banner" role="status">
              Editing. Change any text or bullet, then save: your edit becomes version{' '}
              {(conflict ?? current.currentVersion) + 1} and the ATS report is recomputed.
            </div>
          )}
          {content && (
            <DocumentSheet
              content={content}
              evidence={current.evidence ?? {}}
              artifactTitles={artifactTitles}
              editing={editing}
              onItemChange={changeItem}
              flagged={flagged}
            />
          )}
        </div>
        <aside className="doc-side" aria-label="Document tools">
          <AtsPanel report={shown?.atsReport ?? null} artifactTitles={artifactTitles} refs={refs} />
          <DocumentExports
            documentId={current.id}
            kind={current.kind}
            title={current.title}
            version={isOld ? viewing?.number : undefined}
          />
          <VersionHistory
            versions={versions}
            error={versionsError}
            current={current.currentVersion}
            viewing={viewing?.number ?? current.currentVersion}
            onView={(n) => void view(n)}
            onCompare={(from, to) => void compare(from, to)}
            comparing={comparing}
          />
          <SharePanel documentId={current.id} version={isOld ? viewing?.number : undefined} />
        </aside>
      </div>
    </>
  );
}
