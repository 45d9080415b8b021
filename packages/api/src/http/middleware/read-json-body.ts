import type { Context, Next } from 'koa';
import { AppError } from '../../errors/app-error.js';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(ctx: Context): boolean {
  const len = ctx.get('content-length');
  if (ctx.get('transfer-encoding')) return true;
  return len !== '' && Number(len) > 0;
}

/**
 * Reads a JSON body with a hard byte limit. A body of another type is 415; over the limit is 413 (checked on
 * Content-Length first, then while streaming); unparsable JSON is 400 INVALID_JSON with the parser's position.
 */
export function readJsonBody(limitBytes: number) {
  return async (ctx: Context, next: Next) => {
    if (!METHODS_WITH_BODY.has(ctx.method) || !hasBody(ctx)) {
      ctx.state.body = undefined;
      return next();
    }
    // Uploads: left unread for the routes that opt in (`multipart` on the route) to stream themselves;
    // mountRoutes answers 415 for them everywhere else.
    if (ctx.is('multipart/form-data')) {
      ctx.state.body = undefined;
      ctx.state.multipart = true;
      return next();
    }
    if (!ctx.is('application/json', '+json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be application/json', {
        details: { contentType: ctx.get('content-type') || null },
      });
    }
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > limitBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limitBytes} bytes`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) {
        ctx.req.destroy();
        throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limitBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      ctx.state.body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (err) {
      throw new AppError('INVALID_JSON', 'Request body is not valid JSON', {
        details: { reason: (err as Error).message },
      });
    }
    return next();
  };
}
