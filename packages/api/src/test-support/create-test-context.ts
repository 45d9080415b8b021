import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';
import { migrateUp } from '../commands/migrate-database.js';
import { loadConfig } from '../config/load-config.js';
import { createApp } from '../http/create-app.js';
import { createLogger } from '../services/create-logger.js';
import { createServices, type Services } from '../services/create-services.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  apiKey?: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestContext {
  url: string;
  databaseUrl: string;
  services: Services;
  request<T = any>(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** Registers a fresh user and returns its access token and id. */
  signUp(overrides?: {
    email?: string;
    password?: string;
    name?: string;
  }): Promise<{ token: string; refreshToken: string; userId: string; email: string; password: string }>;
  close(): Promise<void>;
}

/** Creates an empty database named for this test file. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('databaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A real API server on 127.0.0.1 backed by a fresh, migrated database of its own, with Redis when asked for.
 */
export async function createTestContext(
  env: Record<string, string> = {},
  /** `databaseUrl`: a second API on the database of another context (pass its secrets in `env`), as a second process would be. */
  opts: { redis?: boolean; databaseUrl?: string } = {},
): Promise<TestContext> {
  const databaseUrl = opts.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DOSSIER_RATE_LIMIT_PER_HOUR: '10000',
    DOSSIER_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DOSSIER_JWT_SECRET: randomBytes(32).toString('hex'),
    ...(opts.redis ? { REDIS_URL: inject('redisUrl') } : {}),
    ...env,
  });
  const services = await createServices({
    config,
    databaseUrl,
    secrets: { encryptionKey: config.encryptionKey!, jwtSecret: config.jwtSecret! },
    logger: createLogger('silent'),
  });
  await migrateUp(services.orm);
  const server = createApp(services).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;

  const request: TestContext['request'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.apiKey) headers['x-api-key'] = o.apiKey;
    let body: string | Buffer | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as any, headers: res.headers };
  };

  return {
    url,
    databaseUrl,
    services,
    request,
    async signUp(overrides = {}) {
      n += 1;
      const email = overrides.email ?? `user${n}-${randomBytes(4).toString('hex')}@example.test`;
      const password = overrides.password ?? 'correct horse battery';
      const res = await request('POST', '/api/v1/auth/register', {
        body: { email, password, ...(overrides.name ? { name: overrides.name } : {}) },
      });
      if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
      return {
        token: res.body.accessToken,
        refreshToken: res.body.refreshToken,
        userId: res.body.user.id,
        email,
        password,
      };
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      await services.close();
    },
  };
}
