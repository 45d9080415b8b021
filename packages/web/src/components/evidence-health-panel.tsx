import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage, isAbortError } from '../api/api-error';
import { getEvidenceHealth } from '../api/evidence';
import type { AttentionEvidence, EvidenceHealth, EvidenceStatus } from '../api/types';
import { plural } from '../lib/format';
import { displayUrl, safeHref } from '../lib/url';
import { Link } from '../router';
import { EvidenceActions } from './evidence-actions';
import { EvidenceStatusLine } from './evidence-status-line';
import { ExternalIcon } from './icons';
import { StatusBadge } from './status-badge';

type PanelState =
  | { status: 'loading' }
  | { status: 'hidden' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: EvidenceHealth };

const COUNTED: { key: EvidenceStatus | 'failing'; label: string }[] = [
  { key: 'valid', label: 'valid' },
  { key: 'redirected', label: 'redirected' },
  { key: 'failing', label: 'failing' },
  { key: 'broken', label: 'broken' },
  { key: 'blocked', label: 'blocked' },
  { key: 'unchecked', label: 'not checked yet' },
];

const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;

/**
 * The share of the user's verifiable evidence that still works, against the product's 95% target, with the
 * unverifiable links (bot walls, logins) counted apart and the links that need attention listed with their
 * fixes. Servers without the link checker answer 404, and the panel then stays out of the way.
 */
export function EvidenceHealthPanel() {
  const [state, setState] = useState<PanelState>({ status: 'loading' });
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate refresh trigger
  useEffect(() => {
    const controller = new AbortController();
    getEvidenceHealth(controller.signal)
      .then((data) => setState(data.health.total > 0 ? { status: 'ready', data } : { status: 'hidden' }))
      .catch((error) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 404) setState({ status: 'hidden' });
        else setState({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [reload]);

  const refresh = useCallback(() => setReload((n) => n + 1), []);

  if (state.status === 'loading' || state.status === 'hidden') return null;
  if (state.status === 'error') {
    return (
      <section className="card health-panel" aria-label="Evidence health">
        <p className="muted">
          Could not load your evidence health. {state.message}{' '}
          <button type="button" className="btn btn-ghost btn-sm" onClick={refresh}>
            Try again
          </button>
        </p>
      </section>
    );
  }

  const { health, attention } = state.data;
  const target = health.target ?? 0.95;
  const share = health.share;
  const meets = share !== null && share >= target;
  return (
    <section className="card health-panel" aria-labelledby="health-heading">
      <div className="health-head">
        <div>
          <h2 id="health-heading" className="section-title">
            Evidence health
          </h2>
          <p className="section-sub">
            {plural(health.verifiable, 'verifiable link')} of {health.total} ·{' '}
            {plural(health.checked, 'link')} checked
          </p>
        </div>
        <div className={`health-share ${share === null ? '' : meets ? 'is-ok' : 'is-low'}`}>
          <span className="health-share-value">{share === null ? '—' : percent(share)}</span>
          <span className="health-share-label">
            {share === null ? 'nothing verifiable checked yet' : `working · target ${percent(target)}`}
          </span>
        </div>
      </div>
      {share !== null && (
        // The figure is in the text above; the bar only shows it against the target.
        <div className="health-meter" aria-hidden="true">
          <span
            className={`health-meter-fill ${meets ? 'is-ok' : 'is-low'}`}
            style={{ width: percent(share) }}
          />
          <span className="health-meter-target" style={{ left: percent(target) }} aria-hidden="true" />
        </div>
      )}
      <ul className="health-counts">
        {COUNTED.map(({ key, label }) => {
          const count = health[key] ?? 0;
          if (count === 0 && key !== 'valid') return null;
          return (
            <li key={key} className={`health-count health-count-${key}`}>
              <strong>{count}</strong> {label}
            </li>
          );
        })}
      </ul>
      {health.unverifiable > 0 && (
        <p className="health-apart">
          <StatusBadge status="unverifiable" count={health.unverifiable} /> not counted: these sites refuse
          automated checks (logins, bot walls), so Dossier cannot tell whether they still work.
        </p>
      )}
      {attention.length > 0 && (
        <>
          <h3 className="health-attention-title">Needs your attention</h3>
          <ul className="health-attention">
            {attention.map((item) => (
              <AttentionRow key={item.id} item={item} onChange={refresh} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AttentionRow({ item, onChange }: { item: AttentionEvidence; onChange: () => void }) {
  const [evidence, setEvidence] = useState(item);
  useEffect(() => setEvidence(item), [item]);
  const href = safeHref(evidence.url);
  const name = evidence.title || displayUrl(evidence.url);
  return (
    <li className="health-attention-item">
      <div className="health-attention-body">
        <Link to={`/artifacts/${encodeURIComponent(item.artifactId)}`} className="health-attention-artifact">
          {item.artifactTitle}
        </Link>
        {href ? (
          <a className="evidence-link" href={href} target="_blank" rel="noopener noreferrer">
            {name}
            <ExternalIcon size={12} />
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : (
          <span className="evidence-link">{name}</span>
        )}
        <EvidenceStatusLine evidence={evidence} />
        <EvidenceActions
          evidence={evidence}
          onChange={(updated) => {
            setEvidence({ ...evidence, ...updated });
            onChange();
          }}
        />
      </div>
      <StatusBadge status={evidence.status} evidence={evidence} />
    </li>
  );
}
