import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import { listDocuments } from '../api/documents';
import type { DocumentKind, DocumentQuery, DocumentSummary } from '../api/tailoring-types';
import { EmptyState } from '../components/empty-state';
import { FileIcon, SearchIcon, SparkIcon } from '../components/icons';
import { LoadMoreButton } from '../components/load-more-button';
import { Spinner } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { scoreTone } from '../components/version-history';
import { useFeatures } from '../features-context';
import { useDebouncedCallback } from '../hooks/use-debounced-callback';
import { useDocumentTitle } from '../hooks/use-document-title';
import { daysUntil, formatDay, formatRelative, plural } from '../lib/format';
import { KIND_LABELS } from '../lib/generation';
import { Link, useLocation, useNavigate } from '../router';

interface Filters {
  kind: DocumentKind | '';
  saved: 'true' | 'false' | '';
  q: string;
  jobDescriptionId: string;
}

function parse(search: string): Filters {
  const params = new URLSearchParams(search);
  const kind = params.get('kind');
  const saved = params.get('saved');
  return {
    kind: kind === 'cv' || kind === 'cover-letter' ? kind : '',
    saved: saved === 'true' || saved === 'false' ? saved : '',
    q: params.get('q') ?? '',
    jobDescriptionId: params.get('jobDescriptionId') ?? '',
  };
}

function serialize(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.saved) params.set('saved', filters.saved);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.jobDescriptionId) params.set('jobDescriptionId', filters.jobDescriptionId);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

function toQuery(filters: Filters): DocumentQuery {
  return {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.saved ? { saved: filters.saved === 'true' } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.jobDescriptionId ? { jobDescriptionId: filters.jobDescriptionId } : {}),
  };
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: DocumentSummary[]; nextCursor: string | null };

function DocumentCard({ doc }: { doc: DocumentSummary }) {
  const tone = scoreTone(doc.atsScore);
  const expiresIn = daysUntil(doc.expiresAt);
  return (
    <article className="card doc-card" data-testid="document-card">
      <div className="doc-card-head">
        <span className={`doc-kind doc-kind-${doc.kind}`}>{KIND_LABELS[doc.kind] ?? doc.kind}</span>
        {doc.atsScore !== null && doc.atsScore !== undefined && (
          <span className={`score-chip score-${tone}`} title="ATS score (pass mark 75)">
            <span className="score-label">ATS</span>
            {Math.round(doc.atsScore)}
          </span>
        )}
      </div>
      <h2 className="doc-card-title">
        <Link to={`/documents/${encodeURIComponent(doc.id)}`} className="stretched-link">
          {doc.title}
        </Link>
      </h2>
      <p className="doc-card-meta">
        Version {doc.currentVersion} · updated{' '}
        <time dateTime={doc.updatedAt}>{formatRelative(doc.updatedAt)}</time>
      </p>
      <div className="doc-card-foot">
        {doc.saved ? (
          <span className="pill pill-saved">Saved</span>
        ) : (
          <span className={`pill ${expiresIn !== null && expiresIn <= 14 ? 'pill-warn' : ''}`}>
            {doc.expiresAt ? `Expires ${formatDay(doc.expiresAt)}` : 'Unsaved'}
          </span>
        )}
        <span className="muted small">Created {formatDay(doc.createdAt)}</span>
      </div>
    </article>
  );
}

