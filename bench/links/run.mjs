// `npm run bench:links`: 5,000 URLs over 50 loopback hosts (127.0.0.1–127.0.0.50, one port) with a known
// ground truth — 80% 200, 5% 404, 5% redirects, 3% slow (2 s), 2% 429 with Retry-After: 1, 2% bot walls,
// 3% HEAD refused — checked in the same run by `dossier links check` and by linkinator (from node_modules, on
// the Node 24 that npm puts first on PATH) with --retry, both at a global concurrency of 100 and Dossier's
// per-host limits raised out of the way; then Dossier again at its default politeness (2 per host, 500 ms
// apart), reported apart. Prints wall time, links/s, the ratio, false `broken` per category, missed 404s,
// peak RSS of each checker process and the fixture's lower bound, and writes bench/results/links-<stamp>.json.
// Needs a build (`npm run build`). Every child process stops by itself. See bench/README.md.
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const env = process.env;
const int = (v, d) => (v === undefined || v === '' ? d : Number.parseInt(v, 10));

const cfg = {
  urls: int(env.BENCH_URLS, 5_000),
  hosts: int(env.BENCH_HOSTS, 50),
  concurrency: int(env.BENCH_CONCURRENCY, 100),
  slowMs: int(env.BENCH_SLOW_MS, 2_000),
  seed: int(env.BENCH_SEED, 7),
  // Set to 0 to skip the (long) default-politeness run.
  polite: env.BENCH_POLITE !== '0',
  repeat: int(env.BENCH_REPEAT, 1),
  childTimeoutMs: int(env.BENCH_CHILD_TIMEOUT_S, 600) * 1000,
  strict: env.BENCH_STRICT === '1',
  // 1 keeps Dossier's host-wide Retry-After pause in the head-to-head run too.
  hostPause: env.BENCH_HOST_PAUSE === '1',
  // Writes a .cpuprofile of each Dossier process under bench/results/.
  cpuProfile: env.BENCH_CPU_PROF === '1',
};
const SHARE = { ok: 0.8, dead: 0.05, redirect: 0.05, slow: 0.03, limited: 0.02, wall: 0.02, nohead: 0.03 };
const TARGETS = { ratio: 2, rssMb: 200 };

const DOSSIER_BIN = path.join(ROOT, 'packages/api/bin/dossier.js');
const LINKINATOR_BIN = path.join(ROOT, 'node_modules/.bin/linkinator');
if (!existsSync(path.join(ROOT, 'packages/api/dist/cli/main.js'))) {
  console.error('bench:links: build first (npm run build)');
  process.exit(1);
}
if (!existsSync(LINKINATOR_BIN)) {
  console.error('bench:links: linkinator is missing from node_modules (npm ci)');
  process.exit(1);
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-links-'));
const children = new Set();
function cleanup() {
  for (const child of children) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}

/** Deterministic shuffle (mulberry32), so every run checks the same fixture. */
function shuffle(items, seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function buildFixture(port) {
  const kinds = [];
  for (const [kind, share] of Object.entries(SHARE)) {
    for (let n = 0; n < Math.round(cfg.urls * share); n++) kinds.push(kind);
  }
  while (kinds.length < cfg.urls) kinds.push('ok');
  shuffle(kinds, cfg.seed);
  return kinds.map((kind, i) => ({
    url: `http://127.0.0.${(i % cfg.hosts) + 1}:${port}/${kind}/${i}`,
    kind,
  }));
}

function startServer() {
  const child = fork(path.join(HERE, 'server.mjs'), [], {
    env: { ...env, BENCH_SLOW_MS: String(cfg.slowMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const ask = (msg, type) =>
    new Promise((resolve) => {
      const onMessage = (reply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        resolve(reply);
      };
      child.on('message', onMessage);
      child.send(msg);
    });
  return { child, ask };
}

const TICKS = 100; // USER_HZ on Linux

/** Peak RSS (VmHWM) and CPU time of a process, polled until it exits (the last readings are the totals). */
function watchPeak(pid) {
  let peakKb = 0;
  let cpuTicks = 0;
  const read = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Gone already.
    }
  };
  read();
  const timer = setInterval(read, 20);
  return () => {
    clearInterval(timer);
    return { peakMb: peakKb / 1024, cpuS: cpuTicks / TICKS };
  };
}

function runChecker(label, command, args, extraEnv) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const stopPeak = watchPeak(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), cfg.childTimeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const { peakMb, cpuS } = stopPeak();
      clearTimeout(timer);
      children.delete(child);
      resolve({ label, code, wallMs, peakMb, cpuS, stdout, stderr });
    });
  });
}

