import {
  createGuardedFetch,
  type EvidenceValidateInput,
  type EvidenceValidatorHandler,
  type EvidenceVerdict,
  type GuardedFetch,
  type GuardedFetchResponse,
  isGuardError,
} from '@dossier/core';
import { definePlugin } from '@dossier/core/plugins';
import { parseRetryAfter } from '../llm/map-llm-error.js';
import { classifyError, classifyStatus, detectBotWall, pageNames } from './classify-response.js';
import { createHostBackoff, type HostBackoff, sleep } from './host-backoff.js';

export interface HttpValidatorOptions {
  /** Where a site owner can read about the checker or reach its operator; goes into the user agent. The
   * deployment sets it (its own public URL); without one the user agent names Dossier only. */
  contactUrl?: string;
  /** The whole user agent, when the default (`Dossier-LinkCheck/0.1 (+contactUrl)`) will not do. */
  userAgent?: string;
  maxRedirects?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** At most this much of a body is read (challenge detection, content check). */
  maxBodyBytes?: number;
  /** Attempts after the first for 429, 503, 5xx and timeouts, within one validation. 0 leaves retrying to the
   * caller, which gets `retryAfterMs` on the provisional verdict. */
  retries?: number;
  /** A `Retry-After` longer than this is not waited for: the verdict stays provisional. */
  maxRetryAfterMs?: number;
  /** Wait before retrying when the server names no delay; doubles per attempt. */
  retryDelayMs?: number;
  /** Pause a host after it answers 429 or 503 (adaptive per-host backoff). */
  hostBackoff?: boolean;
  /** Check that a 2xx page still names the artifact's title or the user's handle (when the caller says which). */
  contentCheck?: boolean;
}

/** `Dossier-LinkCheck/0.1 (+https://contact.example/)`, or without a contact URL a plain description. */
export function linkCheckUserAgent(contactUrl?: string): string {
  return contactUrl
    ? `Dossier-LinkCheck/0.1 (+${contactUrl})`
    : 'Dossier-LinkCheck/0.1 (evidence link checker)';
}

const PERMANENT = new Set([301, 308]);
// HEAD answers that say "ask with GET" rather than anything about the page. A 503 is asked again with GET
// too: its body tells a challenge page (unverifiable at once) from a real outage (retried).
const RETRY_AS_GET_AFTER_HEAD = (status: number) => status >= 400 && status !== 429;
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

interface Walk {
  res: GuardedFetchResponse;
  url: string;
  hops: number;
  allPermanent: boolean;
}

type Outcome = { walk: Walk } | { verdict: EvidenceVerdict };

/** One HTTP(S) URL checked through the guard: what the `http` validator does, reusable by other validators. */
export interface HttpCheck {
  check(url: string, signal: AbortSignal, input?: EvidenceValidateInput): Promise<EvidenceVerdict>;
}

