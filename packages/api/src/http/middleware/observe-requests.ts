import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import type { HttpMetrics } from '../../services/create-metrics.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,80}$/;

/** Assigns the request id, logs one JSON line per request and records the route's latency histogram. */
export function observeRequests(logger: Logger, metrics: HttpMetrics) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // The matched route pattern, not the raw path, keeps label cardinality bounded.
      const route =
        (ctx as Context & { _matchedRoute?: string })._matchedRoute ??
        (ctx.path.startsWith('/api/') ? 'unmatched' : 'static');
      metrics.observe(ctx.method, String(route), ctx.status, seconds);
      if (!ctx.state.quietLog) {
        logger.info(
          {
            requestId,
            method: ctx.method,
            route,
            status: ctx.status,
            ms: Math.round(seconds * 1e4) / 10,
            userId: ctx.state.principal?.userId,
          },
          'request',
        );
      }
    }
  };
}
