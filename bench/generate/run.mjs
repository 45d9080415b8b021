// `npm run bench:generate`: the API and worker processes on PostgreSQL and Redis, generations end to end.
// Phase 1: template generator, every user asks for a CV and a cover letter at once.
// Phase 2: the LLM generators against a fake OpenAI-compatible server that answers after a fixed delay.
// See bench/README.md. Everything runs on 127.0.0.1 and is stopped on success, failure and Ctrl-C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { groundedReply } from './fake-replies.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const API_MAIN = path.join(ROOT, 'packages/api/dist/cli/main.js');
const num = (v, d) => (v === undefined || v === '' ? d : Number(v));

const cfg = {
  users: num(process.env.BENCH_USERS, 50),
  artifactsPerUser: num(process.env.BENCH_ARTIFACTS_PER_USER, 10),
  workers: num(process.env.BENCH_WORKERS, 2),
  templateConcurrency: num(process.env.BENCH_TEMPLATE_CONCURRENCY, 8),
  llmConcurrency: num(process.env.BENCH_LLM_CONCURRENCY, 64),
  llmGenerations: num(process.env.BENCH_LLM_GENERATIONS, 200),
  llmDelayMs: num(process.env.BENCH_LLM_DELAY_MS, 2000),
  llmMode: process.env.BENCH_LLM_MODE ?? 'llm',
  timeoutMs: num(process.env.BENCH_TIMEOUT_MS, 180_000),
  keepLogs: process.env.BENCH_KEEP_LOGS === '1',
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  // Untimed template generations before phase 1 (spread over the workers by the queue).
  templateWarmup: num(process.env.BENCH_TEMPLATE_WARMUP, num(process.env.BENCH_WORKERS, 2) * 2),
};
const PROFILE_PRELOAD = path.join(HERE, 'profile-preload.mjs');
let NODE_FLAGS = [];
let profDir;
const TARGETS = { templateP95Ms: 1000, llmCvP95Ms: 30_000, llmLetterP95Ms: 15_000 };

const log = (msg) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

// ---- cleanup -------------------------------------------------------------------------------------------------
const children = new Set();
let tmpDir;
let pgHandle;
let fakeLlm;
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
    process.stderr.write(`bench:generate: could not remove ${tmpDir}: ${err.message}\n`);
  }
}

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
    if (fakeLlm) await fakeLlm.close().catch(() => {});
    fakeLlm = undefined;
    if (pgHandle) await pgHandle.stop().catch(() => {});
    pgHandle = undefined;
    removeTmp();
  })();
  return cleaning;
}

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
  return { name, child, logFile };
}

const tail = (file, lines = 30) => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
};

const exited = (proc) => proc.child.exitCode !== null || proc.child.signalCode !== null;

async function stopChild(proc) {
  if (exited(proc)) return;
  const done = new Promise((r) => proc.child.once('exit', r));
  proc.child.kill('SIGTERM');
  const t = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(t);
}

async function waitUntil(what, proc, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(proc)) {
      throw new Error(
        `${what} exited (${proc.child.exitCode ?? proc.child.signalCode}) before it was ready:\n${tail(proc.logFile)}`,
      );
    }
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s:\n${tail(proc.logFile)}`);
}

function runToEnd(command, args, childEnv) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: childEnv, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${args.join(' ')} failed (${code ?? signal}):\n${out.slice(-4000)}`));
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function redisPing(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.setTimeout(1000);
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

// ---- API client ----------------------------------------------------------------------------------------------
let baseUrl;

async function call(method, url, token, body) {
  const res = await fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Reads the SSE stream until `done`; resolves with the terminal status (or rejects on timeout). */
async function waitForDone(id, token) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), cfg.timeoutMs);
  try {
    const res = await fetch(`${baseUrl}/api/v1/generations/${id}/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: ac.signal,
    });
    if (res.status !== 200) throw new Error(`events: HTTP ${res.status}`);
    const decoder = new TextDecoder();
    let buf = '';
    let done;
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk, { stream: true });
      let sep = buf.indexOf('\n\n');
      while (sep !== -1) {
        const block = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        if (event === 'done') done = JSON.parse(data).status;
        sep = buf.indexOf('\n\n');
      }
      if (done) break;
    }
    if (done) return done;
    // The stream closed without `done`: read the row.
    const { json } = await call('GET', `/generations/${id}`, token);
    return json?.status ?? 'unknown';
  } catch (err) {
    if (ac.signal.aborted) return 'timeout';
    throw err;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}

/** One generation: POST, then the event stream; latency from the POST to `done` as seen by the client. */
async function generate(user, kind, generator) {
  const path_ = kind === 'cv' ? '/generate/cv' : '/generate/cover-letter';
  const t0 = performance.now();
  const r = {
    kind,
    user: user.index,
    id: null,
    status: null,
    ms: null,
    httpStatus: null,
    error: null,
  };
  try {
    const res = await call('POST', path_, user.token, {
      jobDescriptionText: JOB_TEXT,
      generator,
      force: true,
    });
    r.httpStatus = res.status;
    r.postMs = performance.now() - t0;
    if (res.status !== 202 && res.status !== 200) {
      r.status = 'rejected';
      r.error = `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
      return r;
    }
    r.id = res.json.id;
    r.status = res.json.status === 'succeeded' ? 'succeeded' : await waitForDone(r.id, user.token);
    r.ms = performance.now() - t0;
    r.doneAt = Date.now();
  } catch (err) {
    r.status = 'error';
    r.error = String(err?.message ?? err);
  }
  return r;
}

