import type { MouseEvent } from 'react';
import type { AtsReport } from '../api/tailoring-types';
import {
  checkerLabel,
  findCoverageResult,
  type KeywordCoverage,
  readCoverage,
  sortedFindings,
} from '../lib/ats-coverage';
import { plural } from '../lib/format';
import { Link } from '../router';
import { GaugeIcon } from './icons';

const PASS_MARK = 75;

interface AtsPanelProps {
  report: AtsReport | null | undefined;
  artifactTitles: Record<string, string>;
  /** Item and section ids present in the document, so a finding can point at one. */
  refs: Set<string>;
}

function ScoreDial({ score, passed }: { score: number; passed: boolean }) {
  const radius = 34;
  const circumference = 2 * Math.PI * radius;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * circumference;
  return (
    <svg className={`dial ${passed ? 'dial-pass' : 'dial-fail'}`} viewBox="0 0 80 80" aria-hidden="true">
      <circle className="dial-track" cx="40" cy="40" r={radius} />
      <circle
        className="dial-value"
        cx="40"
        cy="40"
        r={radius}
        strokeDasharray={`${filled} ${circumference}`}
        transform="rotate(-90 40 40)"
      />
      <text className="dial-text" x="40" y="40" dominantBaseline="central" textAnchor="middle">
        {Math.round(score)}
      </text>
    </svg>
  );
}

/** Checkers name artifacts by id in their messages; the reader knows them by title. */
function nameArtifacts(text: string, titles: Record<string, string>): string {
  let out = text;
  for (const [id, title] of Object.entries(titles)) {
    if (out.includes(id)) out = out.split(id).join(`“${title}”`);
  }
  return out;
}

const SEVERITY_META = {
  error: { icon: '!', label: 'Error' },
  warning: { icon: '▲', label: 'Warning' },
  info: { icon: 'i', label: 'Info' },
} as const;

