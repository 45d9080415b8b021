// `npm run bench:pipeline`: the template pipeline end to end (parse the job → match → CV and letter → ATS →
// PDF and DOCX) on synthetic 50-, 200- and 1,000-artifact portfolios, each size in its own Node process
// (p50/p95 per stage and in total, peak RSS), then the same CV as HTML printed to PDF by headless Chromium
// against our pdf-exporter. Prints every figure and each target's PASS/FAIL and writes
// bench/results/pipeline-<timestamp>.json. Needs a build (`npx turbo run build`) and /usr/bin/chromium (or
// BENCH_CHROMIUM_PATH). Every child process and the browser stop by themselves. See bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, linearity, pad, printSize, verdict } from './format-report.mjs';
import { assertBuilt, ROOT } from './load-pipeline.mjs';
import { machineBusySeconds } from './stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const int = (v, d) => (v === undefined || v === '' ? d : Number.parseInt(v, 10));
const list = (v, d) => (v ? v.split(',').map((s) => Number.parseInt(s.trim(), 10)) : d);

const sizes = list(env.BENCH_SIZES, [50, 200, 1000]);
const cfg = {
  sizes,
  runs: list(
    env.BENCH_RUNS,
    sizes.map((s) => (s >= 1000 ? 15 : 40)),
  ),
  warmup: int(env.BENCH_WARMUP, 5),
  seed: int(env.BENCH_SEED, 42),
  exporterRuns: int(env.BENCH_EXPORTER_RUNS, 10),
  chromiumRuns: int(env.BENCH_CHROMIUM_RUNS, 30),
  chromiumWarmup: int(env.BENCH_CHROMIUM_WARMUP, 30),
  chromiumBlock: int(env.BENCH_CHROMIUM_BLOCK, 10),
  chromiumSize: int(env.BENCH_CHROMIUM_SIZE, 200),
  chromiumPath: env.BENCH_CHROMIUM_PATH ?? '/usr/bin/chromium',
  skipChromium: env.BENCH_SKIP_CHROMIUM === '1',
  // Writes a .cpuprofile per child process under bench/results/ (adds some overhead to every figure).
  cpuProfile: env.BENCH_CPU_PROF === '1',
  // Exit with 2 when a target fails (the default exits 0 whenever the measurement itself completed).
  strict: env.BENCH_STRICT === '1',
  childTimeoutMs: int(env.BENCH_CHILD_TIMEOUT_S, 900) * 1000,
};
const TARGETS = { totalP95Ms: 150, targetSize: 200, chromiumRatio: 10 };
const KINDS = ['cv', 'cover-letter'];

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = path.join(ROOT, 'bench/results');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-pipeline-'));
const children = new Set();

function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}

/** Runs one measuring script in a fresh Node process and returns the JSON it wrote. */
function runChild(script, job, label) {
  const out = path.join(tmp, `${label}.json`);
  const nodeArgs = cfg.cpuProfile
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        path.join(resultsDir, `profiles-${stamp}`),
        '--cpu-prof-name',
        `${label}.cpuprofile`,
      ]
    : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, path.join(HERE, script), out], {
      cwd: ROOT,
      env: { ...env, BENCH_PIPELINE_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.add(child);
    const timer = setTimeout(() => child.kill('SIGTERM'), cfg.childTimeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(JSON.parse(readFileSync(out, 'utf8')));
      else reject(new Error(`${label}: exited with ${signal ?? code}`));
    });
  });
}