/** Reads generator, fallback and tokens of finished generations (after the timed part). */
async function annotate(results, users) {
  await Promise.all(
    results
      .filter((r) => r.id)
      .map(async (r) => {
        const { json } = await call('GET', `/generations/${r.id}`, users[r.user].token);
        r.generator = json?.generator ?? null;
        r.fallbackReason = json?.fallbackReason ?? null;
        r.tokens = json?.tokens ?? null;
        if (r.status !== 'succeeded')
          r.error ??= json?.error ? `${json.error.code}: ${json.error.message}` : null;
        r.serverMs =
          json?.finishedAt && json?.createdAt
            ? Date.parse(json.finishedAt) - Date.parse(json.createdAt)
            : null;
        // Where the time went: queued (row written → claimed by a worker), running (claimed → finished), and
        // delivery (finished → the client read `done`). Same machine, so the clocks agree.
        if (json?.createdAt && json?.startedAt && json?.finishedAt) {
          r.queuedMs = Date.parse(json.startedAt) - Date.parse(json.createdAt);
          r.runningMs = Date.parse(json.finishedAt) - Date.parse(json.startedAt);
          r.deliveryMs = r.doneAt ? r.doneAt - Date.parse(json.finishedAt) : null;
        }
      }),
  );
}

// ---- statistics ----------------------------------------------------------------------------------------------
const pct = (sorted, q) => (sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] : null);

function summarize(results, wallMs) {
  const ok = results.filter((r) => r.status === 'succeeded');
  const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
  const errors = results.filter((r) => r.status !== 'succeeded');
  const server = ok
    .map((r) => r.serverMs)
    .filter((x) => x !== null && x !== undefined)
    .sort((a, b) => a - b);
  const part = (key) => {
    const xs = ok
      .map((r) => r[key])
      .filter((x) => typeof x === 'number')
      .sort((a, b) => a - b);
    return { p50: pct(xs, 0.5), p95: pct(xs, 0.95) };
  };
  return {
    // createdAt → finishedAt of the row: excludes the POST's own response time and the event delivery.
    serverP50Ms: pct(server, 0.5),
    parts: {
      post: part('postMs'),
      queued: part('queuedMs'),
      running: part('runningMs'),
      delivery: part('deliveryMs'),
    },
    serverP95Ms: pct(server, 0.95),
    count: results.length,
    succeeded: ok.length,
    errors: errors.length,
    fallbacks: ok.filter((r) => r.fallbackReason).length,
    p50Ms: pct(ms, 0.5),
    p95Ms: pct(ms, 0.95),
    maxMs: ms.at(-1) ?? null,
    wallSeconds: wallMs / 1000,
    perSecond: ok.length / (wallMs / 1000),
    generators: Object.fromEntries(
      [...new Set(ok.map((r) => r.generator))].map((g) => [g, ok.filter((r) => r.generator === g).length]),
    ),
    errorSamples: [...new Set(errors.map((r) => r.error ?? r.status))].slice(0, 5),
  };
}

// ---- setup ---------------------------------------------------------------------------------------------------
const PORTFOLIO = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/pipeline/portfolio.json'), 'utf8'));
const JOB_TEXT = readFileSync(path.join(ROOT, 'fixtures/pipeline/jobs/backend-engineer.txt'), 'utf8');

