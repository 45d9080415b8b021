import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const hasCompose = spawnSync('sh', ['-c', 'command -v docker-compose'], { stdio: 'ignore' }).status === 0;

function config(env: Record<string, string>) {
  return spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
}

// Validated with Debian's docker-compose, which parses and interpolates the file without an engine.
describe.skipIf(!hasCompose)('docker-compose.yml', () => {
  it('is valid and runs PostgreSQL 17, Redis 7, the API and a worker', () => {
    const r = config({ DOSSIER_ENCRYPTION_KEY: 'a'.repeat(64), DOSSIER_JWT_SECRET: 'b'.repeat(40) });
    expect(r.stderr).not.toMatch(/invalid|error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/image: postgres:17/);
    expect(r.stdout).toMatch(/image: redis:7/);
    for (const svc of ['api:', 'worker:', 'migrate:']) expect(r.stdout).toContain(svc);
    expect(r.stdout).toMatch(/- worker\n\s+- --concurrency|command:\n\s+- worker/);
  });

  it('refuses to render without the secrets', () => {
    const r = config({});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/DOSSIER_ENCRYPTION_KEY/);
  });
});
