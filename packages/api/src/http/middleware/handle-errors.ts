import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { AppError } from '../../errors/app-error.js';
import { isUniqueViolation } from '../../errors/is-unique-violation.js';

/**
 * PostgreSQL down, restarting, shutting down or out of connections, and the driver's own connection failures
 * (SQLSTATE classes 08 and 57P, 53300 too_many_connections).
 */
const DATABASE_DOWN = new Set([
  'ECONNREFUSED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/**
 * Maps database constraint violations that a client can cause, and a backing service (PostgreSQL, Redis) that is
 * down, to stable codes instead of 500s.
 */
export function fromBackingServiceError(err: unknown): AppError | undefined {
  const e = err as { code?: string; name?: string; constraint?: string };
  if (isUniqueViolation(err)) {
    return new AppError('CONFLICT', 'A resource with these values already exists', {
      details: e.constraint ? { constraint: e.constraint } : undefined,
    });
  }
  if (e?.name === 'ForeignKeyConstraintViolationException' || e?.code === '23503') {
    return new AppError('NOT_FOUND', 'A referenced resource does not exist');
  }
  if (e?.code === '22P02' || e?.name === 'InvalidFieldNameException') {
    return new AppError('BAD_REQUEST', 'Malformed value in request');
  }
  if (e?.name === 'ConnectionException' || (e?.code && DATABASE_DOWN.has(e.code))) {
    return new AppError('UNAVAILABLE', 'The database is unavailable', { retryAfter: 5 });
  }
  // Two transactions that ran into each other (a deadlock, a serialization failure): one was rolled back and
  // lost nothing; the same request again succeeds.
  if (e?.name === 'DeadlockException' || e?.code === '40P01' || e?.code === '40001') {
    return new AppError('UNAVAILABLE', 'The request ran into a concurrent change; try again', {
      retryAfter: 1,
    });
  }
  if (e?.code === '57014') {
    return new AppError('UNAVAILABLE', 'The database took too long to answer', { retryAfter: 5 });
  }
  // ioredis gives up on a command after its retries while Redis is down, or fails it on a closed connection.
  if (e?.name === 'MaxRetriesPerRequestError' || (err as Error)?.message === 'Connection is closed.') {
    return new AppError('UNAVAILABLE', 'Redis is unavailable', { retryAfter: 5 });
  }
  return undefined;
}

/**
 * The one place that writes error bodies: `{error: {code, message, details?, requestId}}`. Anything that is
 * not an AppError is logged in full and masked as INTERNAL.
 */
export function handleErrors(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
      }
    } catch (raw) {
      let err: AppError;
      if (raw instanceof AppError) err = raw;
      else {
        const mapped = fromBackingServiceError(raw);
        const status = (raw as { status?: number; expose?: boolean })?.status;
        if (mapped) err = mapped;
        else if (status === 413) err = new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large');
        else if (status && status >= 400 && status < 500 && (raw as { expose?: boolean }).expose) {
          err = new AppError('BAD_REQUEST', (raw as Error).message);
        } else {
          logger.error({ err: raw, requestId: ctx.state.requestId }, 'unhandled error');
          err = new AppError('INTERNAL', 'Internal server error');
        }
        // A mapped database error is usually a client's doing (a race on a unique key); a cast error after
        // validation is our bug. Either way the raw error is logged so it is never invisible.
        if (mapped) {
          const level = mapped.code === 'BAD_REQUEST' || mapped.code === 'UNAVAILABLE' ? 'error' : 'warn';
          logger[level](
            { err: raw, requestId: ctx.state.requestId, code: mapped.code },
            'backing service error mapped',
          );
        }
      }
      ctx.status = err.status;
      if (err.retryAfter !== undefined)
        ctx.set('Retry-After', String(Math.max(1, Math.ceil(err.retryAfter))));
      ctx.body = {
        error: {
          code: err.code,
          message: err.message,
          ...(err.details ? { details: err.details } : {}),
          requestId: ctx.state.requestId,
        },
      };
    }
  };
}