function artifactBody(a) {
  return {
    title: a.title,
    summary: a.summary,
    ...(a.role ? { role: a.role } : {}),
    technologies: a.technologies ?? [],
    collaborators: a.collaborators ?? [],
    outcomes: a.outcomes ?? [],
    startDate: a.startDate,
    ...(a.endDate ? { endDate: a.endDate } : {}),
    evidence: (a.evidence ?? []).map((e) => ({ url: e.url, title: e.title, kind: e.kind })),
  };
}

async function seedUsers() {
  const artifacts = PORTFOLIO.artifacts.slice(0, cfg.artifactsPerUser).map(artifactBody);
  const password = `bench-${randomBytes(8).toString('hex')}`;
  const users = [];
  // A few at a time: registration hashes the password, which is deliberately slow.
  for (let start = 0; start < cfg.users; start += 10) {
    const batch = [];
    for (let i = start; i < Math.min(cfg.users, start + 10); i++) {
      batch.push(
        (async () => {
          const res = await call('POST', '/auth/register', null, {
            email: `bench-gen-${i}@example.com`,
            password,
            name: `Bench User ${i}`,
          });
          if (res.status !== 201 && res.status !== 200)
            throw new Error(`register: HTTP ${res.status} ${res.text.slice(0, 300)}`);
          const token = res.json.accessToken;
          const ids = [];
          for (const body of artifacts) {
            const a = await call('POST', '/artifacts', token, body);
            if (a.status !== 201) throw new Error(`artifact: HTTP ${a.status} ${a.text.slice(0, 300)}`);
            ids.push(a.json.id);
          }
          return { index: i, token, artifactIds: ids };
        })(),
      );
    }
    users.push(...(await Promise.all(batch)));
  }
  return users;
}

async function startStack(baseEnv, concurrency, label) {
  const env = cfg.cpuProf ? { ...baseEnv, BENCH_PROF_DIR: profDir } : baseEnv;
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // With BENCH_CPU_PROF=1 the API and workers load a preload that profiles between two SIGUSR2 (see phase()).
  // The V8 flags `npm start` and the Docker image run Dossier with.
  const node = (args) => [...NODE_FLAGS, ...(cfg.cpuProf ? ['--import', PROFILE_PRELOAD] : []), ...args];
  const apiProc = spawnLogged(`api-${label}`, process.execPath, node([API_MAIN, 'serve', '--no-migrate']), {
    ...env,
    PORT: String(port),
  });
  const workers = [];
  for (let i = 0; i < cfg.workers; i++) {
    workers.push(
      spawnLogged(
        `worker-${label}-${i}`,
        process.execPath,
        node([API_MAIN, 'worker', '--concurrency', String(concurrency)]),
        env,
      ),
    );
  }
  await waitUntil('API', apiProc, async () => (await fetch(`${baseUrl}/health/ready`)).ok);
  return [apiProc, ...workers];
}

async function stopStack(procs) {
  await Promise.all(procs.map(stopChild));
}

function assertAlive(procs) {
  for (const p of procs) {
    if (exited(p)) throw new Error(`${p.name} exited during the run:\n${tail(p.logFile)}`);
  }
}

/** A few untimed generations so both workers have loaded the pipeline before the measurement. */
async function warmUp(users, generator, n) {
  const rs = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      generate(users[i % users.length], i % 2 ? 'cover-letter' : 'cv', generator),
    ),
  );
  const bad = rs.filter((r) => r.status !== 'succeeded');
  if (bad.length) {
    await annotate(bad, users);
    throw new Error(`warm-up (${generator}) failed: ${bad.map((r) => r.error ?? r.status).join('; ')}`);
  }
}

// ---- CPU accounting ------------------------------------------------------------------------------------------
const CLK_TCK = 100;

/** CPU seconds of every process, with its parent, from /proc (Linux only; empty elsewhere). */
function readProcCpu() {
  const procs = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return procs;
  }
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      procs.set(Number(d), { comm, ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / CLK_TCK });
    } catch {}
  }
  return procs;
}

/**
 * CPU seconds used between two snapshots, by role: the API, the workers, PostgreSQL, Redis, this client, and
 * everything else on the machine. A process belongs to the first known ancestor (or itself).
 */
