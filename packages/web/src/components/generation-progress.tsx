import { useId, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { cancelGeneration, retryGeneration } from '../api/generations';
import { type DocumentKind, GENERATION_STAGES, type GenerationStatus } from '../api/tailoring-types';
import { useGenerationStream } from '../hooks/use-generation-stream';
import { generatorLabel, isTerminal, KIND_LABELS, STAGE_LABELS, STATUS_LABELS } from '../lib/generation';
import { useNotifications } from '../notifications-context';
import { useNavigate } from '../router';
import { CheckIcon, FileIcon } from './icons';
import { useToast } from './toast-provider';

interface GenerationProgressProps {
  id: string;
  kind: DocumentKind;
  initialStatus?: GenerationStatus;
  /** From a 200 answer that reused a recent identical generation. */
  reusedDocumentId?: string | null;
}

type StepState = 'done' | 'current' | 'failed' | 'pending';

/** One generation's live progress: the pipeline's stages, a percent bar, messages, and its actions. */
export function GenerationProgress({ id, kind, initialStatus, reusedDocumentId }: GenerationProgressProps) {
  const navigate = useNavigate();
  const notify = useToast();
  const { refresh } = useNotifications();
  const [restart, setRestart] = useState(0);
  const [busy, setBusy] = useState<'cancel' | 'retry' | null>(null);
  const headingId = useId();
  const state = useGenerationStream(id, {
    initialStatus: initialStatus ?? 'queued',
    restart,
    onFinished: () => refresh(),
  });

  const status = state.status;
  const terminal = isTerminal(status);
  const documentId = state.documentId ?? reusedDocumentId ?? null;
  const currentIndex = state.stage ? GENERATION_STAGES.indexOf(state.stage) : -1;
  const label = KIND_LABELS[kind];
  const generator = generatorLabel(state.generation?.generator);
  const fallback = state.generation?.fallbackReason;
  const lastMessage = state.messages.at(-1);

  const stepState = (index: number): StepState => {
    if (status === 'succeeded') return 'done';
    if (index < currentIndex) return 'done';
    if (index === currentIndex) return status === 'failed' || status === 'cancelled' ? 'failed' : 'current';
    return 'pending';
  };

  const cancel = async () => {
    setBusy('cancel');
    try {
      await cancelGeneration(id);
    } catch (error) {
      notify(`Could not cancel: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  const retry = async () => {
    setBusy('retry');
    try {
      await retryGeneration(id);
      setRestart((n) => n + 1);
    } catch (error) {
      notify(`Could not retry: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  const currentText =
    status === 'succeeded'
      ? `${label} ready.`
      : status === 'failed'
        ? `${label} failed.`
        : status === 'cancelled'
          ? `${label} cancelled.`
          : status === 'queued'
            ? 'Waiting for a worker…'
            : state.stage
              ? `${STAGE_LABELS[state.stage].label}: ${lastMessage?.text ?? STAGE_LABELS[state.stage].description}`
              : (lastMessage?.text ?? 'Starting…');

  return (
    <section
      className={`card gen-panel gen-${status}`}
      data-testid="generation-progress"
      data-status={status}
      aria-labelledby={headingId}
    >
      <div className="gen-head">
        <h3 id={headingId} className="gen-title">
          <FileIcon size={18} /> {label}
        </h3>
        <span className={`gen-status gen-status-${status}`}>
          {!terminal && <span className="gen-pulse" aria-hidden="true" />}
          {reusedDocumentId && status === 'succeeded' ? 'Reused' : STATUS_LABELS[status]}
        </span>
      </div>

      <ol className="gen-stages" aria-label={`${label} stages`}>
        {GENERATION_STAGES.map((stage, index) => {
          const step = stepState(index);
          return (
            <li
              key={stage}
              className={`gen-stage is-${step}`}
              aria-current={step === 'current' ? 'step' : undefined}
              title={STAGE_LABELS[stage].description}
            >
              <span className="gen-stage-dot" aria-hidden="true">
                {step === 'done' ? <CheckIcon size={12} /> : step === 'failed' ? '!' : index + 1}
              </span>
              <span className="gen-stage-label">{STAGE_LABELS[stage].label}</span>
              <span className="sr-only">
                {step === 'done'
                  ? ' (done)'
                  : step === 'current'
                    ? ' (in progress)'
                    : step === 'failed'
                      ? ` (${status})`
                      : ''}
              </span>
            </li>
          );
        })}
      </ol>

      <div
        className="gen-bar"
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={state.percent}
      >
        <span className="gen-bar-fill" style={{ width: `${state.percent}%` }} />
      </div>
      <p className="gen-now">
        <span className="gen-percent" aria-hidden="true">
          {state.percent}%
        </span>{' '}
        {/* Only stage and message changes are announced; the percentage is on the progress bar. */}
        <span aria-live="polite">{currentText}</span>
      </p>

      {state.connection === 'reconnecting' && !terminal && (
        <p className="gen-note">Connection dropped; reconnecting to the progress stream…</p>
      )}

      {(generator || fallback || reusedDocumentId) && (
        <dl className="gen-meta">
          {generator && (
            <div>
              <dt>Generator</dt>
              <dd>{generator}</dd>
            </div>
          )}
          {fallback && (
            <div className="gen-fallback">
              <dt>Fell back</dt>
              <dd>{fallback}</dd>
            </div>
          )}
          {reusedDocumentId && (
            <div>
              <dt>Reused</dt>
              <dd>An identical request from the last hour already produced this document.</dd>
            </div>
          )}
        </dl>
      )}

      {state.messages.length > 0 && (
        <details className="gen-log">
          <summary>Messages ({state.messages.length})</summary>
          <ol>
            {state.messages.map((message) => (
              <li key={message.id}>
                {message.stage && <span className="gen-log-stage">{STAGE_LABELS[message.stage].label}</span>}
                {message.text}
              </li>
            ))}
          </ol>
        </details>
      )}

      {state.error && status !== 'succeeded' && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}

      <div className="gen-actions">
        {!terminal && (
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            onClick={() => void cancel()}
            disabled={busy !== null}
          >
            {busy === 'cancel' ? 'Cancelling…' : 'Cancel generation'}
          </button>
        )}
        {status === 'succeeded' && documentId && (
          <button
            type="button"
            className="btn btn-primary btn-sm"
            onClick={() => navigate(`/documents/${encodeURIComponent(documentId)}`)}
          >
            Open document
          </button>
        )}
        {(status === 'failed' || status === 'cancelled') && (
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            onClick={() => void retry()}
            disabled={busy !== null}
          >
            {busy === 'retry' ? 'Retrying…' : 'Retry'}
          </button>
        )}
      </div>
    </section>
  );
}
