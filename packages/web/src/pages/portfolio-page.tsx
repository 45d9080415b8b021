import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage, isAbortError } from '../api/api-error';
import { listArtifacts } from '../api/artifacts';
import { listLabels } from '../api/labels';
import type { Artifact, Label } from '../api/types';
import { ArtifactCard } from '../components/artifact-card';
import { EmptyState } from '../components/empty-state';
import { EvidenceHealthPanel } from '../components/evidence-health-panel';
import { ExportButtons } from '../components/export-buttons';
import { FolderIcon, PlusIcon, TrashIcon } from '../components/icons';
import { LoadMoreButton } from '../components/load-more-button';
import { PortfolioFilterBar } from '../components/portfolio-filter-bar';
import { SelectionBar } from '../components/selection-bar';
import { Spinner } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useDebouncedCallback } from '../hooks/use-debounced-callback';
import { useDocumentTitle } from '../hooks/use-document-title';
import { plural } from '../lib/format';
import {
  hasActiveFilters,
  type PortfolioFilters,
  parseFilters,
  serializeFilters,
  toQuery,
} from '../lib/portfolio-filters';
import { Link, useLocation, useNavigate } from '../router';

const PAGE_SIZE = 20;

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Artifact[]; nextCursor: string | null };

export function PortfolioPage() {
  useDocumentTitle('Portfolio');
  const { search } = useLocation();
  const navigate = useNavigate();
  const notify = useToast();
  const filters = useMemo(() => parseFilters(search), [search]);
  const queryKey = serializeFilters(filters);

  const [qInput, setQInput] = useState(filters.q);
  const [skillInput, setSkillInput] = useState(filters.skill);
  const [labels, setLabels] = useState<Label[]>([]);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  /** Selection mode: ids of the ticked artifacts (kept across a reload of the list, dropped when leaving it). */
  const [selection, setSelection] = useState<Set<string> | null>(null);
  const quietReload = useRef(false);
  const focusFrom = useRef<number | null>(null);
  const gridRef = useRef<HTMLUListElement>(null);

  // The URL is the source of truth; text boxes follow it when it changes from outside (back, nav links).
  useEffect(() => setQInput(filters.q), [filters.q]);
  useEffect(() => setSkillInput(filters.skill), [filters.skill]);

  const apply = useCallback(
    (patch: Partial<PortfolioFilters>) => {
      const next = { ...parseFilters(window.location.search), ...patch };
      navigate(`/${serializeFilters(next)}`, { replace: true });
    },
    [navigate],
  );
  const applyDebounced = useDebouncedCallback(apply, 300);

  useEffect(() => {
    const controller = new AbortController();
    listLabels(controller.signal)
      .then(setLabels)
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadToken is a deliberate retry trigger
  useEffect(() => {
    const controller = new AbortController();
    // A quiet reload (after labels changed in selection mode) keeps the cards on screen until the new page is in.
    if (quietReload.current) quietReload.current = false;
    else setList({ status: 'loading' });
    listArtifacts({ ...toQuery(parseFilters(queryKey)), limit: PAGE_SIZE }, controller.signal)
      .then((page) => setList({ status: 'ready', items: page.items, nextCursor: page.nextCursor ?? null }))
      .catch((error) => {
        if (!isAbortError(error)) setList({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [queryKey, reloadToken]);

  // After "Load more", move focus to the first new card so keyboard users continue where they were.
  useEffect(() => {
    if (focusFrom.current === null || list.status !== 'ready') return;
    const links = gridRef.current?.querySelectorAll<HTMLAnchorElement>('.artifact-title a');
    links?.[focusFrom.current]?.focus();
    focusFrom.current = null;
  }, [list]);

  const loadMore = async () => {
    if (list.status !== 'ready' || !list.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listArtifacts({ ...toQuery(filters), limit: PAGE_SIZE, cursor: list.nextCursor });
      focusFrom.current = list.items.length;
      setList({
        status: 'ready',
        items: [...list.items, ...page.items],
        nextCursor: page.nextCursor ?? null,
      });
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setLoadingMore(false);
    }
  };

  const active = hasActiveFilters(filters);
  const clear = () => {
    setQInput('');
    setSkillInput('');
    navigate(`/${filters.sort !== '-startDate' ? `?sort=${filters.sort}` : ''}`, { replace: true });
  };

  const newArtifact = () => navigate('/artifacts/new');

  const shownIds = list.status === 'ready' ? list.items.map((a) => a.id) : [];
  const selectedIds = selection ? shownIds.filter((id) => selection.has(id)) : [];
  const toggle = (id: string) =>
    setSelection((current) => {
      const next = new Set(current ?? []);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const reloadLabels = () =>
    listLabels()
      .then(setLabels)
      .catch(() => undefined);

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Portfolio
          </h1>
          <p className="page-sub">Your projects, papers, launches and talks — each backed by evidence.</p>
        </div>
        <div className="page-actions">
          <Link to="/trash" className="btn btn-secondary">
            <TrashIcon size={16} /> Trash
          </Link>
          <button type="button" className="btn btn-primary" onClick={newArtifact}>
            <PlusIcon size={16} /> New artifact
          </button>
        </div>
      </div>

      <EvidenceHealthPanel />

      <PortfolioFilterBar
        filters={filters}
        qInput={qInput}
        skillInput={skillInput}
        labels={labels}
        onQChange={(value) => {
          setQInput(value);
          applyDebounced({ q: value });
        }}
        onSkillChange={(value) => {
          setSkillInput(value);
          applyDebounced({ skill: value });
        }}
        onChange={apply}
        onClear={active ? clear : null}
      />

      <div className="results-bar">
        <p className="results-status" aria-live="polite">
          {list.status === 'ready' &&
            (list.items.length === 0
              ? active
                ? 'No artifacts match these filters.'
                : ''
              : `Showing ${plural(list.items.length, 'artifact')}${list.nextCursor ? ' — more available' : ''}`)}
        </p>
        <div className="row-actions">
          {list.status === 'ready' && list.items.length > 0 && !selection && (
            <button type="button" className="btn btn-secondary" onClick={() => setSelection(new Set())}>
              Select
            </button>
          )}
          <ExportButtons />
        </div>
      </div>

      {selection && list.status === 'ready' && list.items.length > 0 && (
        <SelectionBar
          labels={labels}
          selected={selectedIds}
          shown={shownIds.length}
          onSelectAll={() => setSelection(new Set(shownIds))}
          onSelectNone={() => setSelection(new Set())}
          onChanged={() => {
            quietReload.current = true;
            setReloadToken((n) => n + 1);
            void reloadLabels();
          }}
          onDone={() => setSelection(null)}
        />
      )}

      {list.status === 'loading' && (
        <div className="card-grid" aria-hidden="true">
          {[0, 1, 2].map((n) => (
            <div key={n} className="card artifact-card skeleton-card">
              <span className="skeleton skeleton-title" />
              <span className="skeleton skeleton-line" />
              <span className="skeleton skeleton-line short" />
            </div>
          ))}
        </div>
      )}
      {list.status === 'loading' && <Spinner label="Loading artifacts…" />}

      {list.status === 'error' && (
        <div className="card error-card" role="alert">
          <p>Could not load your artifacts. {list.message}</p>
          <button type="button" className="btn btn-secondary" onClick={() => setReloadToken((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}

      {list.status === 'ready' && list.items.length === 0 && !active && (
        <EmptyState
          icon={<FolderIcon size={32} />}
          title="Start your portfolio"
          action={
            <button type="button" className="btn btn-primary btn-lg" onClick={newArtifact}>
              <PlusIcon size={16} /> Create your first artifact
            </button>
          }
        >
          <p>
            Add a project, paper, launch or talk you would want a recruiter to see, then link the repository,
            pull request or live site that proves it.
          </p>
        </EmptyState>
      )}

      {list.status === 'ready' && list.items.length === 0 && active && (
        <EmptyState
          title="No artifacts match"
          action={
            <button type="button" className="btn btn-secondary" onClick={clear}>
              Show all artifacts
            </button>
          }
        >
          <p>Try a different search, or clear the filters to see your whole portfolio.</p>
        </EmptyState>
      )}

      {list.status === 'ready' && list.items.length > 0 && (
        <>
          <ul className="card-grid" ref={gridRef}>
            {list.items.map((artifact) => (
              <li key={artifact.id}>
                <ArtifactCard
                  artifact={artifact}
                  {...(selection
                    ? {
                        selection: {
                          selected: selection.has(artifact.id),
                          onToggle: () => toggle(artifact.id),
                        },
                      }
                    : {})}
                />
              </li>
            ))}
          </ul>
          {list.nextCursor && <LoadMoreButton onLoad={loadMore} loading={loadingMore} />}
        </>
      )}
    </>
  );
}