function cpuByRole(before, after, roots) {
  const out = { api: 0, workers: 0, postgres: 0, redis: 0, client: 0, rest: 0 };
  const roleOf = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (roots.has(p)) return roots.get(p);
      const info = after.get(p);
      if (!info) break;
      if (info.comm === 'postgres') return 'postgres';
      p = info.ppid;
    }
    return 'rest';
  };
  for (const [pid, info] of after) {
    const used = info.cpu - (before.get(pid)?.cpu ?? 0);
    if (used > 0) out[roleOf(pid)] += used;
  }
  return out;
}

let cpuRoots = new Map();

/** SIGUSR2 to the API and the workers: starts, then stops and writes, their CPU profiles (BENCH_CPU_PROF=1). */
function toggleProfiles() {
  if (!cfg.cpuProf) return;
  for (const [pid, role] of cpuRoots) if (role === 'api' || role === 'workers') process.kill(pid, 'SIGUSR2');
}

async function phase(users, jobs, generator) {
  const cpuBefore = readProcCpu();
  toggleProfiles();
  const t0 = performance.now();
  const results = await Promise.all(jobs.map(([u, kind]) => generate(users[u], kind, generator)));
  const wallMs = performance.now() - t0;
  toggleProfiles();
  const cpu = cpuByRole(cpuBefore, readProcCpu(), cpuRoots);
  await annotate(results, users);
  return { results, wallMs, cpu };
}

