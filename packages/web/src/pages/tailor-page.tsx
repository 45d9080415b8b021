import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage, isAbortError } from '../api/api-error';
import { listArtifacts } from '../api/artifacts';
import { startGeneration } from '../api/generations';
import { getJobDescription, listJobDescriptions } from '../api/job-descriptions';
import { listLabels } from '../api/labels';
import type { DocumentKind, GenerateInput, GenerationStatus, JobDescription } from '../api/tailoring-types';
import type { Artifact, Label } from '../api/types';
import { ArtifactPicker } from '../components/artifact-picker';
import { Field } from '../components/field';
import { GenerationProgress } from '../components/generation-progress';
import { SparkIcon } from '../components/icons';
import { JobDescriptionSummary, jobCompany, jobTitle } from '../components/job-description-summary';
import { LabelToggleGroup } from '../components/label-toggle-group';
import { DEFAULT_OUTPUT, type OutputOptions, TailorOutputOptions } from '../components/tailor-output-options';
import { useToast } from '../components/toast-provider';
import { useFeatures } from '../features-context';
import { useDocumentTitle } from '../hooks/use-document-title';
import { formatDay } from '../lib/format';
import { KIND_LABELS } from '../lib/generation';
import { loadAll } from '../lib/load-all';
import { Link, useLocation, useNavigate } from '../router';

interface Run {
  key: number;
  kind: DocumentKind;
  id: string;
  status: GenerationStatus;
  reusedDocumentId: string | null;
}

type Source = 'paste' | 'saved';

const MIN_TEXT = 40;

