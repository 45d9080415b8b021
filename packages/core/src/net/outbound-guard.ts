import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { classifyAddress, compileAllowList, formatIp, parseIpLiteral } from './classify-address.js';
import { GuardError } from './guard-error.js';

/** Resolves a host name to every address it has (the system resolver by default). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

/** The policy every outbound request is held to; `DOSSIER_OUTBOUND_ALLOWLIST` fills `allowList`. */
export interface OutboundPolicy {
  /** Hosts (`intranet.example`, `*.corp.example`) or CIDRs (`10.0.0.0/8`) that may be reached even though
   * they are private, on any port. */
  allowList?: readonly string[];
  /** Ports reachable on destinations that are not allow-listed. */
  allowedPorts?: readonly number[];
  /** For tests: a resolver standing in for DNS. */
  resolve?: ResolveHost;
}

export interface CheckedHop {
  url: URL;
  /** Every address the host resolved to, each one approved; the connection may only go to these. */
  addresses: LookupAddress[];
}

export interface OutboundGuard {
  /** Checks one hop (scheme, every resolved address, port) before anything connects. */
  check(raw: string | URL, signal?: AbortSignal): Promise<CheckedHop>;
  /** A dispatcher that can only connect to the hop's approved addresses (kept alive for reuse). */
  dispatcher(hop: CheckedHop, connectTimeoutMs: number): Agent;
  /** Closes every pooled connection. */
  close(): Promise<void>;
}

const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, order: 'verbatim' });

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

/** The system resolver cannot be cancelled; stop waiting for it when the signal fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// Pinned agents are pooled by origin and approved address set, so keep-alive works without ever reusing a
// connection for an address set that was not approved for this hop.
const MAX_POOLED_AGENTS = 256;

/**
 * The SSRF guard: only http and https; every address a host resolves to (or the literal in the URL, in any
 * IPv4/IPv6 spelling) must be public unless allow-listed; ports 80 and 443 unless allow-listed; connections go
 * to the checked address only (no second lookup). Callers check again on every redirect hop.
 */
export function createOutboundGuard(policy: OutboundPolicy = {}): OutboundGuard {
  const { allowList = [], allowedPorts = [80, 443], resolve = systemResolve } = policy;
  const agents = new Map<string, Agent>();
  const allowed = compileAllowList(allowList);

  async function check(raw: string | URL, signal?: AbortSignal): Promise<CheckedHop> {
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
    if (addresses.length === 0) {
      throw Object.assign(new Error(`${host} has no addresses`), { code: 'ENOTFOUND' });
    }
    let allListed = true;
    for (const { address } of addresses) {
      if (allowed(host, address)) continue;
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
        { url: url.href },
      );
    }
    return { url, addresses };
  }

  function dispatcher(hop: CheckedHop, connectTimeoutMs: number): Agent {
    const key = `${hop.url.origin}|${connectTimeoutMs}|${hop.addresses.map((a) => a.address).join(',')}`;
    const pooled = agents.get(key);
    if (pooled) {
      // Refresh its place in the LRU order.
      agents.delete(key);
      agents.set(key, pooled);
      return pooled;
    }
    const agent = new Agent({
      connect: { lookup: pinnedLookup(hop.addresses), timeout: connectTimeoutMs },
      keepAliveTimeout: 4_000,
      connections: 16,
    });
    agents.set(key, agent);
    if (agents.size > MAX_POOLED_AGENTS) {
      const [oldestKey, oldest] = agents.entries().next().value as [string, Agent];
      agents.delete(oldestKey);
      // Requests still running on it finish first.
      oldest.close().catch(() => undefined);
    }
    return agent;
  }

  return {
    check,
    dispatcher,
    async close() {
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((a) => a.close().catch(() => undefined)));
    },
  };
}
