import { fetch as undiciFetch } from 'undici';
import { CREDENTIAL_HEADERS, REDIRECT_STATUSES } from './create-guarded-fetch.js';
import { GuardError } from './guard-error.js';
import { createOutboundGuard, type OutboundGuard, type OutboundPolicy } from './outbound-guard.js';

/** The WHATWG `fetch` signature the OpenAI and Anthropic SDKs accept as their `fetch` option. */
export type WebFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface GuardedWebFetchOptions extends OutboundPolicy {
  maxRedirects?: number;
  connectTimeoutMs?: number;
  guard?: OutboundGuard;
}

/**
 * A standard `fetch` through the SSRF guard, for clients that need streaming responses and the full Response
 * API (the LLM SDKs). Every hop is checked and connects to the checked address; redirects are followed by hand
 * (bodies are only re-sent when they are strings or bytes); requests go out as the SDK built them.
 */
export function createGuardedWebFetch(options: GuardedWebFetchOptions = {}): WebFetch {
  const { maxRedirects = 10, connectTimeoutMs = 10_000 } = options;
  const guard = options.guard ?? createOutboundGuard(options);

  return async function guardedWebFetch(input, init = {}) {
    let url = input instanceof Request ? input.url : String(input);
    let method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    for (const [k, v] of new Headers(init.headers)) headers.set(k, v);
    let body = init.body ?? null;
    const signal = init.signal ?? (input instanceof Request ? input.signal : undefined);
    for (let redirects = 0; ; redirects++) {
      const hop = await guard.check(url, signal ?? undefined);
      const res = (await undiciFetch(hop.url, {
        method,
        headers: [...headers],
        body: body as never,
        ...(signal ? { signal } : {}),
        redirect: 'manual',
        dispatcher: guard.dispatcher(hop, connectTimeoutMs),
        ...(body && typeof (body as { getReader?: unknown }).getReader === 'function'
          ? { duplex: 'half' }
          : {}),
      } as never)) as unknown as Response;
      const location = res.headers.get('location');
      if (!REDIRECT_STATUSES.has(res.status) || !location || init.redirect === 'manual') return res;
      await res.body?.cancel().catch(() => undefined);
      if (init.redirect === 'error') throw new TypeError(`Redirected from ${hop.url.href}`);
      if (redirects >= maxRedirects) {
        throw new GuardError('TOO_MANY_REDIRECTS', `More than ${maxRedirects} redirects`, {
          url: hop.url.href,
        });
      }
      const next = new URL(location, hop.url);
      if (res.status === 303 ? method !== 'HEAD' : [301, 302].includes(res.status) && method === 'POST') {
        method = 'GET';
        body = null;
        headers.delete('content-type');
      } else if (body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
        throw new GuardError('INVALID_URL', 'Cannot re-send a streamed body after a redirect', {
          url: hop.url.href,
        });
      }
      if (next.origin !== hop.url.origin) for (const h of CREDENTIAL_HEADERS) headers.delete(h);
      url = next.href;
    }
  };
}
