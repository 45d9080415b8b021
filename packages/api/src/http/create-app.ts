import Router from '@koa/router';
import Koa from 'koa';
import { ALL_ROUTES } from '../routes/index.js';
import { buildOpenApi, renderDocsPage } from '../routes/openapi/build-openapi.js';
import type { Services } from '../services/create-services.js';
import { applyCors } from './middleware/apply-cors.js';
import { handleErrors } from './middleware/handle-errors.js';
import { observeRequests } from './middleware/observe-requests.js';
import { readJsonBody } from './middleware/read-json-body.js';
import { setSecurityHeaders } from './middleware/set-security-headers.js';
import { mountRoutes } from './mount-routes.js';
import { createSharedDocumentRouter } from './serve-shared-document.js';
import { serveWebApp } from './serve-web-app.js';

export function createApp(services: Services): Koa {
  const { config, logger, metrics } = services;
  const app = new Koa({ proxy: config.trustProxy });
  app.silent = true;
  app.on('error', (err) => logger.debug({ err: err?.message }, 'koa error event'));

  const service = new Router();
  service.get('/health', (ctx) => {
    ctx.state.quietLog = true;
    ctx.body = { status: 'ok' };
  });
  service.get('/health/ready', async (ctx) => {
    ctx.state.quietLog = true;
    const checks: Record<string, 'ok' | 'down'> = {};
    checks.database = await services.orm
      .isConnected()
      .then((ok) => (ok ? 'ok' : 'down'))
      .catch(() => 'down' as const);
    if (services.redis) {
      checks.redis = await services.redis
        .ping()
        .then((r) => (r === 'PONG' ? 'ok' : 'down'))
        .catch(() => 'down' as const);
    }
    const ok = Object.values(checks).every((v) => v === 'ok');
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ready' : 'not-ready', checks };
  });
  service.get('/metrics', async (ctx) => {
    ctx.state.quietLog = true;
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });

  const api = new Router({ prefix: '/api/v1' });
  const openapi = buildOpenApi(ALL_ROUTES);
  api.get('/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  api.get('/docs', (ctx) => {
    ctx.type = 'html';
    ctx.set(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    ctx.body = renderDocsPage(openapi);
  });
  api.get('/features', (ctx) => {
    ctx.body = config.features;
  });
  mountRoutes(api, ALL_ROUTES, services);

  app.use(observeRequests(logger, metrics));
  app.use(setSecurityHeaders());
  app.use(handleErrors(logger));
  app.use(applyCors(config.corsOrigins));
  // Public share pages (/s/:token) are served here, ahead of the SPA fallback.
  app.use(createSharedDocumentRouter(services).routes());
  app.use(serveWebApp(config.webDist));
  app.use(readJsonBody(config.bodyLimitBytes));
  app.use(service.routes());
  app.use(api.routes());
  return app;
}
