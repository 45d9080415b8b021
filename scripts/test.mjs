// `npm test`: provision system packages, check formatting/lint and types, build what the browser tests
// serve, run the unit and integration projects, then the browser tests, and print one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runEvalGate } from './eval-gate.mjs';
import { provision } from './provision.mjs';

process.env.TURBO_TELEMETRY_DISABLED = '1';
const root = path.resolve(import.meta.dirname, '..');
const results = { passed: 0, failed: 0, skipped: 0 };
const steps = [];

function run(name, cmd, args, { count = true } = {}) {
  const started = Date.now();
  process.stderr.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  if (count) ok ? results.passed++ : results.failed++;
  return ok;
}

provision();

// Static checks count as one test each: a red lint or typecheck fails the run like a failing test.
run('lint (biome)', 'npx', ['biome', 'ci', '.']);
run('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
const built = run('build', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);

const reportDir = path.join(root, '.test-tmp');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

// Browser tests run after the rest, on their own: Chromium competing with a full parallel run on two cores
// makes timing-sensitive page waits flaky. Without a build there is nothing for them to serve.
const runs = [
  { name: 'vitest', projects: ['core', 'plugins', 'api', 'repo'] },
  ...(built ? [{ name: 'vitest e2e', projects: ['e2e'] }] : []),
];
for (const { name, projects } of runs) {
  const report = path.join(reportDir, `${name.replace(/\s+/g, '-')}.json`);
  const args = projects.flatMap((p) => ['--project', p]);
  run(
    name,
    'npx',
    ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    {
      count: false,
    },
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    results.passed += json.numPassedTests ?? 0;
    results.failed +=
      (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0) - countSuiteOnlyFailures(json);
    results.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  } catch (err) {
    process.stderr.write(`could not read the ${name} report: ${err.message}\n`);
    results.failed += 1;
  }
}
// The evaluation gate: the golden set through the built CLI with the template generator; each threshold is
// one test (keyword coverage, ATS pass rate, grounding, fabrications, every case ran).
if (built) {
  const started = Date.now();
  process.stderr.write('\n▶ evaluation gate (dossier eval --golden golden)\n');
  const gate = runEvalGate(root, { reportDir: path.join(reportDir, 'eval') });
  steps.push({
    name: 'evaluation gate',
    ok: gate.failed === 0,
    seconds: ((Date.now() - started) / 1000).toFixed(1),
  });
  results.passed += gate.passed;
  results.failed += gate.failed;
  results.skipped += gate.skipped;
}
if (!built) {
  process.stderr.write(
    'the build failed, so the browser tests, the CLI tests that need dist/ and the evaluation gate could not run\n',
  );
}

// A test file that fails to load has no failing test in it; count it once so it cannot pass silently.
function countSuiteOnlyFailures(json) {
  let n = 0;
  for (const f of json.testResults ?? []) {
    if (f.status === 'failed' && (f.assertionResults ?? []).some((a) => a.status === 'failed')) n++;
  }
  return n;
}

process.stderr.write('\n');
for (const s of steps) process.stderr.write(`  ${s.ok ? '✔' : '✘'} ${s.name} (${s.seconds}s)\n`);
console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed > 0 ? 1 : 0);
