// `npm run bench:eval`: the whole golden set through the evaluation harness with the template generator — a
// CV and a cover letter per case, each exported to PDF and DOCX, the built-in ATS checkers and every emulated
// ATS profile — and prints cases/s, wall time and peak RSS. Target: the full golden set in ≤ 60 s on the
// 2-core reference machine. Needs a build (`npm run build`).
//
//   npm run bench:eval [-- --golden <dir>] [--workers N] [--concurrency N] [--repeat N] [--limit N] [--json]
//
// Results also go to bench/results/eval-<timestamp>.json (gitignored).
// --repeat evaluates each case N times (as distinct cases) to project a larger set from a small one.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'packages/api/dist/eval');
const MINI = path.join(ROOT, 'packages/api/src/eval/test-fixtures/golden-mini');

const { values } = parseArgs({
  options: {
    golden: { type: 'string', default: path.join(ROOT, 'golden') },
    concurrency: { type: 'string', default: '2' },
    workers: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '1' },
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

for (const file of ['run-evaluation.js', 'load-golden.js']) {
  if (!existsSync(path.join(DIST, file))) {
    console.error(`not built: packages/api/dist/eval/${file}; run \`npm run build\` first`);
    process.exit(2);
  }
}
const { runEvaluation, loadAtsEmulation } = await import(
  pathToFileURL(path.join(DIST, 'run-evaluation.js')).href
);
const { loadGolden } = await import(pathToFileURL(path.join(DIST, 'load-golden.js')).href);

let goldenDir = path.resolve(values.golden);
const notes = [];
if (!existsSync(path.join(goldenDir, 'personas'))) {
  notes.push(
    `${path.relative(ROOT, goldenDir) || goldenDir} has no personas/: measured on the mini golden set instead`,
  );
  goldenDir = MINI;
}
const golden = await loadGolden(goldenDir);
const repeat = Math.max(1, Number(values.repeat) || 1);
if (repeat > 1) {
  const base = golden.cases;
  golden.cases = Array.from({ length: repeat }, (_, r) =>
    base.map((c) => ({ ...c, id: `${c.id}#${r + 1}` })),
  ).flat();
  notes.push(`each of the ${base.length} cases evaluated ${repeat} times`);
}
const emulation = await loadAtsEmulation();
if (!emulation) notes.push('the emulated ATS suite is not in this build: the figures leave it out');
const workers = Math.max(1, Number(values.workers) || 1);

const rssSamples = [];
const sampler = setInterval(() => rssSamples.push(process.memoryUsage.rss()), 100);
const started = performance.now();
const report = await runEvaluation({
  golden,
  concurrency: Math.max(1, Number(values.concurrency) || 2),
  ...(values.limit ? { limit: Number(values.limit) } : {}),
  workers,
});
const wallMs = performance.now() - started;
clearInterval(sampler);
// maxRSS is the kernel's high-water mark for the process (KiB, worker threads included), which also covers
// moments between samples.
const peakRssMb = Math.max(process.resourceUsage().maxRSS / 1024, ...rssSamples.map((b) => b / 2 ** 20));

const stages = {};
for (const c of report.cases) {
  for (const doc of [c.cv, c.coverLetter]) {
    for (const [stage, ms] of Object.entries(doc.latencyMs)) {
      if (stage !== 'total') stages[stage] = (stages[stage] ?? 0) + ms;
    }
  }
}
const result = {
  golden: path.relative(ROOT, goldenDir) || goldenDir,
  cases: report.cases.length,
  documents: report.cases.length * 2,
  errors: report.cases.filter((c) => c.error !== null).length,
  concurrency: Math.max(1, Number(values.concurrency) || 2),
  workers,
  wallSeconds: Number((wallMs / 1000).toFixed(2)),
  casesPerSecond: Number((report.cases.length / (wallMs / 1000)).toFixed(2)),
  msPerCase: Number((wallMs / report.cases.length).toFixed(1)),
  peakRssMb: Number(peakRssMb.toFixed(0)),
  stageSecondsTotal: Object.fromEntries(
    Object.entries(stages).map(([k, v]) => [k, Number((v / 1000).toFixed(2))]),
  ),
  atsEmulation: Boolean(emulation),
  passed: report.summary.passed,
  notes,
};
const resultsDir = path.join(ROOT, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, `eval-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(resultsFile, `${JSON.stringify(result, null, 2)}\n`);
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `golden set      ${result.golden} (${result.cases} cases, ${result.documents} documents, ${result.errors} errors)`,
  );
  console.log(
    `wall time       ${result.wallSeconds} s with ${result.workers} worker thread(s), ${result.concurrency} cases in flight each`,
  );
  console.log(`throughput      ${result.casesPerSecond} cases/s (${result.msPerCase} ms per case)`);
  console.log(`peak RSS        ${result.peakRssMb} MB`);
  console.log(
    `stage totals    ${Object.entries(result.stageSecondsTotal)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')}`,
  );
  console.log(`gate            ${result.passed ? 'passed' : 'FAILED'}`);
  for (const n of notes) console.log(`note: ${n}`);
  console.log(`results         ${path.relative(ROOT, resultsFile)}`);
}
