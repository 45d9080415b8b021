import { useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { applyEvidenceRedirect, checkEvidence } from '../api/evidence';
import type { Evidence } from '../api/types';
import { displayUrl, safeHref } from '../lib/url';
import { EvidenceHistory } from './evidence-history';
import { ExternalIcon } from './icons';

interface EvidenceActionsProps {
  evidence: Evidence;
  onChange: (updated: Evidence) => void;
  /** Offer the check history (off where space is short). */
  history?: boolean;
}

function failureMessage(error: unknown, what: string): string {
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfter;
    return wait
      ? `This link was checked a moment ago. Try again in ${wait < 90 ? `${wait} s` : `${Math.ceil(wait / 60)} min`}.`
      : 'This link was checked a moment ago. Try again shortly.';
  }
  // A server without the link checker has no such route (a missing link would be "Evidence not found").
  if (error instanceof ApiError && error.status === 404 && /^No route for/.test(error.message)) {
    return `${what} is not available on this server.`;
  }
  return errorMessage(error);
}

/** What an owner can do about one link: check it now, take a redirect's target, find an archived copy. */
export function EvidenceActions({ evidence, onChange, history = true }: EvidenceActionsProps) {
  const [pending, setPending] = useState<'check' | 'redirect' | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'info' } | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [checks, setChecks] = useState(0);

  const run = async (kind: 'check' | 'redirect') => {
    setPending(kind);
    setMessage(null);
    try {
      const updated =
        kind === 'check' ? await checkEvidence(evidence.id) : await applyEvidenceRedirect(evidence.id);
      onChange(updated);
      setChecks((n) => n + 1);
      setMessage({
        text: kind === 'check' ? 'Checked just now.' : `The link now points to ${displayUrl(updated.url)}.`,
        tone: 'info',
      });
    } catch (error) {
      setMessage({
        text: failureMessage(error, kind === 'check' ? 'Checking now' : 'Updating the link'),
        tone: 'error',
      });
    } finally {
      setPending(null);
    }
  };

  const archive = evidence.status === 'broken' && evidence.archiveUrl ? safeHref(evidence.archiveUrl) : null;
  const redirectTarget = evidence.status === 'redirected' && evidence.finalUrl ? evidence.finalUrl : null;

  return (
    <div className="evidence-tools">
      <div className="evidence-tools-row">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => void run('check')}
          disabled={pending !== null}
          aria-busy={pending === 'check'}
        >
          {pending === 'check' ? 'Checking…' : 'Check now'}
        </button>
        {redirectTarget && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => void run('redirect')}
            disabled={pending !== null}
            title={`Replace the stored URL with ${redirectTarget}`}
          >
            {pending === 'redirect' ? 'Updating…' : 'Use the redirect target'}
          </button>
        )}
        {archive && (
          <a className="btn btn-ghost btn-sm" href={archive} target="_blank" rel="noopener noreferrer">
            Archived copy <ExternalIcon size={11} />
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        )}
        {history && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-expanded={showHistory}
            onClick={() => setShowHistory((v) => !v)}
          >
            {showHistory ? 'Hide history' : 'History'}
          </button>
        )}
      </div>
      <p className={`evidence-tools-message${message?.tone === 'error' ? ' field-error' : ''}`} role="status">
        {message?.text ?? ''}
      </p>
      {showHistory && <EvidenceHistory evidenceId={evidence.id} reloadKey={checks} />}
    </div>
  );
}