export function createHttpCheck(options: HttpValidatorOptions, http: GuardedFetch): HttpCheck {
  const {
    maxRedirects = 10,
    connectTimeoutMs = 10_000,
    headersTimeoutMs = 20_000,
    bodyTimeoutMs = 15_000,
    totalTimeoutMs = 45_000,
    maxBodyBytes = 1024 * 1024,
    retries = 2,
    maxRetryAfterMs = 60_000,
    retryDelayMs = 1_000,
    contentCheck = false,
  } = options;
  const userAgent = options.userAgent ?? linkCheckUserAgent(options.contactUrl);
  const backoff: HostBackoff | null = options.hostBackoff === false ? null : createHostBackoff();
  const timeouts = {
    connectMs: connectTimeoutMs,
    headersMs: headersTimeoutMs,
    bodyMs: bodyTimeoutMs,
    totalMs: totalTimeoutMs,
  };

  /** Follows redirects by hand (the guard checks each hop), detecting loops and counting permanence. */
  async function walk(
    start: string,
    method: 'HEAD' | 'GET',
    signal: AbortSignal,
    extra: Record<string, string>,
  ): Promise<Outcome> {
    const seen = new Set<string>([start]);
    let url = start;
    let headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      ...extra,
    };
    let allPermanent = true;
    for (let hops = 0; ; hops++) {
      const res = await http(url, {
        method,
        headers,
        signal,
        redirect: 'manual',
        maxBytes: maxBodyBytes,
        truncate: true,
        timeouts,
      });
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        if (seen.has(location)) {
          return { verdict: verdict('broken', res.status, location, `redirect loop at ${location}`) };
        }
        if (hops + 1 > maxRedirects) {
          return { verdict: verdict('broken', res.status, location, `more than ${maxRedirects} redirects`) };
        }
        if (!PERMANENT.has(res.status)) allPermanent = false;
        if (new URL(location).origin !== new URL(url).origin) {
          headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIALS.includes(k)));
        }
        seen.add(location);
        url = location;
        continue;
      }
      return { walk: { res, url, hops, allPermanent } };
    }
  }

  async function judge(w: Walk, input: EvidenceValidateInput | undefined): Promise<EvidenceVerdict> {
    const { res, url, hops, allPermanent } = w;
    const finalUrl = hops > 0 ? url : null;
    const body = res.status >= 200 && res.status < 300 && !contentCheck ? '' : await res.text();
    const wall = detectBotWall(res.status, res.headers, body);
    if (wall) return verdict('unverifiable', res.status, finalUrl, wall);
    const c = classifyStatus(res.status, parseRetryAfter(res.headers), retryDelayMs);
    if (c.status === 'valid') {
      if (contentCheck && input?.expect && !pageNames(body, input.expect)) {
        const names = [input.expect.title, input.expect.handle].filter(Boolean).join('" or "');
        return verdict('unverifiable', res.status, finalUrl, `the page no longer names "${names}"`);
      }
      if (hops > 0 && allPermanent)
        return verdict('redirected', res.status, url, `moved permanently to ${url}`);
      return verdict('valid', res.status, finalUrl, hops > 0 ? `temporary redirect to ${url}` : null);
    }
    return { ...verdict(c.status, res.status, finalUrl, c.reason), ...retryOf(c.retryAfterMs) };
  }

  /** One attempt: HEAD, then GET when HEAD is refused or fails (or a body is needed). */
  async function once(
    url: string,
    signal: AbortSignal,
    input?: EvidenceValidateInput,
  ): Promise<EvidenceVerdict> {
    const extra = Object.fromEntries(
      Object.entries(input?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const wantBody = contentCheck && input?.expect !== undefined;
    if (!wantBody) {
      try {
        const head = await walk(url, 'HEAD', signal, extra);
        if ('verdict' in head) return head.verdict;
        const { res } = head.walk;
        // A wall that shows in the status or headers shows to GET as well: no second request.
        const wall = detectBotWall(res.status, res.headers, '');
        if (wall) return verdict('unverifiable', res.status, head.walk.hops > 0 ? head.walk.url : null, wall);
        if (!RETRY_AS_GET_AFTER_HEAD(res.status)) return await judge(head.walk, input);
      } catch (error) {
        signal.throwIfAborted();
        // Refusals, unresolvable names and timeouts would only repeat with GET.
        if (isGuardError(error) || isFinalNetworkError(error)) return errorVerdict(error);
      }
    }
    try {
      const get = await walk(url, 'GET', signal, extra);
      return 'verdict' in get ? get.verdict : await judge(get.walk, input);
    } catch (error) {
      signal.throwIfAborted();
      return errorVerdict(error);
    }
  }

  function errorVerdict(error: unknown): EvidenceVerdict {
    const c = classifyError(error, retryDelayMs);
    return { ...verdict(c.status, null, null, c.reason), ...retryOf(c.retryAfterMs) };
  }

  return {
    async check(url, signal, input) {
      let host = '';
      try {
        host = new URL(url).host;
      } catch {
        return verdict('broken', null, null, 'not a valid URL');
      }
      for (let attempt = 0; ; attempt++) {
        if (backoff) await sleep(backoff.delayFor(host), signal);
        const result = await once(url, signal, input);
        const limited = result.httpStatus === 429 || result.httpStatus === 503;
        if (backoff) {
          if (limited && result.retryAfterMs !== undefined) backoff.refused(host, result.retryAfterMs);
          else if (result.httpStatus !== null) backoff.succeeded(host);
        }
        if (
          result.retryAfterMs === undefined ||
          attempt >= retries ||
          result.retryAfterMs > maxRetryAfterMs
        ) {
          return result;
        }
        // Without a host-wide pause the wait is this request's own, doubling with each attempt.
        const wait = backoff && limited ? 0 : result.retryAfterMs * (limited ? 1 : 2 ** attempt);
        await sleep(wait, signal);
      }
    },
  };
}

function isFinalNetworkError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'ENOTFOUND' || code === 'ECONNREFUSED';
}

function retryOf(ms: number | undefined): { retryAfterMs?: number } {
  return ms === undefined ? {} : { retryAfterMs: Math.max(0, Math.round(ms)) };
}

export function verdict(
  status: EvidenceVerdict['status'],
  httpStatus: number | null,
  finalUrl: string | null,
  reason: string | null,
): EvidenceVerdict {
  return { status, httpStatus, finalUrl, reason };
}

export const HTTP_VALIDATOR_OPTIONS_SCHEMA = {
  type: 'object',
  properties: {
    contactUrl: { type: 'string', format: 'uri' },
    userAgent: { type: 'string', minLength: 1 },
    maxRedirects: { type: 'integer', minimum: 0, maximum: 20, default: 10 },
    connectTimeoutMs: { type: 'integer', minimum: 1, default: 10_000 },
    headersTimeoutMs: { type: 'integer', minimum: 1, default: 20_000 },
    bodyTimeoutMs: { type: 'integer', minimum: 1, default: 15_000 },
    totalTimeoutMs: { type: 'integer', minimum: 1, default: 45_000 },
    maxBodyBytes: { type: 'integer', minimum: 0, maximum: 1024 * 1024, default: 1024 * 1024 },
    retries: { type: 'integer', minimum: 0, maximum: 10, default: 2 },
    maxRetryAfterMs: { type: 'integer', minimum: 0, default: 60_000 },
    retryDelayMs: { type: 'integer', minimum: 0, default: 1_000 },
    hostBackoff: { type: 'boolean', default: true },
    contentCheck: { type: 'boolean', default: false },
  },
  additionalProperties: false,
} as const;

/** The fallback for every http(s) URL: HEAD then GET through the SSRF guard, redirects walked by hand. */
export const httpValidator = definePlugin<'evidence-validator', HttpValidatorOptions>({
  name: 'http',
  kind: 'evidence-validator',
  version: '1.0.0',
  description:
    'Checks any http(s) link: HEAD then GET, redirects followed by hand through the SSRF guard, timeouts, ' +
    'Retry-After and per-host backoff; bot walls are unverifiable, never broken.',
  order: 100,
  optionsSchema: HTTP_VALIDATOR_OPTIONS_SCHEMA as unknown as Record<string, unknown>,
  create(options, deps): EvidenceValidatorHandler {
    const check = createHttpCheck(options, deps.http ?? createGuardedFetch());
    return {
      handles: (url) => url.protocol === 'http:' || url.protocol === 'https:',
      validate: (url, ctx, input) => check.check(url, ctx.signal, input),
    };
  },
});
