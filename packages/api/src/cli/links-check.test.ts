import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LinkCheckServer, startLinkCheckServer } from '../test-support/link-check-server.js';
import { type LinksCheckOptions, runLinksCheck } from './links-commands.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join(ROOT, 'packages/api/bin/dossier.js');
const env = { DOSSIER_OUTBOUND_ALLOWLIST: '127.0.0.1/32' };
let server: LinkCheckServer;

beforeAll(async () => {
  server = await startLinkCheckServer();
});
afterAll(() => server.close());

const options = (over: Partial<LinksCheckOptions> = {}): LinksCheckOptions => ({
  concurrency: 8,
  perHost: 2,
  minInterval: 0,
  retries: 1,
  timeout: 5_000,
  maxRetryAfter: 5_000,
  retryDelay: 100,
  ignore: [],
  replace: [],
  header: [],
  alive: [],
  status: [],
  ...over,
});

async function run(text: string, over: Partial<LinksCheckOptions> = {}, tty = false, file?: string) {
  let stdout = '';
  let stderr = '';
  const { code, report } = await runLinksCheck(options(over), {
    text,
    ...(file ? { file } : {}),
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    tty,
    env,
  });
  return { code, report, stdout, stderr };
}

describe('dossier links check (in process)', () => {
  it('prints exactly {results:[{url,status,httpStatus,finalUrl,reason}], summary} with --json', async () => {
    const { stdout, code } = await run(`${server.base}/ok\n${server.base}/moved\n${server.base}/ok\n`, {
      json: true,
    });
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed)).toEqual(['results', 'summary']);
    expect(parsed.results).toEqual([
      { url: `${server.base}/ok`, status: 'valid', httpStatus: 200, finalUrl: null, reason: null },
      {
        url: `${server.base}/moved`,
        status: 'redirected',
        httpStatus: 200,
        finalUrl: `${server.base}/ok`,
        reason: `moved permanently to ${server.base}/ok`,
      },
    ]);
    expect(parsed.summary).toEqual({
      total: 2,
      valid: 1,
      redirected: 1,
      unverifiable: 0,
      broken: 0,
      blocked: 0,
      skipped: 0,
    });
    expect(code).toBe(0);
  });

  it('exits 1 when anything is broken and lists problems in a table', async () => {
    const { stdout, code } = await run(`${server.base}/ok\n${server.base}/gone\n${server.base}/linkedin\n`);
    expect(code).toBe(1);
    expect(stdout).toMatch(/status\s+http\s+url\s+reason/);
    expect(stdout).toMatch(/broken\s+410\s+\S+\/gone\s+gone \(410\)/);
    expect(stdout).toMatch(/unverifiable\s+999/);
    expect(stdout).not.toMatch(/\/ok/);
    expect(stdout).toMatch(/broken\s+1/);
    expect(stdout).toMatch(/total\s+3/);
  });

  it('shows a progress bar on a terminal only, on stderr', async () => {
    const quiet = await run(`${server.base}/ok`, {}, false);
    expect(quiet.stderr).toBe('');
    const tty = await run(`${server.base}/ok\n${server.base}/success`, {}, true);
    expect(tty.stderr).toMatch(/\[#+\] 2\/2 links/);
    expect(tty.stdout.includes('\r')).toBe(false);
  });

  it('extracts links from Markdown and resolves relative ones against --base', async () => {
    const md =
      '# Notes\n\n[ok](/ok) and [gone](gone) and [mail](mailto:ada@example.org) and [ftp](ftp://x.test/)\n';
    const { report } = await run(md, { json: true, base: `${server.base}/docs/` });
    expect(report.results.map((r) => [r.url, r.status])).toEqual([
      [`${server.base}/ok`, 'valid'],
      [`${server.base}/docs/gone`, 'broken'],
      ['mailto:ada@example.org', 'valid'],
      ['ftp://x.test/', 'skipped'],
    ]);
    expect(report.results[3]!.reason).toBe('unsupported-scheme: ftp');
  });

  it('skips relative links from standard input without --base, and checks local files beside a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'links-'));
    writeFileSync(path.join(dir, 'here.md'), 'x');
    const md = '[a](here.md) [b](missing.md) [c](#top)';
    const fromStdin = await run(md, { json: true });
    expect(fromStdin.report.results.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);
    const fromFile = await run(md, { json: true }, false, path.join(dir, 'doc.md'));
    expect(fromFile.report.results.map((r) => r.status)).toEqual(['valid', 'broken', 'skipped']);
  });

  it('refuses bad options with a clear message', async () => {
    await expect(run('x', { status: ['999=maybe'] })).rejects.toThrow(/--status/);
    await expect(run('x', { base: 'not a url' })).rejects.toThrow(/--base/);
    await expect(run('x', { replace: ['no-equals'] })).rejects.toThrow(/--replace/);
    await expect(
      runLinksCheck(options(), {
        text: 'x',
        stdout: () => {},
        stderr: () => {},
        tty: false,
        env: { DOSSIER_OUTBOUND_ALLOWLIST: 'not a host' },
      }),
    ).rejects.toThrow(/DOSSIER_OUTBOUND_ALLOWLIST/);
  });
});

describe('dossier links check (the built CLI)', () => {
  const dossier = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      input,
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      timeout: 60_000,
    });

  it('reads standard input, prints JSON and sets the exit code', async () => {
    if (!existsSync(path.join(ROOT, 'packages/api/dist/cli/main.js')))
      throw new Error('Build first: npm run build');
    // The server runs in this process, so the child must not block the event loop: run it asynchronously.
    const { spawn } = await import('node:child_process');
    const runChild = (args: string[], input: string) =>
      new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        });
        let stdout = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.on('close', (status) => resolve({ status, stdout }));
        child.stdin.end(input);
      });
    const ok = await runChild(
      ['links', 'check', '-', '--json', '--min-interval', '0'],
      `${server.base}/ok\n`,
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).summary.valid).toBe(1);
    const bad = await runChild(['links', 'check', '--json'], `${server.base}/gone\n`);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).results[0].status).toBe('broken');
    const usage = dossier(['links', 'check', '--concurrency', '0']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--concurrency must be an integer/);
  });
});
