import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../services/create-logger.js';
import type { Services } from '../services/create-services.js';
import { createMemoryRateLimiter } from '../services/rate-limiter.js';
import { type AnyRoute, defineRoute } from './define-route.js';
import { handleErrors } from './middleware/handle-errors.js';
import { readJsonBody } from './middleware/read-json-body.js';
import { mountRoutes } from './mount-routes.js';

// The route concerns on their own, with synthetic routes: a feature flag switched off answers 404
// FEATURE_DISABLED before anything else runs.
const routes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/exports',
    tag: 't',
    summary: 'gated',
    auth: 'public',
    feature: 'exportPdf',
    body: z.object({ n: z.number() }).strict(),
    async handler({ input }) {
      return { body: { got: input.body.n } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/letters',
    tag: 't',
    summary: 'open',
    auth: 'public',
    feature: 'coverLetter',
    async handler() {
      return { body: { ok: true } };
    },
  }),
];

let url: string;
let close: () => void;
beforeAll(async () => {
  const config = loadConfig({ DOSSIER_FEATURES: 'exportPdf=false' });
  const services = {
    config,
    rateLimiter: createMemoryRateLimiter(),
    orm: { em: { fork: () => ({}) } },
  } as unknown as Services;
  const app = new Koa();
  const router = new Router();
  mountRoutes(router, routes, services);
  app.use(handleErrors(createLogger('silent')));
  app.use(readJsonBody(1024));
  app.use(router.routes());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe('feature flags', () => {
  it('a disabled feature answers 404 FEATURE_DISABLED, even with an invalid body', async () => {
    const res = await fetch(`${url}/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FEATURE_DISABLED');
  });

  it('an enabled feature runs normally', async () => {
    const res = await fetch(`${url}/letters`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('rejects an unknown feature name in configuration', () => {
    expect(() => loadConfig({ DOSSIER_FEATURES: 'teleport=true' })).toThrow(
      /DOSSIER_FEATURES: unknown feature "teleport"/,
    );
  });
});
