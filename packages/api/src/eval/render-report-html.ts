import type { CaseResult, EvalReport, MetricSummary, PairedComparison } from './types.js';

/** HTML-escapes text for element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const fmt = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined || Number.isNaN(v)
    ? '–'
    : Number.isInteger(v)
      ? String(v)
      : v.toFixed(digits);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** A histogram as inline SVG: `bins` equal-width bins between the values' min and max. */
export function histogramSvg(title: string, values: readonly number[], bins = 10): string {
  const width = 280;
  const height = 120;
  const pad = 22;
  if (values.length === 0)
    return `<figure><svg width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}: no data"><text x="10" y="60">no data</text></svg><figcaption>${escapeHtml(title)}</figcaption></figure>`;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - min) / span) * bins))]!++;
  const top = Math.max(...counts);
  const barW = (width - 2 * pad) / bins;
  const bars = counts
    .map((n, i) => {
      const h = ((height - 2 * pad) * n) / top;
      const x = pad + i * barW;
      const lo = min + (span * i) / bins;
      return `<rect x="${x.toFixed(1)}" y="${(height - pad - h).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#2563eb"><title>${escapeHtml(`${fmt(lo)}–${fmt(lo + span / bins)}: ${n}`)}</title></rect>`;
    })
    .join('');
  return `<figure><svg width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)} histogram">${bars}<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#555"/><text x="${pad}" y="${height - 6}" font-size="10">${escapeHtml(fmt(min))}</text><text x="${width - pad}" y="${height - 6}" font-size="10" text-anchor="end">${escapeHtml(fmt(max))}</text><text x="${pad}" y="12" font-size="10">max ${top} cases</text></svg><figcaption>${escapeHtml(title)} (n=${values.length})</figcaption></figure>`;
}

/** Paired bars (baseline vs current, or A vs B) per metric, on a 0–1 scale. */
function pairedBarsSvg(
  rows: Array<{ label: string; a: number; b: number }>,
  names: [string, string],
): string {
  const rowH = 26;
  const labelW = 170;
  const barMax = 260;
  const height = rows.length * rowH + 24;
  const body = rows
    .map((r, i) => {
      const y = 20 + i * rowH;
      const wa = Math.max(0, Math.min(1, r.a)) * barMax;
      const wb = Math.max(0, Math.min(1, r.b)) * barMax;
      return `<text x="0" y="${y + 12}" font-size="11">${escapeHtml(r.label)}</text><rect x="${labelW}" y="${y}" width="${wa.toFixed(1)}" height="9" fill="#94a3b8"><title>${escapeHtml(`${names[0]}: ${fmt(r.a)}`)}</title></rect><rect x="${labelW}" y="${y + 10}" width="${wb.toFixed(1)}" height="9" fill="#2563eb"><title>${escapeHtml(`${names[1]}: ${fmt(r.b)}`)}</title></rect>`;
    })
    .join('');
  const legend = `<rect x="${labelW}" y="2" width="10" height="10" fill="#94a3b8"/><text x="${labelW + 14}" y="11" font-size="11">${escapeHtml(names[0])}</text><rect x="${labelW + 120}" y="2" width="10" height="10" fill="#2563eb"/><text x="${labelW + 134}" y="11" font-size="11">${escapeHtml(names[1])}</text>`;
  return `<svg width="${labelW + barMax + 10}" height="${height}" role="img" aria-label="${escapeHtml(`${names[0]} and ${names[1]} compared`)}">${legend}${body}</svg>`;
}

