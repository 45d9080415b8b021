import { type FormEvent, useEffect, useId, useState } from 'react';
import { ApiError, errorMessage, isAbortError } from '../api/api-error';
import { createJobDescription, deleteJobDescription, listJobDescriptions } from '../api/job-descriptions';
import type { JobDescription } from '../api/tailoring-types';
import { useConfirm } from '../components/confirm-provider';
import { EmptyState } from '../components/empty-state';
import { Field } from '../components/field';
import { BriefcaseIcon, ExternalIcon, SparkIcon, TrashIcon } from '../components/icons';
import { JobSkillChips, jobCompany, jobTitle } from '../components/job-description-summary';
import { LoadMoreButton } from '../components/load-more-button';
import { PageLoading } from '../components/spinner';
import { useToast } from '../components/toast-provider';
import { useFeatures } from '../features-context';
import { useDocumentTitle } from '../hooks/use-document-title';
import { formatDay } from '../lib/format';
import { displayUrl, isHttpUrl, safeHref } from '../lib/url';
import { Link } from '../router';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: JobDescription[]; nextCursor: string | null };

function AddJobDescription({ onAdded }: { onAdded: (jd: JobDescription) => void }) {
  const [mode, setMode] = useState<'text' | 'url'>('text');
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const name = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'text' && text.trim().length < 40) {
      setError('Paste the whole job description: title, responsibilities and requirements.');
      return;
    }
    if (mode === 'url' && !isHttpUrl(url.trim())) {
      setError('Enter the full address of the posting, starting with https://.');
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const jd = await createJobDescription(mode === 'text' ? { text: text.trim() } : { url: url.trim() });
      onAdded(jd);
      setText('');
      setUrl('');
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setError(fields.text ?? fields.url ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card form-section" aria-labelledby="add-jd-heading">
      <h2 id="add-jd-heading" className="section-title">
        Add a job description
      </h2>
      <p className="section-sub">Parsed into title, company, skills and keywords, ready to tailor against.</p>
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="segmented" role="radiogroup" aria-label="Add from">
          <label className="segment">
            <input type="radio" name={name} checked={mode === 'text'} onChange={() => setMode('text')} />
            <span>Paste text</span>
          </label>
          <label className="segment">
            <input type="radio" name={name} checked={mode === 'url'} onChange={() => setMode('url')} />
            <span>From a web address</span>
          </label>
        </div>
        {mode === 'text' ? (
          <Field label="Job description" error={error}>
            {(control) => (
              <textarea
                {...control}
                className="input textarea"
                rows={8}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            )}
          </Field>
        ) : (
          <Field label="Job posting URL" error={error} hint="Dossier fetches the page and keeps its text.">
            {(control) => (
              <input
                {...control}
                className="input"
                type="url"
                inputMode="url"
                placeholder="https://jobs.example.com/senior-backend-engineer"
                value={url}
                onChange={(event) => setUrl(event.target.value)}
              />
            )}
          </Field>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Parsing…' : 'Add job description'}
        </button>
      </form>
    </section>
  );
}

export function JobDescriptionsPage() {
  useDocumentTitle('Job descriptions');
  const confirm = useConfirm();
  const notify = useToast();
  const { features } = useFeatures();
  const canTailor = features.cvGeneration || features.coverLetter;
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setList({ status: 'loading' });
    listJobDescriptions({}, controller.signal)
      .then((page) =>
        setList({ status: 'ready', items: page.items ?? [], nextCursor: page.nextCursor ?? null }),
      )
      .catch((error) => {
        if (!isAbortError(error)) setList({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [reload]);

  const loadMore = async () => {
    if (list.status !== 'ready' || !list.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listJobDescriptions({ cursor: list.nextCursor });
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

  const added = (jd: JobDescription) => {
    setList((current) =>
      current.status === 'ready'
        ? { ...current, items: [jd, ...current.items.filter((item) => item.id !== jd.id)] }
        : current,
    );
    notify(`Added “${jobTitle(jd)}”.`, 'success');
  };

  const remove = async (jd: JobDescription) => {
    const ok = await confirm({
      title: `Delete “${jobTitle(jd)}”?`,
      message: <p>Documents already generated from it are kept.</p>,
      confirmLabel: 'Delete job description',
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteJobDescription(jd.id);
      setList((current) =>
        current.status === 'ready'
          ? { ...current, items: current.items.filter((item) => item.id !== jd.id) }
          : current,
      );
      notify(`Deleted “${jobTitle(jd)}”.`, 'success');
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Job descriptions
          </h1>
          <p className="page-sub">
            The postings you tailored for, parsed into the skills and keywords they ask for.
          </p>
        </div>
      </div>

      <div className="two-col jd-layout">
        <AddJobDescription onAdded={added} />
        <section aria-labelledby="jd-list-heading">
          <h2 id="jd-list-heading" className="sr-only">
            Saved job descriptions
          </h2>
          {list.status === 'loading' && <PageLoading label="Loading job descriptions…" />}
          {list.status === 'error' && (
            <div className="card error-card" role="alert">
              <p>Could not load your job descriptions. {list.message}</p>
              <button type="button" className="btn btn-secondary" onClick={() => setReload((n) => n + 1)}>
                Try again
              </button>
            </div>
          )}
          {list.status === 'ready' && list.items.length === 0 && (
            <EmptyState icon={<BriefcaseIcon size={30} />} title="No job descriptions yet">
              <p>Add one here, or paste one on the Tailor page: it is saved when you generate.</p>
            </EmptyState>
          )}
          {list.status === 'ready' && list.items.length > 0 && (
            <ul className="jd-list">
              {list.items.map((jd) => {
                const company = jobCompany(jd);
                const source = safeHref(jd.sourceUrl);
                return (
                  <li key={jd.id} className="card jd-card" data-testid="job-description">
                    <div className="jd-card-head">
                      <div>
                        <h3 className="jd-title" id={`jd-title-${jd.id}`}>
                          {jobTitle(jd)}
                        </h3>
                        <p className="jd-meta">
                          {company && <span className="jd-company">{company}</span>}
                          {jd.parsed?.seniority && <span className="capitalise">{jd.parsed.seniority}</span>}
                          {jd.parsed?.location && <span>{jd.parsed.location}</span>}
                          <span>Added {formatDay(jd.createdAt)}</span>
                        </p>
                      </div>
                      <div className="jd-actions">
                        {canTailor && (
                          <Link
                            to={`/tailor?jd=${encodeURIComponent(jd.id)}`}
                            className="btn btn-primary btn-sm"
                            aria-describedby={`jd-title-${jd.id}`}
                          >
                            <SparkIcon size={14} /> Tailor with this
                          </Link>
                        )}
                        <button
                          type="button"
                          className="btn btn-ghost btn-sm btn-danger-text"
                          onClick={() => void remove(jd)}
                          aria-label={`Delete ${jobTitle(jd)}`}
                        >
                          <TrashIcon size={14} /> Delete
                        </button>
                      </div>
                    </div>
                    <JobSkillChips jd={jd} />
                    <p className="jd-foot">
                      {source ? (
                        <a href={source} target="_blank" rel="noopener noreferrer">
                          {displayUrl(source)} <ExternalIcon size={12} />
                          <span className="sr-only"> (opens in a new tab)</span>
                        </a>
                      ) : (
                        <span className="muted">Pasted text</span>
                      )}
                      <Link to={`/documents?jobDescriptionId=${encodeURIComponent(jd.id)}`}>
                        Documents for this job
                      </Link>
                    </p>
                  </li>
                );
              })}
            </ul>
          )}
          {list.status === 'ready' && list.nextCursor && (
            <LoadMoreButton onLoad={loadMore} loading={loadingMore} />
          )}
        </section>
      </div>
    </>
  );
}
