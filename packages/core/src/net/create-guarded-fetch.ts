import { request } from 'undici';
import type { GuardedFetch, GuardedFetchResponse } from '../plugins/contract.js';
import { GuardError } from './guard-error.js';
import { createOutboundGuard, type OutboundGuard, type OutboundPolicy } from './outbound-guard.js';

export type { ResolveHost } from './outbound-guard.js';

export interface GuardedFetchOptions extends OutboundPolicy {
  /** Deadline for the whole exchange: every hop and the body. */
  timeoutMs?: number;
  /** Default per-phase deadlines (a call may shorten or lengthen them). */
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Largest response body read, in bytes. */
  maxBytes?: number;
  userAgent?: string;
  maxRedirects?: number;
  /** Share one guard (and its connection pool) between several fetches. */
  guard?: OutboundGuard;
}

export const DEFAULT_USER_AGENT = 'Dossier/0.1 (+evidence checker)';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
// Never forwarded from the caller: the guard decides where the request goes and how the body is encoded.
const RESERVED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
]);
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'proxy-authorization',
]);

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function decodeText(bytes: Uint8Array, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The undici error code of an error or of its cause, if any. */
function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
}

/**
 * The one way Dossier reaches the network on a user's behalf (evidence links, job-description URLs). Every hop
 * is checked by the outbound guard before connecting, and the connection goes to the checked address.
 * Redirects are followed by hand so each hop is checked again (or returned as they are with
 * `redirect: 'manual'`); the body is capped; connect, headers, body and the whole exchange have deadlines.
 * Refusals and deadlines are `GuardError`s; network failures (DNS, refused, reset) pass through as they are.
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const {
    timeoutMs = 10_000,
    connectTimeoutMs,
    headersTimeoutMs,
    bodyTimeoutMs,
    maxBytes: defaultMaxBytes = 2 * 1024 * 1024,
    userAgent = DEFAULT_USER_AGENT,
    maxRedirects = 10,
  } = options;
  const guard = options.guard ?? createOutboundGuard(options);

  async function readCapped(
    body: AsyncIterable<Uint8Array> & { destroy(): void },
    url: string,
    maxBytes: number,
    truncate: boolean,
  ): Promise<{ bytes: Buffer; truncated: boolean }> {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of body) {
      if (total + chunk.byteLength > maxBytes) {
        body.destroy();
        if (!truncate) {
          throw new GuardError('TOO_LARGE', `The response is larger than ${maxBytes} bytes`, { url });
        }
        chunks.push(chunk.subarray(0, maxBytes - total));
        total = maxBytes;
        return { bytes: Buffer.concat(chunks, total), truncated: true };
      }
      total += chunk.byteLength;
      chunks.push(chunk);
    }
    return { bytes: Buffer.concat(chunks, total), truncated: false };
  }

  return async function guardedFetch(target, init = {}) {
    const t = init.timeouts ?? {};
    const totalMs = t.totalMs ?? timeoutMs;
    const connectMs = t.connectMs ?? connectTimeoutMs ?? totalMs;
    const headersMs = t.headersMs ?? headersTimeoutMs ?? totalMs;
    const bodyMs = t.bodyMs ?? bodyTimeoutMs ?? totalMs;
    const maxBytes = init.maxBytes ?? defaultMaxBytes;
    // One controller and one timer per call, both released when the call settles (AbortSignal.timeout and
    // AbortSignal.any keep their signals alive until the timer fires, which adds up over thousands of calls).
    const controller = new AbortController();
    const signal = controller.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(
        new GuardError('TIMEOUT', `No complete response within ${totalMs} ms`, { url: String(target) }),
      );
    }, totalMs);
    const onCallerAbort = () => controller.abort(init.signal?.reason);
    if (init.signal?.aborted) onCallerAbort();
    else init.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    let headers: Record<string, string> = { 'user-agent': userAgent };
    for (const [k, v] of Object.entries(init.headers ?? {})) {
      if (!RESERVED_HEADERS.has(k.toLowerCase())) headers[k.toLowerCase()] = v;
    }
    headers['accept-encoding'] = 'identity';

    let current: string | URL = target;
    try {
      for (let redirects = 0; ; redirects++) {
        signal.throwIfAborted();
        const hop = await guard.check(current, signal);
        signal.throwIfAborted();
        const res = await request(hop.url, {
          method: method as 'GET',
          headers,
          body,
          signal,
          dispatcher: guard.dispatcher(hop, connectMs),
          headersTimeout: headersMs,
          bodyTimeout: bodyMs,
          // undici closes the connection after every HEAD unless told otherwise; keeping it alive (when the
          // server says keep-alive) saves a TCP handshake per link. A server that wrongly sends a body with
          // its HEAD answer breaks that connection's next response, which the caller sees as an error.
          ...(method === 'HEAD' ? { reset: false } : {}),
        });
        const resHeaders = headerRecord(res.headers);
        const location = resHeaders.location;
        if (REDIRECT_STATUSES.has(res.statusCode) && location) {
          let next: URL;
          try {
            next = new URL(location, hop.url);
          } catch {
            await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
            throw new GuardError('INVALID_URL', 'The redirect location is not a valid URL', {
              url: hop.url.href,
            });
          }
          if (init.redirect === 'manual') {
            await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
            const empty = new Uint8Array();
            return {
              status: res.statusCode,
              headers: { ...resHeaders, location: next.href },
              url: hop.url.href,
              text: async () => '',
              bytes: async () => empty,
            } satisfies GuardedFetchResponse;
          }
          await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          if (redirects >= maxRedirects) {
            throw new GuardError('TOO_MANY_REDIRECTS', `More than ${maxRedirects} redirects`, {
              url: hop.url.href,
            });
          }
          // Browsers turn a redirected POST into a GET (always for 303); 307/308 keep method and body.
          if (
            res.statusCode === 303
              ? method !== 'HEAD'
              : [301, 302].includes(res.statusCode) && method === 'POST'
          ) {
            method = 'GET';
            body = undefined;
          }
          if (next.origin !== hop.url.origin) {
            headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k)));
          }
          current = next;
          continue;
        }
        const declared = Number(resHeaders['content-length']);
        if (!init.truncate && Number.isFinite(declared) && declared > maxBytes) {
          res.body.destroy();
          throw new GuardError('TOO_LARGE', `The response is ${declared} bytes; the limit is ${maxBytes}`, {
            url: hop.url.href,
          });
        }
        const read =
          method === 'HEAD'
            ? { bytes: Buffer.alloc(0), truncated: false }
            : await readCapped(res.body, hop.url.href, maxBytes, init.truncate === true);
        if (method === 'HEAD') await res.body.dump().catch(() => undefined);
        return {
          status: res.statusCode,
          headers: resHeaders,
          url: hop.url.href,
          ...(read.truncated ? { truncated: true } : {}),
          text: async () => decodeText(read.bytes, resHeaders['content-type']),
          bytes: async () => new Uint8Array(read.bytes),
        } satisfies GuardedFetchResponse;
      }
    } catch (error) {
      if (error instanceof GuardError) throw error;
      if (init.signal?.aborted) throw init.signal.reason;
      const phase = TIMEOUT_CODES[errorCode(error) ?? ''];
      if (phase) {
        throw new GuardError('TIMEOUT', `No ${phase} within its deadline`, {
          url: String(current),
          cause: error,
        });
      }
      if (timedOut) {
        throw new GuardError('TIMEOUT', `No complete response within ${totalMs} ms`, {
          url: String(current),
          cause: error,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onCallerAbort);
    }
  };
}