function summaryRows(report: EvalReport): string {
  const m = report.summary.metrics;
  const row = (name: string, s: MetricSummary | null, digits = 3) =>
    s
      ? `<tr><th>${escapeHtml(name)}</th><td>${fmt(s.mean, digits)}</td><td>${fmt(s.median, digits)}</td><td>${fmt(s.min, digits)}</td><td>${fmt(s.max, digits)}</td><td>${fmt(s.ci95[0], digits)} – ${fmt(s.ci95[1], digits)}</td><td>${s.n}</td></tr>`
      : `<tr><th>${escapeHtml(name)}</th><td colspan="6">no reference documents</td></tr>`;
  return [
    row('keyword coverage (CV)', m.keywordCoverage),
    `<tr><th>ATS pass rate (CV)</th><td colspan="6">${pct(m.atsPassRate)}</td></tr>`,
    row('emulated ATS pass rate (CV)', m.atsEmulationPassRate),
    row('grounding', m.grounding),
    `<tr><th>fabrications</th><td colspan="6">${m.fabrications}</td></tr>`,
    row('nDCG@5 (CV)', m.ndcgAt5),
    row('must-feature recall (CV)', m.mustFeatureRecall),
    row('ROUGE-L F', m.rougeL),
    row('keyword-weighted overlap', m.keywordWeightedOverlap),
    row('evidence coverage (CV)', m.evidenceCoverage),
    row('words', m.words, 0),
    row('Flesch reading ease', m.readability, 1),
    row('latency per case (ms)', m.latencyMs, 0),
    `<tr><th>tokens / cost</th><td colspan="6">${m.tokens} / $${m.costUsd.toFixed(4)}</td></tr>`,
  ].join('');
}

