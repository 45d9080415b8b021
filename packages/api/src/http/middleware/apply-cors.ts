import type { Context, Next } from 'koa';

/**
 * CORS for configured origins only (`DOSSIER_CORS_ORIGINS`); the web app is served same-origin and needs none.
 * Credentials are bearer tokens, never cookies, so no Allow-Credentials.
 */
export function applyCors(origins: string[]) {
  const allowAll = origins.includes('*');
  const allowed = new Set(origins);
  return async (ctx: Context, next: Next) => {
    const origin = ctx.get('origin');
    const ok = origin && (allowAll || allowed.has(origin));
    if (ok) {
      ctx.set('Access-Control-Allow-Origin', allowAll ? '*' : origin);
      ctx.vary('Origin');
      ctx.set('Access-Control-Expose-Headers', 'Retry-After, Location, X-Request-Id');
    }
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      if (ok) {
        ctx.set('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE');
        ctx.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-API-Key, X-Request-Id');
        ctx.set('Access-Control-Max-Age', '600');
      }
      ctx.status = 204;
      return;
    }
    await next();
  };
}
