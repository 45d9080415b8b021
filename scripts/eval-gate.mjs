// The evaluation gate of `npm test`: `dossier eval` on golden/ with the template generator, each threshold
// counted as one test in the summary line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const GATE_THRESHOLDS = {
  keywordCoverageMean: 0.9,
  atsPassRate: 0.95,
  groundingMean: 1,
  maxFabrications: 0,
};

/** The gate's checks over `dossier eval --json` output: [{ name, ok, detail }]. */
export function gateChecks(summary, t = GATE_THRESHOLDS) {
  const m = summary?.metrics;
  if (!m) return [{ name: 'evaluation output', ok: false, detail: 'no metrics in the output' }];
  const ran = !(summary.failures ?? []).some((f) => /failed to run|no cases/.test(f));
  return [
    { name: 'every case ran', ok: ran && summary.cases > 0, detail: `${summary.cases} cases` },
    {
      name: `keyword coverage mean ≥ ${t.keywordCoverageMean}`,
      ok: m.keywordCoverage.mean >= t.keywordCoverageMean - 1e-9,
      detail: m.keywordCoverage.mean.toFixed(4),
    },
    {
      name: `ATS pass rate ≥ ${t.atsPassRate}`,
      ok: m.atsPassRate >= t.atsPassRate - 1e-9,
      detail: m.atsPassRate.toFixed(4),
    },
    {
      name: `grounding mean ≥ ${t.groundingMean}`,
      ok: m.grounding.mean >= t.groundingMean - 1e-9,
      detail: m.grounding.mean.toFixed(4),
    },
    {
      name: `fabrications ≤ ${t.maxFabrications}`,
      ok: m.fabrications <= t.maxFabrications,
      detail: String(m.fabrications),
    },
  ];
}

/**
 * Runs the gate from the repository root with the built CLI. Returns { passed, failed, skipped } to add to
 * the summary line; a missing golden set (or a missing build) is one skipped check, said out loud.
 */
export function runEvalGate(root, { reportDir } = {}) {
  const golden = path.join(root, 'golden');
  const cli = path.join(root, 'packages/api/dist/cli/main.js');
  if (!existsSync(path.join(golden, 'personas'))) {
    process.stderr.write('evaluation gate skipped: golden/personas does not exist yet\n');
    return { passed: 0, failed: 0, skipped: 1 };
  }
  if (!existsSync(cli)) {
    process.stderr.write('evaluation gate could not run: the CLI is not built\n');
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const args = [cli, 'eval', '--golden', golden, '--json', '--no-ats-emulation'];
  if (reportDir) args.push('--report', reportDir);
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
    maxBuffer: 64 * 1024 * 1024,
  });
  let summary;
  try {
    summary = JSON.parse(r.stdout);
  } catch {
    process.stderr.write(`evaluation gate: dossier eval failed (exit ${r.status}):\n${r.stderr}\n`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const checks = gateChecks(summary);
  for (const c of checks) process.stderr.write(`  ${c.ok ? '✔' : '✘'} eval: ${c.name} (${c.detail})\n`);
  if (r.status !== 0 && checks.every((c) => c.ok)) {
    // A regression or another failure the checks above do not name.
    process.stderr.write(
      `evaluation gate: dossier eval exited ${r.status}: ${(summary.failures ?? []).join('; ')}\n`,
    );
    return { passed: checks.length, failed: 1, skipped: 0 };
  }
  const failed = checks.filter((c) => !c.ok).length;
  return { passed: checks.length - failed, failed, skipped: 0 };
}