function waitText(seconds: number): string {
  return seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

function clockIn(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function TailorPage() {
  useDocumentTitle('Tailor');
  const { search } = useLocation();
  const navigate = useNavigate();
  const notify = useToast();
  const { features, loaded } = useFeatures();
  const presetJd = new URLSearchParams(search).get('jd');

  const [source, setSource] = useState<Source>(presetJd ? 'saved' : 'paste');
  const [text, setText] = useState('');
  const [jdId, setJdId] = useState(presetJd ?? '');
  const [jds, setJds] = useState<JobDescription[] | null>(null);
  const [labels, setLabels] = useState<Label[]>([]);
  const [labelIds, setLabelIds] = useState<string[]>([]);
  const [artifacts, setArtifacts] = useState<Artifact[] | null>(null);
  const [artifactsError, setArtifactsError] = useState<string | null>(null);
  const [pick, setPick] = useState<{ include: string[]; exclude: string[] }>({ include: [], exclude: [] });
  const [output, setOutput] = useState<OutputOptions>(DEFAULT_OUTPUT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [runs, setRuns] = useState<Run[]>([]);
  const nextKey = useRef(1);
  const progressRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const sourceName = useId();

  const canCv = features.cvGeneration;
  const canLetter = features.coverLetter;

  // Once the flags are known, a kind the server does not offer cannot stay ticked.
  useEffect(() => {
    if (!loaded) return;
    setOutput((current) => {
      const kinds = {
        cv: current.kinds.cv && canCv,
        'cover-letter': current.kinds['cover-letter'] && canLetter,
      };
      if (!kinds.cv && !kinds['cover-letter']) {
        if (canCv) kinds.cv = true;
        else if (canLetter) kinds['cover-letter'] = true;
      }
      return { ...current, kinds };
    });
  }, [loaded, canCv, canLetter]);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    listLabels(signal)
      .then(setLabels)
      .catch(() => undefined);
    loadAll((cursor) =>
      listArtifacts({ limit: 100, sort: '-startDate', ...(cursor ? { cursor } : {}) }, signal),
    )
      .then(({ items }) => setArtifacts(items))
      .catch((error) => {
        if (!isAbortError(error)) setArtifactsError(`Could not load your artifacts. ${errorMessage(error)}`);
      });
    loadAll((cursor) => listJobDescriptions(cursor ? { cursor } : {}, signal), 3)
      .then(({ items }) => setJds(items))
      .catch((error) => {
        if (!isAbortError(error)) setJds([]);
      });
    return () => controller.abort();
  }, []);

  // A job description linked from elsewhere may be beyond the first pages of the list.
  useEffect(() => {
    if (!presetJd || !jds || jds.some((jd) => jd.id === presetJd)) return;
    const controller = new AbortController();
    getJobDescription(presetJd, controller.signal)
      .then((jd) => setJds((list) => [jd, ...(list ?? [])]))
      .catch((error) => {
        if (isAbortError(error)) return;
        setErrors((e) => ({ ...e, jd: 'That job description no longer exists. Pick another or paste one.' }));
        setJdId('');
      });
    return () => controller.abort();
  }, [presetJd, jds]);

  const selectedJd = jds?.find((jd) => jd.id === jdId) ?? null;

  const validate = (): Record<string, string> => {
    const next: Record<string, string> = {};
    if (source === 'paste') {
      if (!text.trim()) next.text = 'Paste the job description you are applying for.';
      else if (text.trim().length < MIN_TEXT) next.text = 'That is too short to be a job description.';
    } else if (!jdId) {
      next.jd = 'Pick a saved job description.';
    }
    if (!output.kinds.cv && !output.kinds['cover-letter'])
      next.kinds = 'Choose a CV, a cover letter, or both.';
    return next;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      const first = found.text ? 'tailor-text' : found.jd ? 'tailor-jd' : 'tailor-kind-cv';
      document.getElementById(first)?.focus();
      return;
    }
    const input: GenerateInput = {
      ...(source === 'saved' ? { jobDescriptionId: jdId } : { jobDescriptionText: text.trim() }),
      ...(labelIds.length ? { labelIds } : {}),
      ...(pick.include.length ? { include: pick.include } : {}),
      ...(pick.exclude.length ? { exclude: pick.exclude } : {}),
      generator: output.generator,
      tone: output.tone,
      length: output.length,
      ...(output.force ? { force: true } : {}),
    };
    const wanted = (['cv', 'cover-letter'] as const).filter((kind) => output.kinds[kind]);
    setBusy(true);
    const started: Run[] = [];
    try {
      for (const kind of wanted) {
        const answer = await startGeneration(kind, input);
        started.push({
          key: nextKey.current++,
          kind,
          id: answer.id,
          status: answer.status ?? 'queued',
          reusedDocumentId: answer.reused && answer.documentId ? answer.documentId : null,
        });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        const wait = error.retryAfter;
        setFormError({
          title: 'Generation limit reached',
          message:
            wait !== undefined
              ? `${error.message.replace(/\s*Try again in [^.]*\.?$/, '')} You can generate again in ${waitText(wait)}, at ${clockIn(wait)}.`
              : error.message,
        });
      } else if (error instanceof ApiError && error.code === 'FEATURE_DISABLED') {
        setFormError({
          title: 'Not available',
          message: 'This kind of document is turned off on this server.',
        });
      } else {
        const fields = error instanceof ApiError ? error.fieldErrors() : {};
        const textError = fields.jobDescriptionText ?? fields.jobDescriptionId;
        if (textError) setErrors((e) => ({ ...e, [source === 'paste' ? 'text' : 'jd']: textError }));
        setFormError({ title: 'Could not start the generation', message: errorMessage(error) });
      }
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setBusy(false);
    }
    if (started.length === 0) return;

    // One reused document needs no progress: go straight to it.
    const only = started[0];
    if (wanted.length === 1 && started.length === 1 && only?.reusedDocumentId) {
      notify(`Opened the ${KIND_LABELS[only.kind]} made from the same request in the last hour.`, 'info');
      navigate(`/documents/${encodeURIComponent(only.reusedDocumentId)}`);
      return;
    }
    // The same request while it is still under way answers with that generation: one card for it, not two.
    setRuns((list) => [...started, ...list.filter((r) => !started.some((s) => s.id === r.id))].slice(0, 6));
    requestAnimationFrame(() => {
      progressRef.current?.focus();
      progressRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  };

  const noGeneration = loaded && !canCv && !canLetter;

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Tailor
          </h1>
          <p className="page-sub">
            Paste a job description and get a CV and cover letter built from your artifacts, every claim
            linked to its evidence.
          </p>
        </div>
      </div>

      {noGeneration && (
        <div className="notice" role="status">
          Document generation is turned off on this server. You can still browse your{' '}
          <Link to="/documents">documents</Link>.
        </div>
      )}

      <div className="tailor-layout">
        <form className="tailor-form" onSubmit={(event) => void submit(event)} noValidate>
          {formError && (
            <div ref={errorRef} className="form-error" role="alert" tabIndex={-1}>
              <p className="form-error-title">{formError.title}</p>
              <p>{formError.message}</p>
            </div>
          )}

          <section className="card form-section" aria-labelledby="tailor-jd-heading">
            <div className="section-head">
              <h2 id="tailor-jd-heading" className="section-title">
                1. The job
              </h2>
            </div>
            <div className="segmented segmented-lg" role="radiogroup" aria-label="Job description source">
              <label className="segment">
                <input
                  type="radio"
                  name={sourceName}
                  value="paste"
                  checked={source === 'paste'}
                  onChange={() => setSource('paste')}
                />
                <span>Paste text</span>
              </label>
              <label className={`segment${jds && jds.length === 0 ? ' is-disabled' : ''}`}>
                <input
                  type="radio"
                  name={sourceName}
                  value="saved"
                  checked={source === 'saved'}
                  disabled={!!jds && jds.length === 0}
                  onChange={() => setSource('saved')}
                />
                <span>Saved{jds && jds.length > 0 ? ` (${jds.length})` : ''}</span>
              </label>
            </div>

            {source === 'paste' ? (
              <Field
                id="tailor-text"
                label="Job description"
                hint="The whole posting: title, company, responsibilities and requirements. It is saved for next time."
                error={errors.text}
              >
                {(control) => (
                  <textarea
                    {...control}
                    className="input textarea tailor-textarea"
                    value={text}
                    rows={12}
                    placeholder="Senior Backend Engineer at Acme — You will design and run our payments APIs…"
                    onChange={(event) => setText(event.target.value)}
                  />
                )}
              </Field>
            ) : (
              <>
                <Field id="tailor-jd" label="Saved job description" error={errors.jd}>
                  {(control) => (
                    <select
                      {...control}
                      className="input"
                      value={jdId}
                      onChange={(event) => setJdId(event.target.value)}
                    >
                      <option value="">Choose one…</option>
                      {(jds ?? []).map((jd) => {
                        const company = jobCompany(jd);
                        return (
                          <option key={jd.id} value={jd.id}>
                            {jobTitle(jd)}
                            {company ? ` — ${company}` : ''} ({formatDay(jd.createdAt)})
                          </option>
                        );
                      })}
                    </select>
                  )}
                </Field>
                {selectedJd && <JobDescriptionSummary jd={selectedJd} />}
              </>
            )}
          </section>

          <section className="card form-section" aria-labelledby="tailor-material-heading">
            <div className="section-head">
              <h2 id="tailor-material-heading" className="section-title">
                2. What to draw on
              </h2>
            </div>
            <LabelToggleGroup
              labels={labels}
              selected={labelIds}
              onChange={setLabelIds}
              legend="Focus labels"
              hint="Prefer artifacts with these labels. Leave all off to consider your whole portfolio."
            />
            <ArtifactPicker
              artifacts={artifacts}
              error={artifactsError}
              include={pick.include}
              exclude={pick.exclude}
              onChange={setPick}
            />
          </section>

          <TailorOutputOptions
            value={output}
            onChange={(patch) => setOutput((current) => ({ ...current, ...patch }))}
            canCv={canCv}
            canLetter={canLetter}
            error={errors.kinds}
          />

          <div className="tailor-submit">
            <button
              type="submit"
              className="btn btn-primary btn-lg"
              disabled={busy || noGeneration}
              aria-busy={busy}
            >
              {busy ? <span className="btn-spinner" aria-hidden="true" /> : <SparkIcon size={18} />}
              Generate
            </button>
            <p className="muted small">Up to 10 generations an hour.</p>
          </div>
        </form>

        <aside className="tailor-side" aria-labelledby="tailor-progress-heading">
          <h2 id="tailor-progress-heading" ref={progressRef} className="section-title" tabIndex={-1}>
            Progress
          </h2>
          {runs.length === 0 ? (
            <div className="tailor-placeholder">
              <p>
                Generation runs through six stages — parse, match, generate, ground, ATS check and export. You
                can follow each one here and cancel at any time.
              </p>
            </div>
          ) : (
            runs.map((run) => (
              <GenerationProgress
                key={run.key}
                id={run.id}
                kind={run.kind}
                initialStatus={run.status}
                reusedDocumentId={run.reusedDocumentId}
              />
            ))
          )}
        </aside>
      </div>
    </>
  );
}