async function main() {
  assertBuilt();
  const load = () => os.loadavg().map((v) => Math.round(v * 100) / 100);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadAvgStart: load(),
  };
  console.log(
    `Pipeline bench: template path, job fixtures/pipeline/jobs/backend-engineer.txt, seed ${cfg.seed}, ` +
      `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAvgStart.join(' ')}`,
  );
  if (machine.loadAvgStart[0] > machine.cpus * 0.5) {
    console.log('  note: the machine is busy with other work; expect noisy percentiles.');
  }

  const bySize = {};
  for (const [i, size] of cfg.sizes.entries()) {
    const job = {
      size,
      runs: cfg.runs[i] ?? cfg.runs.at(-1),
      warmup: cfg.warmup,
      seed: cfg.seed,
      exporterRuns: cfg.exporterRuns,
    };
    const busyBefore = machineBusySeconds();
    const started = performance.now();
    bySize[size] = await runChild('measure-size.mjs', job, `size-${size}`);
    const elapsed = (performance.now() - started) / 1000;
    // Cores' worth of CPU that something other than this size's process used while it ran.
    bySize[size].otherCores =
      busyBefore === null
        ? null
        : Math.max(
            0,
            Math.round(((machineBusySeconds() - busyBefore - bySize[size].cpuSeconds) / elapsed) * 100) / 100,
          );
    printSize(bySize[size]);
  }

  let browser = null;
  let browserNote = null;
  if (cfg.skipChromium) browserNote = 'skipped (BENCH_SKIP_CHROMIUM=1)';
  else if (!existsSync(cfg.chromiumPath)) {
    browserNote = `no Chromium at ${cfg.chromiumPath}: apt-get install -y chromium (as root), or set BENCH_CHROMIUM_PATH`;
  } else {
    const job = {
      size: cfg.chromiumSize,
      seed: cfg.seed,
      runs: cfg.chromiumRuns,
      warmup: cfg.chromiumWarmup,
      block: cfg.chromiumBlock,
      executablePath: cfg.chromiumPath,
    };
    try {
      browser = await runChild('measure-chromium.mjs', job, 'chromium');
    } catch (error) {
      browserNote = `failed: ${error.message} (is playwright-core installed? npm ci installs it with @dossier/api)`;
    }
  }
  if (browser) {
    console.log(
      `\nPDF export of the same CV (${browser.size} artifacts), ${browser.runs} runs each after ${browser.warmup} warm-up (ms)`,
    );
    console.log(`  ${''.padEnd(44)}${pad('p50', 8)}${pad('p95', 8)}${pad('pages', 7)}${pad('KiB', 7)}`);
    const row = (name, s) =>
      console.log(
        `  ${name.padEnd(44)}${pad(fmt(s.p50), 8)}${pad(fmt(s.p95), 8)}${pad(s.pages ?? '', 7)}${pad(s.bytes ? (s.bytes / 1024).toFixed(1) : '', 7)}`,
      );
    row('pdf-exporter (pdfkit) alone', browser.ours);
    row(`Chromium ${browser.chromiumVersion} page.pdf (warm page)`, browser.chromiumPrint);
    row('Chromium setContent + page.pdf', browser.chromiumSetContentAndPrint);
    const { steady } = browser;
    row(`back to back, blocks of ${steady.block}: pdf-exporter`, steady.ours);
    row(`back to back, blocks of ${steady.block}: Chromium page.pdf`, steady.chromiumPrint);
    console.log(
      `  CPU time per export: ours ${browser.cpuMsPerExport.ours} ms, Chromium ${browser.cpuMsPerExport.chromium} ms ` +
        `over its ${browser.cpuMsPerExport.chromiumProcesses} processes (×${browser.cpuMsPerExport.ratio})`,
    );
    console.log(
      `  ratio of p50s: ${browser.ratioP50}× (print only, one call each in turn), ${steady.ratioP50}× (print only, back to back), ` +
        `${browser.ratioP50WithSetContent}× (with setContent); ` +
        `Chromium tree peak PSS ${browser.memory.chromiumTreePeakPssMiB} MiB, Node ${browser.memory.node.maxRssMiB} MiB`,
    );
  } else console.log(`\nChromium comparison: ${browserNote}`);

  const lin = linearity(bySize, cfg.sizes);
  if (lin.length > 0) {
    console.log('\nGrowth with artifacts (p50 per run; PASS when the CPU-time ratio ≤ the artifact ratio)');
    for (const r of lin) {
      console.log(
        `  ${r.kind.padEnd(13)}${pad(`${r.from}→${r.to}`, 9)}  ×${r.artifactRatio} artifacts: CPU ×${fmt(r.cpuRatioP50, 2)}, wall ×${fmt(r.timeRatioP50, 2)} (p95 ×${fmt(r.timeRatioP95, 2)}), ` +
          `ms/artifact ${Object.values(r.msPerArtifactP50).join(' → ')}, match ×${r.perStageRatioP50.match}, ats ×${r.perStageRatioP50.ats}  ${verdict(r.pass)}`,
      );
    }
  }

  const atTarget = bySize[TARGETS.targetSize];
  const targets = {
    totalP95At200: {
      target: `total p95 ≤ ${TARGETS.totalP95Ms} ms at ${TARGETS.targetSize} artifacts (CV and letter)`,
      measured: atTarget
        ? Object.fromEntries(KINDS.map((k) => [k, atTarget.kinds[k].stages.total.p95]))
        : null,
      pass: atTarget ? KINDS.every((k) => atTarget.kinds[k].stages.total.p95 <= TARGETS.totalP95Ms) : null,
    },
    pdfVsChromium: {
      target: `our PDF export ≥ ${TARGETS.chromiumRatio}× faster than Chromium's (p50, print only; back to back, and one call each in turn)`,
      measured: browser
        ? `${browser.steady.ratioP50}× back to back, ${browser.ratioP50}× one call each in turn`
        : null,
      pass: browser
        ? browser.steady.ratioP50 >= TARGETS.chromiumRatio && browser.ratioP50 >= TARGETS.chromiumRatio
        : null,
    },
    linearGrowth: {
      target: 'cost grows no faster than linearly with artifacts (CPU-time p50 ratio ≤ artifact ratio)',
      measured: lin.map(
        (r) =>
          `${r.kind} ${r.from}→${r.to}: ×${r.cpuRatioP50} (wall ×${r.timeRatioP50}) for ×${r.artifactRatio}`,
      ),
      pass: lin.length > 0 ? lin.every((r) => r.pass) : null,
    },
  };
  console.log('\nTargets');
  for (const t of Object.values(targets)) {
    const shown = Array.isArray(t.measured)
      ? t.measured.join('; ')
      : typeof t.measured === 'object' && t.measured
        ? Object.entries(t.measured)
            .map(([k, v]) => `${k} ${v} ms`)
            .join(', ')
        : (t.measured ?? '—');
    console.log(`  ${verdict(t.pass).padEnd(8)}${t.target}: ${shown}`);
  }

  machine.loadAvgEnd = load();
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `pipeline-${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: stamp, machine, config: cfg, sizes: bySize, chromium: browser ?? browserNote, linearity: lin, targets }, null, 2)}\n`,
  );
  console.log(
    `\nload average at the end ${machine.loadAvgEnd.join(' ')}; results: ${path.relative(ROOT, file)}`,
  );
  if (cfg.strict && Object.values(targets).some((t) => t.pass === false)) process.exitCode = 2;
  if (cfg.cpuProfile)
    console.log(
      `CPU profiles: bench/results/profiles-${stamp}/ (node bench/pipeline/summarize-profile.mjs <file>)`,
    );
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(cleanup);