export function DocumentsPage() {
  useDocumentTitle('Documents');
  const { search } = useLocation();
  const navigate = useNavigate();
  const notify = useToast();
  const { features } = useFeatures();
  const filters = useMemo(() => parse(search), [search]);
  const key = serialize(filters);
  const [qInput, setQInput] = useState(filters.q);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => setQInput(filters.q), [filters.q]);

  const apply = useCallback(
    (patch: Partial<Filters>) => {
      navigate(`/documents${serialize({ ...parse(window.location.search), ...patch })}`, { replace: true });
    },
    [navigate],
  );
  const applyDebounced = useDebouncedCallback(apply, 300);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setList({ status: 'loading' });
    listDocuments(toQuery(parse(key)), controller.signal)
      .then((page) =>
        setList({ status: 'ready', items: page.items ?? [], nextCursor: page.nextCursor ?? null }),
      )
      .catch((error) => {
        if (!isAbortError(error)) setList({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [key, reload]);

  const loadMore = async () => {
    if (list.status !== 'ready' || !list.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listDocuments({ ...toQuery(filters), cursor: list.nextCursor });
      setList({
        status: 'ready',
        items: [...list.items, ...(page.items ?? [])],
        nextCursor: page.nextCursor ?? null,
      });
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setLoadingMore(false);
    }
  };

  const active = Boolean(filters.kind || filters.saved || filters.q.trim() || filters.jobDescriptionId);
  const canTailor = features.cvGeneration || features.coverLetter;
  const clear = () => {
    setQInput('');
    navigate('/documents', { replace: true });
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Documents
          </h1>
          <p className="page-sub">
            Every CV and cover letter you generated. Unsaved ones are deleted after 90 days; save the ones you
            send.
          </p>
        </div>
        {canTailor && (
          <div className="page-actions">
            <button type="button" className="btn btn-primary" onClick={() => navigate('/tailor')}>
              <SparkIcon size={16} /> Tailor a new one
            </button>
          </div>
        )}
      </div>

      <search className="filter-bar" aria-label="Filter documents">
        <div className="filter-row doc-filter-row">
          <div className="field filter-search">
            <label htmlFor="doc-q" className="field-label">
              Search
            </label>
            <div className="input-icon-wrap">
              <SearchIcon size={16} />
              <input
                id="doc-q"
                className="input input-with-icon"
                type="search"
                value={qInput}
                placeholder="Titles, companies…"
                onChange={(event) => {
                  setQInput(event.target.value);
                  applyDebounced({ q: event.target.value });
                }}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor="doc-kind" className="field-label">
              Kind
            </label>
            <select
              id="doc-kind"
              className="input"
              value={filters.kind}
              onChange={(event) => apply({ kind: event.target.value as Filters['kind'] })}
            >
              <option value="">CVs and cover letters</option>
              <option value="cv">CVs</option>
              <option value="cover-letter">Cover letters</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="doc-saved" className="field-label">
              Saved
            </label>
            <select
              id="doc-saved"
              className="input"
              value={filters.saved}
              onChange={(event) => apply({ saved: event.target.value as Filters['saved'] })}
            >
              <option value="">Saved and unsaved</option>
              <option value="true">Saved only</option>
              <option value="false">Unsaved only</option>
            </select>
          </div>
          {active && (
            <div className="filter-clear">
              <button type="button" className="btn btn-ghost" onClick={clear}>
                Clear filters
              </button>
            </div>
          )}
        </div>
        {filters.jobDescriptionId && (
          <p className="muted small">
            Showing documents for one job description.{' '}
            <button type="button" className="link-button" onClick={() => apply({ jobDescriptionId: '' })}>
              Show all jobs
            </button>
          </p>
        )}
      </search>

      <div className="results-bar">
        <p className="results-status" aria-live="polite">
          {list.status === 'ready' &&
            list.items.length > 0 &&
            `Showing ${plural(list.items.length, 'document')}${list.nextCursor ? ' — more available' : ''}`}
          {list.status === 'ready' &&
            list.items.length === 0 &&
            active &&
            'No documents match these filters.'}
        </p>
      </div>

      {list.status === 'loading' && (
        <div className="page-loading">
          <Spinner label="Loading documents…" />
        </div>
      )}
      {list.status === 'error' && (
        <div className="card error-card" role="alert">
          <p>Could not load your documents. {list.message}</p>
          <button type="button" className="btn btn-secondary" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {list.status === 'ready' && list.items.length === 0 && !active && (
        <EmptyState
          icon={<FileIcon size={30} />}
          title="No documents yet"
          action={
            canTailor ? (
              <button type="button" className="btn btn-primary btn-lg" onClick={() => navigate('/tailor')}>
                <SparkIcon size={16} /> Tailor your first CV
              </button>
            ) : undefined
          }
        >
          <p>
            Paste a job description on the Tailor page and Dossier writes a CV and cover letter from your
            artifacts.
          </p>
        </EmptyState>
      )}
      {list.status === 'ready' && list.items.length === 0 && active && (
        <EmptyState
          title="No documents match"
          action={
            <button type="button" className="btn btn-secondary" onClick={clear}>
              Show all documents
            </button>
          }
        />
      )}
      {list.status === 'ready' && list.items.length > 0 && (
        <>
          <ul className="card-grid doc-grid">
            {list.items.map((doc) => (
              <li key={doc.id}>
                <DocumentCard doc={doc} />
              </li>
            ))}
          </ul>
          {list.nextCursor && <LoadMoreButton onLoad={loadMore} loading={loadingMore} />}
        </>
      )}
    </>
  );
}
