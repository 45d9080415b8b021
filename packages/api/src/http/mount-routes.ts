import type Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import type { AnyRoute } from './define-route.js';
import { resolvePrincipal } from './resolve-principal.js';
import { validateInput } from './validate-input.js';

function clientAddress(ctx: Context): string {
  return ctx.ip || ctx.socket.remoteAddress || 'unknown';
}

/**
 * Turns route definitions into Koa routes. The concerns run in a fixed order: feature flag, identity, rate
 * limit, authentication, validation; the handler then sees only validated input.
 */
export function mountRoutes(router: Router, routes: AnyRoute[], services: Services): void {
  const { config, rateLimiter } = services;
  for (const route of routes) {
    router[route.method](route.path, async (ctx: Context) => {
      const multipart = ctx.state.multipart === true;
      if (multipart && !route.multipart) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be application/json', {
          details: { contentType: ctx.get('content-type') || null },
        });
      }
      if (route.feature && !config.features[route.feature]) {
        throw new AppError('FEATURE_DISABLED', `The feature "${route.feature}" is disabled on this server`);
      }
      const em = services.orm.em.fork() as EntityManager;
      const principal = await resolvePrincipal(ctx, services, em);
      if (principal) ctx.state.principal = principal;
      const rateLimited = route.rateLimited ?? route.auth !== 'public';
      if (rateLimited) {
        const key = principal ? `u:${principal.userId}` : `ip:${clientAddress(ctx)}`;
        const decision = await rateLimiter.consume(key, config.rateLimitPerHour, 3600);
        ctx.set('RateLimit-Limit', String(config.rateLimitPerHour));
        ctx.set('RateLimit-Remaining', String(decision.remaining));
        if (!decision.allowed) {
          throw new AppError('RATE_LIMITED', 'Too many requests; try again later', {
            retryAfter: decision.retryAfter,
          });
        }
      }
      if (route.auth !== 'public' && !principal) {
        throw new AppError('UNAUTHENTICATED', 'Authentication required');
      }
      if (route.auth === 'admin' && principal?.role !== 'admin') {
        throw new AppError('FORBIDDEN', 'Administrator role required');
      }
      let params: unknown = ctx.params;
      if (route.params) {
        const parsed = route.params.safeParse(ctx.params);
        // A malformed id cannot name an existing resource: 404, never a database cast error.
        if (!parsed.success) throw new AppError('NOT_FOUND', 'Resource not found');
        params = parsed.data;
      }
      const query = validateInput(route.query, { ...ctx.query }, 'query');
      const body =
        route.body && !multipart ? validateInput(route.body, ctx.state.body ?? {}, 'body') : undefined;
      const result = await route.handler({
        ctx,
        input: { body, query, params },
        principal: principal!,
        em,
        services,
        requestId: ctx.state.requestId,
      });
      if (result.headers) for (const [k, v] of Object.entries(result.headers)) ctx.set(k, v);
      ctx.status = result.status ?? (result.body === undefined ? 204 : 200);
      if (result.body !== undefined) ctx.body = result.body;
    });
  }
}
