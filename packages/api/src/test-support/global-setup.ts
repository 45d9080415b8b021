import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findFreePort, startEmbeddedPostgres } from '../runtime/start-embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const bin = which.stdout.trim();
  if (!bin)
    throw new Error(
      'redis-server is not installed: run `apt-get install redis-server` (npm test does this as root)',
    );
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const { Redis } = await import('ioredis');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      break;
    } catch {
      client.disconnect();
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

/**
 * One PostgreSQL (TEST_DATABASE_URL, or embedded) and one Redis (TEST_REDIS_URL, or a redis-server child) for
 * the whole run; each test file then creates its own database, so files run in parallel without interfering.
 */
export default async function setup(project: TestProject) {
  const stops: Array<() => Promise<void>> = [];
  let databaseUrl = process.env.TEST_DATABASE_URL;
  let dir: string | undefined;
  if (!databaseUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'dossier-test-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'postgres' });
    databaseUrl = pg.databaseUrl;
    stops.push(pg.stop);
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis();
    redisUrl = redis.url;
    stops.push(redis.stop);
  }
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
