import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import {
  classifyAddress,
  formatIp,
  GuardError,
  type GuardedFetch,
  matchesAllowList,
  parseIpLiteral,
} from '@dossier/core';
import { Agent, request } from 'undici';

/** Resolves a host name to every address it has (the system resolver by default). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export interface GuardedFetchOptions {
  /** Hosts (`intranet.example`, `*.corp.example`) or CIDRs (`10.0.0.0/8`) that may be reached even though
   * they are private, on any port. */
  allowList?: readonly string[];
  /** Ports reachable on destinations that are not allow-listed. */
  allowedPorts?: readonly number[];
  /** Deadline for the whole exchange: every hop and the body. */
  timeoutMs?: number;
  /** Largest response body read, in bytes. */
  maxBytes?: number;
  userAgent?: string;
  maxRedirects?: number;
  /** For tests: a resolver standing in for DNS. */
  resolve?: ResolveHost;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Never forwarded from the caller: the guard decides where the request goes and how the body is encoded.
const RESERVED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, order: 'verbatim' });

interface CheckedHop {
  url: URL;
  addresses: LookupAddress[];
}

/**
 * A lookup that answers with addresses already checked, whatever name it is asked about: the socket connects
 * to exactly what the guard approved, so a DNS answer that changes between check and connect (rebinding) has
 * nothing to change.
 */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'object' && options ? options.family : undefined;
    const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    if (wanted.length === 0) {
      const err = Object.assign(new Error('No approved address for this family'), { code: 'ENOTFOUND' });
      callback(err, '', 0);
      return;
    }
    if (typeof options === 'object' && options?.all) {
      (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, wanted);
    } else {
      callback(null, wanted[0]!.address, wanted[0]!.family);
    }
  };
}

/** The system resolver cannot be cancelled; stop waiting for it when the deadline passes. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

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

/**
 * The one way Dossier reaches the network on a user's behalf (evidence links, job-description URLs). Every hop
 * is checked before connecting: scheme http(s) only; every address the host resolves to (or the literal in the
 * URL) must be public unless allow-listed; ports 80/443 unless allow-listed. Redirects are followed by hand so
 * each hop is checked again; the body is capped; the whole exchange has one deadline. Refusals are
 * `GuardError`s; network failures pass through as they are.
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const {
    allowList = [],
    allowedPorts = [80, 443],
    timeoutMs = 10_000,
    maxBytes = 2 * 1024 * 1024,
    userAgent = 'Dossier/0.1 (+evidence checker)',
    maxRedirects = 10,
    resolve = systemResolve,
  } = options;

  async function checkHop(raw: string | URL, signal: AbortSignal): Promise<CheckedHop> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new GuardError('INVALID_URL', 'Not a valid absolute URL', { url: String(raw) });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new GuardError('BLOCKED_SCHEME', `Only http and https URLs may be fetched, not ${url.protocol}`, {
        url: url.href,
      });
    }
    const host = url.hostname;
    // A literal address never goes through DNS, so it is checked as written (after URL normalisation).
    const literal = parseIpLiteral(host);
    const addresses: LookupAddress[] = literal
      ? [{ address: formatIp(literal), family: literal.family }]
      : await untilAborted(resolve(host), signal);
    if (addresses.length === 0) throw new Error(`${host} has no addresses`);
    let allListed = true;
    for (const { address } of addresses) {
      if (matchesAllowList(host, address, allowList)) continue;
      allListed = false;
      const cls = classifyAddress(address);
      if (cls !== 'public') {
        throw new GuardError(
          'BLOCKED_ADDRESS',
          `${host} resolves to ${address} (${cls}), which may not be reached`,
          { url: url.href },
        );
      }
    }
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    if (!allListed && !allowedPorts.includes(port)) {
      throw new GuardError(
        'BLOCKED_PORT',
        `Port ${port} may not be reached (allowed: ${allowedPorts.join(', ')})`,
        {
          url: url.href,
        },
      );
    }
    return { url, addresses };
  }

  async function readCapped(body: AsyncIterable<Uint8Array> & { destroy(): void }, url: string) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        body.destroy();
        throw new GuardError('TOO_LARGE', `The response is larger than ${maxBytes} bytes`, { url });
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  }

  return async function guardedFetch(target, init = {}) {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
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
        const hop = await checkHop(current, signal);
        signal.throwIfAborted();
        const agent = new Agent({
          connect: { lookup: pinnedLookup(hop.addresses), timeout: timeoutMs },
          connections: 1,
        });
        try {
          const res = await request(hop.url, {
            method: method as 'GET',
            headers,
            body,
            signal,
            dispatcher: agent,
          });
          const resHeaders = headerRecord(res.headers);
          const location = resHeaders.location;
          if (REDIRECT_STATUSES.has(res.statusCode) && location) {
            await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
            if (redirects >= maxRedirects) {
              throw new GuardError('TOO_MANY_REDIRECTS', `More than ${maxRedirects} redirects`, {
                url: hop.url.href,
              });
            }
            let next: URL;
            try {
              next = new URL(location, hop.url);
            } catch {
              throw new GuardError('INVALID_URL', 'The redirect location is not a valid URL', {
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
              headers = Object.fromEntries(
                Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k)),
              );
            }
            current = next;
            continue;
          }
          const declared = Number(resHeaders['content-length']);
          if (Number.isFinite(declared) && declared > maxBytes) {
            res.body.destroy();
            throw new GuardError('TOO_LARGE', `The response is ${declared} bytes; the limit is ${maxBytes}`, {
              url: hop.url.href,
            });
          }
          const bytes = await readCapped(res.body, hop.url.href);
          return {
            status: res.statusCode,
            headers: resHeaders,
            url: hop.url.href,
            text: async () => decodeText(bytes, resHeaders['content-type']),
            bytes: async () => new Uint8Array(bytes),
          };
        } finally {
          // One agent per hop: no connection is ever reused for an address that was not checked for this hop.
          agent.destroy().catch(() => undefined);
        }
      }
    } catch (error) {
      if (error instanceof GuardError) throw error;
      if (deadline.aborted && !(init.signal?.aborted ?? false)) {
        throw new GuardError('TIMEOUT', `No complete response within ${timeoutMs} ms`, {
          url: String(current),
          cause: error,
        });
      }
      if (init.signal?.aborted) throw init.signal.reason;
      throw error;
    }
  };
}