/** Verdicts keyed by URL: `broken`, `ok`, `skipped` or Dossier's own statuses. */
function parseDossier(stdout) {
  const out = new Map();
  for (const r of JSON.parse(stdout).results) out.set(r.url, r.status);
  return out;
}
function parseLinkinator(stdout) {
  const out = new Map();
  for (const l of JSON.parse(stdout).links)
    out.set(l.url, l.state === 'BROKEN' ? 'broken' : l.state.toLowerCase());
  return out;
}

function accuracy(fixture, verdicts) {
  const falseBroken = {};
  const byKind = {};
  let missedDead = 0;
  let missing = 0;
  for (const { url, kind } of fixture) {
    const v = verdicts.get(url);
    if (v === undefined) {
      missing++;
      continue;
    }
    byKind[kind] ??= {};
    byKind[kind][v] = (byKind[kind][v] ?? 0) + 1;
    if (kind === 'dead') {
      if (v !== 'broken') missedDead++;
    } else if (v === 'broken') {
      falseBroken[kind] = (falseBroken[kind] ?? 0) + 1;
    }
  }
  const totalFalse = Object.values(falseBroken).reduce((a, b) => a + b, 0);
  return { falseBroken, totalFalse, missedDead, missing, byKind };
}

const pad = (s, n) => String(s).padEnd(n);
const num = (v, d = 0) => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