// ---- main ----------------------------------------------------------------------------------------------------
async function main() {
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-generate-'));
  // Running as root, embedded PostgreSQL runs initdb as another user, which must reach the data dir.
  if (process.getuid?.() === 0) chmodSync(tmpDir, 0o755);
  mkdirSync(path.join(tmpDir, 'logs'));
  const api = await import(
    pathToFileURL(path.join(ROOT, 'packages/api/dist/runtime/start-embedded-postgres.js'))
  );
  const core = await import(pathToFileURL(path.join(ROOT, 'packages/core/dist/testing/index.js')));
  ({ NODE_FLAGS } = await import(pathToFileURL(path.join(ROOT, 'packages/api/dist/runtime/node-flags.js'))));

  pgHandle = await api.startEmbeddedPostgres({ dataDir: path.join(tmpDir, 'db') });
  log(`PostgreSQL on ${new URL(pgHandle.databaseUrl).port}`);

  const redisPort = await freePort();
  const redis = spawnLogged('redis', 'redis-server', [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    tmpDir,
  ]);
  await waitUntil('redis-server', redis, () => redisPing(redisPort), 20_000);
  log(`Redis on ${redisPort}`);

  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !/^(DOSSIER_|DATABASE_URL$|REDIS_URL$|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$|OPENAI_|ANTHROPIC_)/.test(k),
    ),
  );
  const env = {
    ...baseEnv,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: pgHandle.databaseUrl,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    DOSSIER_DATA_DIR: path.join(tmpDir, 'data'),
    DOSSIER_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DOSSIER_JWT_SECRET: randomBytes(32).toString('hex'),
    DOSSIER_RATE_LIMIT_PER_HOUR: '1000000000',
    DOSSIER_GENERATIONS_PER_HOUR: '1000000000',
    DOSSIER_LLM_DAILY_TOKENS: '1000000000',
    LOG_LEVEL: 'warn',
    // A what-if: another pipeline (e.g. without some ATS checkers) for both phases.
    ...(process.env.BENCH_PIPELINE_CONFIG
      ? { DOSSIER_PIPELINE_CONFIG: path.resolve(process.env.BENCH_PIPELINE_CONFIG) }
      : {}),
    // A what-if: another database pool size per process (API and workers).
    ...(process.env.BENCH_DB_POOL_MAX ? { DOSSIER_DB_POOL_MAX: process.env.BENCH_DB_POOL_MAX } : {}),
  };
  await runToEnd(process.execPath, [API_MAIN, 'migrate'], env);
  log('migrations applied');

  const out = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadavg: os.loadavg(),
    },
    config: cfg,
    targets: TARGETS,
  };

  // The floor under phase 1, measured while nothing else runs (see measure-floor.mjs).
  const floorOut = await runToEnd(process.execPath, [path.join(HERE, 'measure-floor.mjs')], {
    ...baseEnv,
    BENCH_FLOOR_JOB: JSON.stringify({ artifacts: cfg.artifactsPerUser }),
  });
  out.floor = templateFloor(
    JSON.parse(floorOut.trim().split('\n').at(-1)),
    cfg.users,
    os.availableParallelism(),
  );
  log(
    `floor: the ATS round trip costs ${out.floor.cv.roundTripMs.toFixed(1)} ms CPU per CV, ` +
      `${out.floor['cover-letter'].roundTripMs.toFixed(1)} ms per letter`,
  );

  // Phase 1: template generator.
  if (cfg.cpuProf) {
    profDir = path.join(
      ROOT,
      'bench/results',
      `generate-profiles-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    );
    mkdirSync(profDir, { recursive: true });
    log(`CPU profiles of the measured phases go to ${path.relative(ROOT, profDir)}/`);
  }
  let procs = await startStack(env, cfg.templateConcurrency, 'template');
  const setRoots = () => {
    cpuRoots = new Map([
      [process.pid, 'client'],
      [redis.child.pid, 'redis'],
      ...procs.map((p) => [p.child.pid, p.name.startsWith('api') ? 'api' : 'workers']),
    ]);
  };
  setRoots();
  log(`API on ${baseUrl}, ${cfg.workers} workers × concurrency ${cfg.templateConcurrency}`);
  let t = performance.now();
  const users = await seedUsers();
  log(
    `${users.length} users × ${cfg.artifactsPerUser} artifacts in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  await warmUp(users, 'template', cfg.templateWarmup);
  assertAlive(procs);
  log(`phase 1: ${users.length} users, each a CV and a cover letter at once (template)`);
  const jobs1 = users.flatMap((u) => [
    [u.index, 'cv'],
    [u.index, 'cover-letter'],
  ]);
  const p1 = await phase(users, jobs1, 'template');
  assertAlive(procs);
  out.template = {
    all: summarize(p1.results, p1.wallMs),
    cv: summarize(
      p1.results.filter((r) => r.kind === 'cv'),
      p1.wallMs,
    ),
    coverLetter: summarize(
      p1.results.filter((r) => r.kind === 'cover-letter'),
      p1.wallMs,
    ),
    cpu: p1.cpu,
    results: p1.results,
  };
  await stopStack(procs);

  // Phase 2: LLM generators against the fake server.
  fakeLlm = await core.startFakeLlmServer({
    defaultReply: (req) => ({ delayMs: cfg.llmDelayMs, ...groundedReply(req) }),
  });
  const llmEnv = {
    ...env,
    DOSSIER_LLM_PROVIDER: 'openai-compatible',
    DOSSIER_LLM_BASE_URL: `${fakeLlm.url}/v1`,
    DOSSIER_LLM_MODEL: 'fake',
    DOSSIER_LLM_API_KEY: 'bench-fake-key',
    DOSSIER_LLM_BUDGET_TOKENS: '50000',
    DOSSIER_OUTBOUND_ALLOWLIST: '127.0.0.1/32',
  };
  procs = await startStack(llmEnv, cfg.llmConcurrency, 'llm');
  setRoots();
  log(
    `fake LLM on ${fakeLlm.url} (${cfg.llmDelayMs} ms per call); API restarted on ${baseUrl}, ${cfg.workers} workers × concurrency ${cfg.llmConcurrency}`,
  );
  await warmUp(users, cfg.llmMode, 2);
  assertAlive(procs);
  const before = fakeLlm.requests.length;
  const jobs2 = Array.from({ length: cfg.llmGenerations }, (_, i) => [
    Math.floor(i / 2) % users.length,
    i % 2 ? 'cover-letter' : 'cv',
  ]);
  log(`phase 2: ${jobs2.length} generations at once (generator '${cfg.llmMode}')`);
  t = performance.now();
  const p2 = await phase(users, jobs2, cfg.llmMode);
  assertAlive(procs);
  const llmCalls = fakeLlm.requests.length - before;
  out.llm = {
    all: summarize(p2.results, p2.wallMs),
    cv: summarize(
      p2.results.filter((r) => r.kind === 'cv'),
      p2.wallMs,
    ),
    coverLetter: summarize(
      p2.results.filter((r) => r.kind === 'cover-letter'),
      p2.wallMs,
    ),
    llmCalls,
    llmCallsPerGeneration: llmCalls / jobs2.length,
    cpu: p2.cpu,
    results: p2.results,
  };
  await stopStack(procs);
  out.finishedAt = new Date().toISOString();
  out.machine.loadavgAfter = os.loadavg();

  const text = report(out);
  process.stdout.write(text);
  const resultsDir = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `generate-${out.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`results: ${path.relative(ROOT, file)}`);
  if (cfg.keepLogs) log(`logs and database kept in ${tmpDir}`);
}

// ---- floor --------------------------------------------------------------------------------------------------
/**
 * What phase 1 cannot beat on this machine: `users` CVs and letters, each costing at least its measured CPU,
 * shared by `cores` cores. Nearest-rank p95 needs the cheapest ceil(0.95 n) documents done, so its floor is their
 * summed cost over the cores (no core idle, no other work); the same for the whole in-process pipeline.
 */
function templateFloor(measured, users, cores) {
  const kinds = ['cv', 'cover-letter'];
  const floor = { cores, users, artifacts: measured.artifacts };
  for (const kind of kinds) {
    const m = measured[kind];
    floor[kind] = { ...m, roundTripMs: m.renderPdfMs + m.renderDocxMs + m.readPdfMs + m.readDocxMs };
  }
  const p95Of = (field) => {
    const costs = kinds.flatMap((k) => Array(users).fill(floor[k][field])).sort((a, b) => a - b);
    const needed = Math.ceil(0.95 * costs.length);
    return costs.slice(0, needed).reduce((sum, c) => sum + c, 0) / cores;
  };
  floor.roundTripP95Ms = p95Of('roundTripMs');
  floor.pipelineP95Ms = p95Of('pipelineMs');
  return floor;
}

// ---- report --------------------------------------------------------------------------------------------------
function report(r) {
  const ms = (v) => (v === null ? '-' : `${Math.round(v).toLocaleString('en')}`);
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const lines = [''];
  lines.push(
    `Dossier generation benchmark: API + ${cfg.workers} workers on PostgreSQL and Redis; ` +
      `${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, load average before ${r.machine.loadavg.map((x) => x.toFixed(2)).join(' ')}`,
  );
  lines.push('');
  const head = `${pad('', 34)}${lpad('n', 5)}${lpad('ok', 5)}${lpad('errors', 8)}${lpad('fallbk', 8)}${lpad('p50 ms', 9)}${lpad('p95 ms', 9)}${lpad('max ms', 9)}${lpad('docs/s', 8)}`;
  lines.push(head);
  lines.push('-'.repeat(head.length));
  const row = (name, s) =>
    lines.push(
      `${pad(name, 34)}${lpad(s.count, 5)}${lpad(s.succeeded, 5)}${lpad(s.errors, 8)}${lpad(s.fallbacks, 8)}` +
        `${lpad(ms(s.p50Ms), 9)}${lpad(ms(s.p95Ms), 9)}${lpad(ms(s.maxMs), 9)}${lpad(s.perSecond.toFixed(1), 8)}`,
    );
  const tc = `${cfg.workers}×${cfg.templateConcurrency}`;
  const lc = `${cfg.workers}×${cfg.llmConcurrency}`;
  row(`template, ${cfg.users} users: CV`, r.template.cv);
  row(`template, ${cfg.users} users: letter`, r.template.coverLetter);
  row(`template, ${cfg.users} users: all (${tc})`, r.template.all);
  row(`LLM ${cfg.llmDelayMs / 1000} s/call: CV`, r.llm.cv);
  row(`LLM ${cfg.llmDelayMs / 1000} s/call: letter`, r.llm.coverLetter);
  row(`LLM: all ${r.llm.all.count} (${lc} slots)`, r.llm.all);
  lines.push('');
  lines.push(
    `phase wall time: template ${r.template.all.wallSeconds.toFixed(1)} s, LLM ${r.llm.all.wallSeconds.toFixed(1)} s; ` +
      `LLM calls ${r.llm.llmCalls} (${r.llm.llmCallsPerGeneration.toFixed(2)} per generation); ` +
      `generators used: ${JSON.stringify({ ...r.template.all.generators, ...r.llm.all.generators })}`,
  );
  lines.push(
    `server side (row createdAt → finishedAt) p50/p95: template ${ms(r.template.all.serverP50Ms)}/${ms(r.template.all.serverP95Ms)} ms, ` +
      `LLM ${ms(r.llm.all.serverP50Ms)}/${ms(r.llm.all.serverP95Ms)} ms`,
  );
  for (const [name, s, cpu] of [
    ['template', r.template.all, r.template.cpu],
    ['LLM', r.llm.all, r.llm.cpu],
  ]) {
    if (cpu) {
      const per = (x) => `${((x * 1000) / s.count).toFixed(1)}`;
      lines.push(
        `${name} CPU seconds (ms per generation): API ${cpu.api.toFixed(2)} (${per(cpu.api)}), workers ${cpu.workers.toFixed(2)} (${per(cpu.workers)}), ` +
          `PostgreSQL ${cpu.postgres.toFixed(2)} (${per(cpu.postgres)}), Redis ${cpu.redis.toFixed(2)}, client ${cpu.client.toFixed(2)}, rest ${cpu.rest.toFixed(2)}`,
      );
    }
    const p = s.parts;
    lines.push(
      `${name} p50/p95 ms: POST answered ${ms(p.post.p50)}/${ms(p.post.p95)}, queued ${ms(p.queued.p50)}/${ms(p.queued.p95)}, ` +
        `running ${ms(p.running.p50)}/${ms(p.running.p95)}, done delivered ${ms(p.delivery.p50)}/${ms(p.delivery.p95)}`,
    );
  }
  for (const [name, s] of [
    ['template', r.template.all],
    ['LLM', r.llm.all],
  ]) {
    if (s.errorSamples.length) lines.push(`${name} errors: ${s.errorSamples.join(' | ')}`);
  }
  if (r.floor) {
    const f = r.floor;
    const part = (m) =>
      `${m.roundTripMs.toFixed(1)} (render PDF ${m.renderPdfMs.toFixed(1)} + DOCX ${m.renderDocxMs.toFixed(1)}, ` +
      `read back: pdfjs-dist ${m.readPdfMs.toFixed(1)} + mammoth ${m.readDocxMs.toFixed(1)})`;
    lines.push(
      `floor (measured alone before phase 1, warm, CPU ms per document): ATS round trip CV ${part(f.cv)}, ` +
        `letter ${part(f['cover-letter'])}; whole template pipeline in-process CV ${f.cv.pipelineMs.toFixed(1)}, ` +
        `letter ${f['cover-letter'].pipelineMs.toFixed(1)}`,
    );
    lines.push(
      `  so on ${f.cores} cores, with no core ever idle, ${Math.ceil(0.95 * 2 * f.users)} of the ${2 * f.users} documents ` +
        `cannot be ready before ${ms(f.roundTripP95Ms)} ms from the round trips alone, ${ms(f.pipelineP95Ms)} ms from ` +
        `the whole pipeline, before the API, PostgreSQL, Redis and the event streams do anything`,
    );
  }
  lines.push('');
  const v = (ok) => (ok ? 'PASS' : 'FAIL');
  const le = (x, limit) => x !== null && x <= limit;
  const checks = [
    [
      `template p95 <= 1 s at ${cfg.users} users`,
      le(r.template.all.p95Ms, TARGETS.templateP95Ms),
      `${ms(r.template.all.p95Ms)} ms${r.floor ? `; floor ${ms(r.floor.roundTripP95Ms)} ms` : ''}`,
    ],
    [
      `LLM CV p95 <= 30 s at ${r.llm.all.count} concurrent`,
      le(r.llm.cv.p95Ms, TARGETS.llmCvP95Ms),
      `${ms(r.llm.cv.p95Ms)} ms`,
    ],
    [
      `LLM letter p95 <= 15 s at ${r.llm.all.count} concurrent`,
      le(r.llm.coverLetter.p95Ms, TARGETS.llmLetterP95Ms),
      `${ms(r.llm.coverLetter.p95Ms)} ms`,
    ],
    [
      `zero errors${cfg.llmMode === 'llm' ? ' (LLM mode "llm": a fallback is an error)' : ''}`,
      r.template.all.errors === 0 && r.llm.all.errors === 0 && r.llm.all.fallbacks === 0,
      `${r.template.all.errors} template, ${r.llm.all.errors} LLM, ${r.llm.all.fallbacks} fallbacks`,
    ],
  ];
  r.verdicts = checks.map(([name, ok, detail]) => ({ name, pass: ok, detail }));
  for (const [name, ok, detail] of checks) lines.push(`${pad(name, 58)}${v(ok)} (${detail})`);
  lines.push('');
  return lines.join('\n');
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = interrupted ? 130 : 1;
  if (!interrupted) process.stderr.write(`\nbench:generate failed: ${err?.stack ?? err}\n`);
} finally {
  await cleanup();
}
process.exit(exitCode);
