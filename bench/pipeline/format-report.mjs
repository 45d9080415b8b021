// Tables and verdicts of the pipeline bench, from the JSON its measuring processes write.
import os from 'node:os';

const STAGES = ['parse', 'match', 'generate', 'ground', 'ats', 'export', 'unattributed', 'total'];
const KINDS = ['cv', 'cover-letter'];

export const fmt = (v, digits = 1) => (v === null || v === undefined ? '—' : Number(v).toFixed(digits));
export const pad = (s, n) => String(s).padStart(n);
export const verdict = (ok) => (ok === null ? 'SKIPPED' : ok ? 'PASS' : 'FAIL');

export function printSize(r) {
  const { cv, 'cover-letter': letter } = r.kinds;
  console.log(`\n${r.size} artifacts — ${r.runs} timed runs of each kind after ${r.warmup} warm-up (ms)`);
  console.log(
    `  ${'stage'.padEnd(24)}${pad('CV p50', 9)}${pad('CV p95', 9)}${pad('letter p50', 12)}${pad('letter p95', 12)}`,
  );
  for (const stage of STAGES) {
    const a = cv.stages[stage];
    const b = letter.stages[stage];
    const name =
      stage === 'ats' ? 'ats (renders PDF+DOCX)' : stage === 'export' ? 'export (reuses renders)' : stage;
    console.log(
      `  ${name.padEnd(24)}${pad(fmt(a.p50), 9)}${pad(fmt(a.p95), 9)}${pad(fmt(b.p50), 12)}${pad(fmt(b.p95), 12)}`,
    );
  }
  for (const format of ['pdf', 'docx']) {
    const a = cv.exportersAlone[format];
    const b = letter.exportersAlone[format];
    const name = `${format}-exporter alone`;
    console.log(
      `  ${name.padEnd(24)}${pad(fmt(a.p50), 9)}${pad(fmt(a.p95), 9)}${pad(fmt(b.p50), 12)}${pad(fmt(b.p95), 12)}`,
    );
  }
  const doc = (d) =>
    `${d.featuredArtifacts} artifacts cited, ATS ${d.atsScore}, PDF ${(d.pdfBytes / 1024).toFixed(1)} KiB`;
  console.log(`  documents: CV ${doc(cv.document)}; letter ${doc(letter.document)}`);
  const cpu = (k) => r.kinds[k].stages.cpu;
  console.log(
    `  ${'total CPU time'.padEnd(24)}${pad(fmt(cpu('cv').p50), 9)}${pad(fmt(cpu('cv').p95), 9)}` +
      `${pad(fmt(cpu('cover-letter').p50), 12)}${pad(fmt(cpu('cover-letter').p95), 12)}`,
  );
  const min = (k) => fmt(r.kinds[k].stages.total.min);
  console.log(`  total, fastest run: CV ${min('cv')} ms, letter ${min('cover-letter')} ms`);
  console.log(
    `  peak RSS: ${r.memory.maxRssMiB} MiB (kernel maxRSS), ${r.memory.sampledPeakMiB} MiB sampled every 50 ms; wall ${r.wallSeconds.toFixed(1)} s`,
  );
  if (r.otherCores !== null) {
    const busy = r.otherCores > 0.25 ? ' — the machine was shared; percentiles are pessimistic' : '';
    console.log(
      `  other processes used ${fmt(r.otherCores, 2)} of ${os.cpus().length} cores meanwhile${busy}`,
    );
  }
}

/** Time ratios between consecutive sizes against the artifact ratio; PASS when CPU time grows no faster. */
export function linearity(bySize, sizes) {
  const rows = [];
  for (let i = 1; i < sizes.length; i += 1) {
    const [small, large] = [bySize[sizes[i - 1]], bySize[sizes[i]]];
    if (!small || !large) continue;
    const artifactRatio = large.size / small.size;
    for (const kind of KINDS) {
      const ratio = (stat, stage = 'total') =>
        large.kinds[kind].stages[stage][stat] / small.kinds[kind].stages[stage][stat];
      const perStage = Object.fromEntries(
        STAGES.filter((s) => s !== 'unattributed').map((s) => [s, Math.round(ratio('p50', s) * 100) / 100]),
      );
      rows.push({
        kind,
        from: small.size,
        to: large.size,
        artifactRatio,
        timeRatioP50: Math.round(ratio('p50') * 100) / 100,
        timeRatioP95: Math.round(ratio('p95') * 100) / 100,
        msPerArtifactP50: {
          [small.size]: Math.round((small.kinds[kind].stages.total.p50 / small.size) * 1000) / 1000,
          [large.size]: Math.round((large.kinds[kind].stages.total.p50 / large.size) * 1000) / 1000,
        },
        cpuRatioP50: Math.round(ratio('p50', 'cpu') * 100) / 100,
        perStageRatioP50: perStage,
        // Judged on CPU time: a burst of other work on a shared machine inflates one size's wall time and
        // would otherwise decide the verdict. Wall-time ratios are reported beside it.
        pass: ratio('p50', 'cpu') <= artifactRatio,
      });
    }
  }
  return rows;
}