async function main() {
  const server = startServer();
  const firstPort = int(env.BENCH_PORT, 0);
  // The fixture needs the port before the server knows its URLs: listen first, then hand over the index page.
  const { port } = await server.ask(
    { type: 'start', hosts: cfg.hosts, urls: [], port: firstPort },
    'listening',
  );
  const fixture = buildFixture(port);
  server.child.kill();
  children.delete(server.child);
  const srv = startServer();
  await srv.ask({ type: 'start', hosts: cfg.hosts, urls: fixture.map((f) => f.url), port }, 'listening');
  const urlsFile = path.join(tmp, 'urls.txt');
  writeFileSync(urlsFile, `${fixture.map((f) => f.url).join('\n')}\n`);

  const slow = fixture.filter((f) => f.kind === 'slow').length;
  const limited = fixture.filter((f) => f.kind === 'limited').length;
  // The slow links alone need ceil(slow / concurrency) rounds of slowMs, even if a checker started them first;
  // a 429 link needs at least its 1 s Retry-After plus two round trips.
  const lowerBoundMs = Math.max(Math.ceil(slow / cfg.concurrency) * cfg.slowMs, limited > 0 ? 1_000 : 0);

  const allow = { DOSSIER_OUTBOUND_ALLOWLIST: `127.0.0.0/8`, LOG_LEVEL: 'warn' };
  const profileArgs = (name) =>
    cfg.cpuProfile
      ? [
          '--cpu-prof',
          '--cpu-prof-dir',
          path.join(ROOT, `bench/results/profiles-links-${stamp}`),
          '--cpu-prof-name',
          `${name}.cpuprofile`,
        ]
      : [];
  const dossierFast = [
    ...profileArgs('dossier'),
    DOSSIER_BIN,
    'links',
    'check',
    urlsFile,
    '--json',
    '--concurrency',
    String(cfg.concurrency),
    '--per-host',
    String(cfg.concurrency),
    '--min-interval',
    '0',
    // The URL that got a 429 still waits its Retry-After; its host's other URLs go on.
    ...(cfg.hostPause ? [] : ['--no-host-pause']),
  ];
  const linkinatorArgs = [
    `http://127.0.0.1:${port}/__index.html`,
    '--retry',
    '--concurrency',
    String(cfg.concurrency),
    '--format',
    'json',
  ];
  const runs = [];
  for (let r = 0; r < cfg.repeat; r++) {
    // Alternate who goes first so neither always gets the warmer machine.
    const order = r % 2 === 0 ? ['dossier', 'linkinator'] : ['linkinator', 'dossier'];
    for (const who of order) {
      await srv.ask({ type: 'reset' }, 'reset');
      const run =
        who === 'dossier'
          ? await runChecker('dossier', process.execPath, dossierFast, allow)
          : await runChecker('linkinator', LINKINATOR_BIN, linkinatorArgs, {});
      run.requests = (await srv.ask({ type: 'stats' }, 'stats')).counts;
      runs.push(run);
      console.error(`${who}: ${num(run.wallMs / 1000, 2)} s, exit ${run.code}`);
    }
  }
  if (cfg.polite) {
    await srv.ask({ type: 'reset' }, 'reset');
    const args = [
      ...profileArgs('dossier-polite'),
      DOSSIER_BIN,
      'links',
      'check',
      urlsFile,
      '--json',
      '--concurrency',
      String(cfg.concurrency),
    ];
    const run = await runChecker('dossier-polite', process.execPath, args, allow);
    run.requests = (await srv.ask({ type: 'stats' }, 'stats')).counts;
    runs.push(run);
    console.error(`dossier at default politeness: ${num(run.wallMs / 1000, 2)} s, exit ${run.code}`);
  }
  srv.child.kill();

  const results = runs.map((run) => {
    let verdicts;
    try {
      verdicts = run.label === 'linkinator' ? parseLinkinator(run.stdout) : parseDossier(run.stdout);
    } catch (error) {
      throw new Error(
        `${run.label}: could not read its JSON output (${error.message}); stderr: ${run.stderr.slice(0, 500)}`,
      );
    }
    const acc = accuracy(fixture, verdicts);
    return {
      label: run.label,
      exitCode: run.code,
      wallMs: Math.round(run.wallMs),
      linksPerSecond: Math.round(fixture.length / (run.wallMs / 1000)),
      peakRssMb: Math.round(run.peakMb),
      cpuSeconds: Math.round(run.cpuS * 100) / 100,
      ...acc,
      requests: run.requests,
    };
  });
  const best = (label) => {
    const rs = results.filter((r) => r.label === label);
    return rs.sort((a, b) => a.wallMs - b.wallMs)[0];
  };
  const d = best('dossier');
  const l = best('linkinator');
  const p = results.find((r) => r.label === 'dossier-polite');
  const ratio = d.linksPerSecond / l.linksPerSecond;

  const kinds = Object.keys(SHARE).filter((k) => k !== 'dead');
  console.log(
    `\nbench:links — ${fixture.length} URLs over ${cfg.hosts} hosts, concurrency ${cfg.concurrency}; lower bound ${num(lowerBoundMs / 1000, 1)} s (${num(fixture.length / (lowerBoundMs / 1000))} links/s)\n`,
  );
  const header = [
    'checker',
    'wall s',
    'links/s',
    'CPU s',
    'peak RSS MB',
    'false broken',
    ...kinds.map((k) => `fb:${k}`),
    'missed 404',
    'not reported',
  ];
  const rows = results.map((r) => [
    r.label,
    num(r.wallMs / 1000, 2),
    num(r.linksPerSecond),
    num(r.cpuSeconds, 2),
    num(r.peakRssMb),
    String(r.totalFalse),
    ...kinds.map((k) => String(r.falseBroken[k] ?? 0)),
    String(r.missedDead),
    String(r.missing),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  console.log(header.map((h, i) => pad(h, widths[i])).join('  '));
  for (const row of rows) console.log(row.map((c, i) => pad(c, widths[i])).join('  '));
  const zeroFalse =
    ['wall', 'limited', 'slow'].every((k) => (d.falseBroken[k] ?? 0) === 0) &&
    (!p || ['wall', 'limited', 'slow'].every((k) => (p.falseBroken[k] ?? 0) === 0));
  const rssOk = Math.max(d.peakRssMb, p?.peakRssMb ?? 0) <= TARGETS.rssMb;
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `\nratio dossier/linkinator: ${num(ratio, 2)}× (target ≥ ${TARGETS.ratio}×) ${verdict(ratio >= TARGETS.ratio)}`,
  );
  console.log(`zero false broken on bot walls, 429s and slow links: ${verdict(zeroFalse)}`);
  console.log(
    `peak RSS ≤ ${TARGETS.rssMb} MB: ${verdict(rssOk)} (dossier ${d.peakRssMb} MB${p ? `, polite ${p.peakRssMb} MB` : ''}, linkinator ${l.peakRssMb} MB)`,
  );
  console.log(
    `dossier vs the lower bound: ${num(d.wallMs / lowerBoundMs, 2)}× the fixture's ${num(lowerBoundMs / 1000, 1)} s`,
  );

  const resultsDir = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `links-${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ cfg, lowerBoundMs, ratio, targets: TARGETS, machine: { cpus: os.cpus().length, load: os.loadavg() }, results }, null, 2)}\n`,
  );
  console.log(`\nwritten ${path.relative(ROOT, file)}`);
  const pass = ratio >= TARGETS.ratio && zeroFalse && rssOk;
  return cfg.strict && !pass ? 2 : 0;
}

main()
  .then((code) => {
    cleanup();
    process.exit(code);
  })
  .catch((error) => {
    console.error(error);
    cleanup();
    process.exit(1);
  });