/** The ATS report: score and verdict, per-checker scores, keyword coverage and findings with their fixes. */
export function AtsPanel({ report, artifactTitles, refs }: AtsPanelProps) {
  if (!report) {
    return (
      <section className="card side-card" aria-labelledby="ats-heading">
        <h2 id="ats-heading" className="section-title">
          <GaugeIcon size={18} /> ATS report
        </h2>
        <p className="muted small">This version has no ATS report.</p>
      </section>
    );
  }
  const coverageResult = findCoverageResult(report);
  const coverage = coverageResult ? readCoverage(coverageResult) : null;
  const findings = sortedFindings(report);
  const score = Math.round(report.score);

  return (
    <section className="card side-card" aria-labelledby="ats-heading" data-testid="ats-report">
      <h2 id="ats-heading" className="section-title">
        <GaugeIcon size={18} /> ATS report
      </h2>
      <div className="ats-score">
        <ScoreDial score={score} passed={report.passed} />
        <div>
          <p className={`ats-verdict ${report.passed ? 'is-pass' : 'is-fail'}`}>
            {report.passed ? '✓ Passes' : '✕ Needs work'}
          </p>
          <p className="ats-score-text">
            Score <strong>{score}</strong> of 100 <span className="muted">· pass mark {PASS_MARK}</span>
          </p>
        </div>
      </div>

      {(report.results ?? []).length > 0 && (
        <ul className="ats-checkers">
          {report.results.map((result) => (
            <li key={result.checker} className="ats-checker">
              <span className="ats-checker-name">{checkerLabel(result.checker)}</span>
              <span className="ats-checker-bar" aria-hidden="true">
                <span
                  className={result.passed ? 'is-pass' : 'is-fail'}
                  style={{ width: `${Math.max(0, Math.min(100, result.score))}%` }}
                />
              </span>
              <span className="ats-checker-score">
                {Math.round(result.score)}
                <span className="sr-only"> of 100, {result.passed ? 'passed' : 'not passed'}</span>
              </span>
            </li>
          ))}
        </ul>
      )}

      {coverage && <CoverageChart coverage={coverage} artifactTitles={artifactTitles} />}

      <div className="ats-findings">
        <h3 className="ats-sub">
          Findings {findings.length > 0 && <span className="count">{findings.length}</span>}
        </h3>
        {findings.length === 0 ? (
          <p className="muted small">Nothing to fix.</p>
        ) : (
          <ul className="finding-list">
            {findings.map((finding, index) => (
              <li
                // Findings have no ids; the rule, reference and position identify one in this report.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={`${finding.checker}:${finding.ruleId}:${finding.ref ?? ''}:${index}`}
                className={`finding finding-${finding.severity}`}
              >
                <span className="finding-icon" aria-hidden="true">
                  {SEVERITY_META[finding.severity]?.icon ?? 'i'}
                </span>
                <div className="finding-body">
                  <p className="finding-message">
                    <span className="sr-only">{SEVERITY_META[finding.severity]?.label ?? 'Note'}: </span>
                    {nameArtifacts(finding.message, artifactTitles)}
                  </p>
                  {finding.fix && (
                    <p className="finding-fix">
                      <strong>Fix:</strong> {nameArtifacts(finding.fix, artifactTitles)}
                    </p>
                  )}
                  <p className="finding-meta">
                    {checkerLabel(finding.checker)}
                    {finding.ref && refs.has(finding.ref) && (
                      <>
                        {' · '}
                        <a href={`#item-${finding.ref}`} onClick={(event) => jumpTo(event, finding.ref!)}>
                          Show in document
                        </a>
                      </>
                    )}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function jumpTo(event: MouseEvent<HTMLAnchorElement>, ref: string) {
  const target = document.getElementById(`item-${ref}`) ?? document.getElementById(`section-${ref}`);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ behavior: 'smooth', block: 'center' });
  target.classList.add('is-highlighted');
  target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  window.setTimeout(() => target.classList.remove('is-highlighted'), 2000);
}

function CoverageChart({
  coverage,
  artifactTitles,
}: {
  coverage: KeywordCoverage;
  artifactTitles: Record<string, string>;
}) {
  const groups = [
    { key: 'covered', label: 'Covered', count: coverage.covered.length },
    { key: 'portfolio', label: 'Missing here, in your portfolio', count: coverage.inPortfolio.length },
    { key: 'missing', label: 'Missing', count: coverage.missing.length },
    { key: 'absent', label: 'Not in your portfolio', count: coverage.notInPortfolio.length },
  ];
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  const summary = groups
    .filter((group) => group.count > 0)
    .map((group) => `${group.count} ${group.label.toLowerCase()}`)
    .join(', ');
  const percent =
    coverage.coverage !== null
      ? Math.round(coverage.coverage * 100)
      : total > 0
        ? Math.round((coverage.covered.length / total) * 100)
        : null;

  return (
    <div className="coverage" data-testid="keyword-coverage">
      <h3 className="ats-sub">
        Keyword coverage
        {percent !== null && (
          <span className="coverage-percent">
            {percent}%
            {coverage.target !== null && (
              <span className="muted"> / target {Math.round(coverage.target * 100)}%</span>
            )}
          </span>
        )}
      </h3>
      {total === 0 ? (
        <p className="muted small">The job named no critical keywords.</p>
      ) : (
        <>
          <div className="coverage-bar" role="img" aria-label={`Keyword coverage: ${summary}.`}>
            {groups.map((group) =>
              group.count > 0 ? (
                <span
                  key={group.key}
                  className={`coverage-seg seg-${group.key}`}
                  style={{ flexGrow: group.count }}
                  title={`${group.label}: ${group.count}`}
                />
              ) : null,
            )}
          </div>
          <dl className="coverage-groups">
            {coverage.covered.length > 0 && (
              <div className="coverage-group">
                <dt>
                  <span className="legend seg-covered" aria-hidden="true" /> Covered (
                  {coverage.covered.length})
                </dt>
                <dd>
                  <ul className="kw-list">
                    {coverage.covered.map((term) => (
                      <li key={term} className="kw kw-covered">
                        {term}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {coverage.inPortfolio.length > 0 && (
              <div className="coverage-group">
                <dt>
                  <span className="legend seg-portfolio" aria-hidden="true" /> Missing here, but your
                  portfolio has it ({coverage.inPortfolio.length})
                </dt>
                <dd>
                  <ul className="kw-support">
                    {coverage.inPortfolio.map((entry) => (
                      <li key={entry.term}>
                        <span className="kw kw-portfolio">{entry.term}</span>
                        <span className="kw-from">
                          {entry.artifactIds.length > 0
                            ? entry.artifactIds.map((id, index) => (
                                <span key={id}>
                                  {index === 0 ? 'in ' : ', '}
                                  <Link to={`/artifacts/${encodeURIComponent(id)}`}>
                                    {artifactTitles[id] ?? entry.artifactTitles[index] ?? 'an artifact'}
                                  </Link>
                                </span>
                              ))
                            : entry.artifactTitles.length > 0
                              ? `in ${entry.artifactTitles.join(', ')}`
                              : 'in your portfolio'}
                        </span>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {coverage.missing.length > 0 && (
              <div className="coverage-group">
                <dt>
                  <span className="legend seg-missing" aria-hidden="true" /> Missing (
                  {coverage.missing.length})
                </dt>
                <dd>
                  <ul className="kw-list">
                    {coverage.missing.map((term) => (
                      <li key={term} className="kw kw-missing">
                        {term}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {coverage.notInPortfolio.length > 0 && (
              <div className="coverage-group">
                <dt>
                  <span className="legend seg-absent" aria-hidden="true" /> Not in your portfolio (
                  {coverage.notInPortfolio.length})
                </dt>
                <dd>
                  <ul className="kw-list">
                    {coverage.notInPortfolio.map((term) => (
                      <li key={term} className="kw kw-absent">
                        {term}
                      </li>
                    ))}
                  </ul>
                  <p className="muted small">
                    Left out of the score: add an artifact if you have the experience.
                  </p>
                </dd>
              </div>
            )}
          </dl>
          <p className="sr-only">{plural(total, 'critical keyword')} in the job.</p>
        </>
      )}
    </div>
  );
}