function caseTable(cases: CaseResult[]): string {
  const sorted = [...cases].sort(
    (a, b) =>
      Number(b.failures.length > 0) - Number(a.failures.length > 0) || a.caseId.localeCompare(b.caseId),
  );
  const cell = (v: number | null, digits = 3) => `<td data-v="${v ?? ''}">${fmt(v, digits)}</td>`;
  const rows = sorted
    .map(
      (c) =>
        `<tr class="${c.failures.length > 0 ? 'fail' : 'ok'}"><td data-v="${c.failures.length > 0 ? 0 : 1}">${c.failures.length > 0 ? 'FAIL' : 'ok'}</td><td>${escapeHtml(c.caseId)}</td><td>${escapeHtml(c.field)}</td>${cell(c.cv.keywordCoverage)}${cell(c.cv.atsScore, 0)}${cell(c.cv.atsEmulationPassRate)}${cell(Math.min(c.cv.grounding, c.coverLetter.grounding))}${cell(c.cv.fabrications + c.coverLetter.fabrications, 0)}${cell(c.cv.ndcgAt5)}${cell(c.cv.mustFeatureRecall)}${cell(c.cv.rougeL)}${cell(c.cv.evidenceCoverage)}${cell(c.cv.words, 0)}${cell(c.cv.readability, 1)}${cell((c.cv.latencyMs.total ?? 0) + (c.coverLetter.latencyMs.total ?? 0), 0)}<td>${escapeHtml(c.failures.join('; '))}</td></tr>`,
    )
    .join('');
  const heads = [
    'status',
    'case',
    'field',
    'keywords',
    'ATS',
    'emulated ATS',
    'grounding',
    'fabrications',
    'nDCG@5',
    'recall',
    'ROUGE-L',
    'evidence',
    'words',
    'Flesch',
    'ms',
    'failures',
  ];
  return `<table class="sortable"><thead><tr>${heads.map((h) => `<th scope="col" tabindex="0">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

function compareSection(report: EvalReport): string {
  const compare = report.compare;
  if (!compare) return '';
  const a = report.config.name;
  const b = compare.config.name;
  const rows = compare.comparisons
    .map(
      (c) =>
        `<tr class="${c.pValue < 0.05 ? 'sig' : ''}"><th>${escapeHtml(c.metric)}</th><td>${fmt(c.meanA)}</td><td>${fmt(c.meanB)}</td><td>${c.meanDelta >= 0 ? '+' : ''}${fmt(c.meanDelta)}</td><td>${fmt(c.pValue, 4)}</td><td>${c.perCase.length}</td></tr>`,
    )
    .join('');
  const bars = pairedBarsSvg(
    compare.comparisons
      .filter((c) =>
        [
          'keywordCoverage',
          'atsEmulationPassRate',
          'grounding',
          'ndcgAt5',
          'mustFeatureRecall',
          'rougeL',
          'keywordWeightedOverlap',
          'evidenceCoverage',
        ].includes(c.metric),
      )
      .map((c) => ({ label: c.metric, a: c.meanA, b: c.meanB })),
    [a, b],
  );
  const perCase = (c: PairedComparison) =>
    `<details><summary>${escapeHtml(c.metric)}: per-case deltas</summary><table class="sortable"><thead><tr><th tabindex="0">case</th><th tabindex="0">${escapeHtml(a)}</th><th tabindex="0">${escapeHtml(b)}</th><th tabindex="0">delta</th></tr></thead><tbody>${[
      ...c.perCase,
    ]
      .sort((x, y) => x.delta - y.delta)
      .map(
        (p) =>
          `<tr><td>${escapeHtml(p.caseId)}</td><td data-v="${p.a}">${fmt(p.a)}</td><td data-v="${p.b}">${fmt(p.b)}</td><td data-v="${p.delta}" class="${p.delta < 0 ? 'neg' : p.delta > 0 ? 'pos' : ''}">${p.delta >= 0 ? '+' : ''}${fmt(p.delta)}</td></tr>`,
      )
      .join('')}</tbody></table></details>`;
  return `<section><h2>${escapeHtml(a)} vs ${escapeHtml(b)}</h2><p>Paired over the cases both configurations completed; p is the two-sided Wilcoxon signed-rank test (normal approximation, tie-corrected). Rows with p &lt; 0.05 are marked.</p><p>${escapeHtml(b)}: ${compare.summary.passed ? 'passes' : `fails (${escapeHtml(compare.summary.failures.join('; '))})`}.</p>${bars}<table><thead><tr><th>metric</th><th>${escapeHtml(a)}</th><th>${escapeHtml(b)}</th><th>delta</th><th>p</th><th>n</th></tr></thead><tbody>${rows}</tbody></table>${compare.comparisons.map(perCase).join('')}</section>`;
}

function baselineSection(report: EvalReport): string {
  const baseline = report.baseline;
  if (!baseline) return '';
  const rows = baseline.deltas
    .map(
      (d) =>
        `<tr class="${d.regressed ? 'fail' : ''}"><th>${escapeHtml(d.metric)}</th><td>${fmt(d.baseline)}</td><td>${fmt(d.current)}</td><td>${d.current - d.baseline >= 0 ? '+' : ''}${fmt(d.current - d.baseline)}</td><td>${d.regressed ? 'REGRESSED' : 'ok'}</td></tr>`,
    )
    .join('');
  const bars = pairedBarsSvg(
    baseline.deltas
      .filter((d) => d.metric !== 'fabrications')
      .map((d) => ({ label: d.metric, a: d.baseline, b: d.current })),
    ['baseline', 'current'],
  );
  return `<section><h2>Trend against the baseline</h2><p>Baseline: ${escapeHtml(baseline.file)}; tolerance ${fmt(report.thresholds.regressionTolerance)}.</p>${bars}<table><thead><tr><th>metric</th><th>baseline</th><th>current</th><th>delta</th><th></th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const SORT_SCRIPT = `document.querySelectorAll('table.sortable').forEach(function(t){t.querySelectorAll('th').forEach(function(th,i){function sort(){var b=t.tBodies[0],rows=[].slice.call(b.rows),dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir===1?'asc':'desc';rows.sort(function(x,y){var a=x.cells[i],c=y.cells[i],va=a.dataset.v,vc=c.dataset.v;if(va!==undefined&&vc!==undefined&&va!==''&&vc!=='')return dir*(Number(va)-Number(vc));return dir*a.textContent.localeCompare(c.textContent)});rows.forEach(function(r){b.appendChild(r)})}th.addEventListener('click',sort);th.addEventListener('keydown',function(e){if(e.key==='Enter')sort()})})});`;

/** The report as one self-contained HTML page: no external scripts, styles, fonts or images. */
export function renderReportHtml(report: EvalReport): string {
  const ok = report.cases.filter((c) => c.error === null);
  const charts = [
    histogramSvg(
      'CV keyword coverage',
      ok.map((c) => c.cv.keywordCoverage),
    ),
    histogramSvg(
      'CV ATS score',
      ok.map((c) => c.cv.atsScore),
    ),
    histogramSvg(
      'emulated ATS pass rate',
      ok.map((c) => c.cv.atsEmulationPassRate),
    ),
    histogramSvg(
      'grounding (CV and letter)',
      ok.flatMap((c) => [c.cv.grounding, c.coverLetter.grounding]),
    ),
    histogramSvg(
      'CV nDCG@5',
      ok.map((c) => c.cv.ndcgAt5),
    ),
    histogramSvg(
      'ROUGE-L F',
      ok.flatMap((c) => [c.cv.rougeL, c.coverLetter.rougeL]).filter((v): v is number => v !== null),
    ),
    histogramSvg(
      'words (CV and letter)',
      ok.flatMap((c) => [c.cv.words, c.coverLetter.words]),
    ),
    histogramSvg(
      'Flesch reading ease',
      ok.flatMap((c) => [c.cv.readability, c.coverLetter.readability]),
    ),
    histogramSvg(
      'latency per case (ms)',
      ok.map((c) => (c.cv.latencyMs.total ?? 0) + (c.coverLetter.latencyMs.total ?? 0)),
    ),
  ].join('');
  const byField = Object.entries(report.summary.byField)
    .map(
      ([field, f]) =>
        `<tr><th>${escapeHtml(field)}</th><td>${f.cases}</td><td>${fmt(f.keywordCoverage)}</td><td>${pct(f.atsPassRate)}</td><td>${fmt(f.grounding)}</td></tr>`,
    )
    .join('');
  const s = report.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dossier evaluation — ${escapeHtml(report.config.name)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:1400px}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
thead th{background:#f1f5f9;cursor:pointer}tr.fail td,tr.fail th{background:#fef2f2}tr.sig th{background:#fef9c3}
.neg{color:#b91c1c}.pos{color:#15803d}.charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}figcaption{font-size:12px;color:#444}
.verdict{font-size:18px;font-weight:600}.verdict.bad{color:#b91c1c}.verdict.good{color:#15803d}
</style></head><body>
<h1>Dossier evaluation</h1>
<p>Configuration <b>${escapeHtml(report.config.name)}</b> (generators: ${escapeHtml(report.config.generator)}) · ${s.cases} cases · golden ${escapeHtml(report.golden.dir ?? '–')}${report.golden.corpus ? ` · corpus ${escapeHtml(report.golden.corpus)}` : ''} · ${escapeHtml(report.startedAt)} → ${escapeHtml(report.finishedAt)}</p>
<p class="verdict ${s.passed ? 'good' : 'bad'}">${s.passed ? 'PASSED' : 'FAILED'}${s.failures.length > 0 ? `: ${escapeHtml(s.failures.join('; '))}` : ''}</p>
<p>Thresholds: keyword coverage mean ≥ ${fmt(report.thresholds.keywordCoverageMean)}, ATS pass rate ≥ ${fmt(report.thresholds.atsPassRate)}, grounding mean ≥ ${fmt(report.thresholds.groundingMean)}, fabrications ≤ ${report.thresholds.maxFabrications}, regression tolerance ${fmt(report.thresholds.regressionTolerance)}.</p>
${report.notes?.length ? `<ul>${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
<section><h2>Summary</h2><table><thead><tr><th>metric</th><th>mean</th><th>median</th><th>min</th><th>max</th><th>95% CI of the mean</th><th>n</th></tr></thead><tbody>${summaryRows(report)}</tbody></table>
<h3>By field</h3><table><thead><tr><th>field</th><th>cases</th><th>keyword coverage</th><th>ATS pass</th><th>grounding</th></tr></thead><tbody>${byField}</tbody></table></section>
<section><h2>Distributions</h2><div class="charts">${charts}</div></section>
${baselineSection(report)}
${compareSection(report)}
<section><h2>Cases</h2><p>Failures first; click a column to sort. CV values unless noted; grounding is the lower of CV and letter, fabrications their sum.</p>${caseTable(report.cases)}</section>
<script>${SORT_SCRIPT}</script>
</body></html>
`;
}
