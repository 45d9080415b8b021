import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../runtime/start-embedded-postgres.js';

// What the README's first command runs after the build: `dossier serve --demo` on its embedded default, with no
// database, queue or keys configured. From an empty data directory it must come up on its own (embedded
// PostgreSQL, migrations, a key file, the demo account and portfolio, the web app), stop cleanly, and start
// again on the same directory with the data and keys it left.

const BIN = fileURLToPath(new URL('../../bin/dossier.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const WEB_INDEX = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

interface Running {
  child: ChildProcess;
  url: string;
  email: string;
  password: string;
  output: () => string;
}

let dataDir: string;
const started: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(DIST) || !existsSync(WEB_INDEX)) {
    throw new Error('The API or the web app is not built; run `npm run build` first (npm test does).');
  }
  dataDir = mkdtempSync(path.join(tmpdir(), 'dossier-embedded-'));
  // As root, PostgreSQL runs as the `postgres` user, which must reach its data directory.
  chmodSync(dataDir, 0o755);
});

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

async function serveDemo(): Promise<Running> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--demo'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DOSSIER_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const deadline = Date.now() + 120_000;
  while (!/Demo account: (\S+) \/ (\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`serve --demo exited ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`serve --demo did not come up in 120 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const [, email, password] = /Demo account: (\S+) \/ (\S+)/.exec(out)!;
  return { child, url: `http://127.0.0.1:${port}`, email: email!, password: password!, output: () => out };
}

async function stop(run: Running): Promise<number | null> {
  run.child.kill('SIGTERM');
  const deadline = Date.now() + 30_000;
  while (run.child.exitCode === null && run.child.signalCode === null) {
    if (Date.now() > deadline) throw new Error(`serve did not stop within 30 s:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return run.child.exitCode;
}

async function login(run: Running): Promise<string> {
  const res = await fetch(`${run.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: run.email, password: run.password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function artifactTitles(run: Running, token: string): Promise<string[]> {
  const res = await fetch(`${run.url}/api/v1/artifacts?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ title: string }> }).items.map((a) => a.title).sort();
}

describe('dossier serve --demo on the embedded default', () => {
  let titles: string[];
  let keys: string;

  it('comes up from an empty data directory with the web app, the API and a seeded demo account', async () => {
    const run = await serveDemo();
    expect(run.output()).toContain('Database: embedded PostgreSQL');
    const ready = await fetch(`${run.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok' } });
    const index = await fetch(`${run.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('<div id="root">');
    // A client-side route is the app too (reload on a deep link works).
    expect((await fetch(`${run.url}/documents`)).status).toBe(200);

    const token = await login(run);
    titles = await artifactTitles(run, token);
    expect(titles.length).toBeGreaterThan(3);

    const keyFile = path.join(dataDir, 'keys.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    keys = readFileSync(keyFile, 'utf8');
    expect(await stop(run)).toBe(0);
  }, 180_000);

  it('starts again on the same directory with the same keys, account and portfolio (seeded once)', async () => {
    const run = await serveDemo();
    const token = await login(run);
    expect(await artifactTitles(run, token)).toEqual(titles);
    expect(readFileSync(path.join(dataDir, 'keys.json'), 'utf8')).toBe(keys);
    expect(await stop(run)).toBe(0);
  }, 180_000);
});
