import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisDatabase } from '../routes/generations/generations.test-support.js';
import { findFreePort } from '../runtime/start-embedded-postgres.js';
import { createTestDatabase } from '../test-support/create-test-context.js';

// `dossier serve` told to stop while a client watches a generation's event stream (the generation is queued on
// Redis with no worker, so the stream would stay open for as long as it waits). The server must end the stream
// (the client reconnects, to another instance in a rolling deploy) and exit 0, not wait for the stream until
// its 20 s limit and exit 1.

const BIN = fileURLToPath(new URL('../../bin/dossier.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const killed: Array<() => void> = [];

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error('The CLI is not built; run `npm run build` first (npm test does).');
});
afterAll(() => {
  for (const kill of killed) kill();
});

describe('dossier serve stopping', () => {
  it('ends open event streams and exits 0 promptly on SIGTERM', async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DATABASE_URL: await createTestDatabase(),
        REDIS_URL: redisDatabase(9),
        DOSSIER_ENCRYPTION_KEY: 'cd'.repeat(32),
        DOSSIER_JWT_SECRET: 'e'.repeat(40),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killed.push(() => child.exitCode === null && child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const deadline = Date.now() + 60_000;
    while (!out.includes('Dossier is running')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = `http://127.0.0.1:${port}/api/v1`;
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { id: string; accessToken: string } };
    };
    const { body: session } = await post('/auth/register', {
      email: 'stream@example.test',
      password: 'a long enough password',
    });
    const token = session.accessToken;
    expect(
      (
        await post(
          '/artifacts',
          { title: 'Ledger', summary: 'Built a Go ledger', startDate: '2024-01-01' },
          token,
        )
      ).status,
    ).toBe(201);
    const gen = await post(
      '/generate/cv',
      { jobDescriptionText: 'Backend Engineer\nRequirements\n- Go' },
      token,
    );
    expect(gen.status).toBe(202);

    const stream = await fetch(`${url}/generations/${gen.body.id}/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('queued');

    const asked = Date.now();
    child.kill('SIGTERM');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const code = await exited;
    expect(code, out).toBe(0);
    expect(Date.now() - asked).toBeLessThan(10_000);
    // The stream ended without a `done`: the generation is not over, and the client reconnects.
    expect(text).not.toContain('event: done');
  }, 90_000);
});
