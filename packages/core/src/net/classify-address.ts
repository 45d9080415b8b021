/**
 * IP address parsing and classification for the SSRF guard. Pure functions: the caller resolves names and
 * connects; this module only answers "what address is this?" and "may we connect to it?".
 *
 * Parsing is deliberately as lenient as the platforms that will later interpret the same string (the WHATWG
 * URL parser and `inet_aton`): if `0x7f.1` reaches a socket as 127.0.0.1, it must parse as 127.0.0.1 here.
 */

export interface IpAddress {
  family: 4 | 6;
  /** 4 octets for IPv4, 16 for IPv6, network order. */
  bytes: number[];
}

/** Why an address is refused, or `public` when it may be reached. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'this-network'
  | 'loopback'
  | 'private'
  | 'shared-cgnat'
  | 'link-local'
  | 'ietf-protocol'
  | 'documentation'
  | 'benchmarking'
  | 'relay-anycast'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'ipv4-compatible'
  | 'discard-only'
  | 'nat64-local'
  | 'teredo'
  | 'unique-local'
  | 'site-local'
  | 'not-global-unicast';

// Full stops that IDNA maps to "." before a host is parsed (ideographic, fullwidth, halfwidth).
const IDNA_DOTS = /[\u3002\uff0e\uff61]/g;

/** One IPv4 component as WHATWG reads it: `0x` hex, leading-zero octal, else decimal. */
function parseIpv4Part(part: string): number | null {
  if (part === '') return null;
  let radix = 10;
  let digits = part;
  if (/^0x/i.test(part)) {
    radix = 16;
    digits = part.slice(2);
    if (digits === '') return 0;
  } else if (part.length > 1 && part.startsWith('0')) {
    radix = 8;
    digits = part.slice(1);
  }
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  // Anything past 2^32 is invalid whatever its exact value, so parseInt's rounding on huge inputs is harmless.
  return Number.parseInt(digits, radix);
}

/** `127.0.0.1`, `2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`, with an optional trailing dot. */
function parseIpv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIpv4Part(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() as number;
  if (numbers.some((n) => n > 255)) return null;
  // The last component fills every byte the earlier ones left: `127.1` is 127.0.0.1.
  if (last >= 256 ** (4 - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
}

/** Strict dotted decimal, as allowed in the last 32 bits of an IPv6 address. */
function parseDottedQuad(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^[0-9]{1,3}$/.test(p) ? Number(p) : 256));
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function parseIpv6(text: string): number[] | null {
  let s = text;
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  const groups: number[] = [];
  const lastColon = s.lastIndexOf(':');
  let tailV4: number[] | null = null;
  if (s.includes('.')) {
    tailV4 = parseDottedQuad(s.slice(lastColon + 1));
    if (!tailV4 || lastColon === -1) return null;
    // Keep the colon when it is part of "::" so the compression split still sees it.
    s = s.slice(0, lastColon + 1);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const toGroups = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    for (const g of half.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  if (tailV4)
    tail.push(((tailV4[0] ?? 0) << 8) | (tailV4[1] ?? 0), ((tailV4[2] ?? 0) << 8) | (tailV4[3] ?? 0));
  if (halves.length === 2) {
    // "::" stands for at least one group of zeros.
    if (head.length + tail.length > 7) return null;
    groups.push(...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail);
  } else {
    if (tailV4) head.push(...tail);
    if (head.length !== 8) return null;
    groups.push(...head);
  }
  return groups.flatMap((g) => [g >> 8, g & 255]);
}

/**
 * Reads a host as an IP address literal, the way a URL parser or resolver would, or returns null for a name.
 * Accepts bracketed IPv6 (`[::1]`, with an optional zone), IPv4-mapped/compatible forms and every IPv4
 * spelling WHATWG URLs and `inet_aton` accept. Full-width digits and ideographic dots are folded first.
 */
export function parseIpLiteral(host: string): IpAddress | null {
  let h = host.normalize('NFKC').replace(IDNA_DOTS, '.').toLowerCase();
  if (/\s/.test(h) || h === '') return null;
  if (h.startsWith('[') || h.endsWith(']')) {
    if (!(h.startsWith('[') && h.endsWith(']'))) return null;
    const bytes = parseIpv6(h.slice(1, -1).replace('%25', '%'));
    return bytes ? { family: 6, bytes } : null;
  }
  if (h.includes(':')) {
    const bytes = parseIpv6(h);
    return bytes ? { family: 6, bytes } : null;
  }
  if (h.includes('%')) {
    try {
      h = decodeURIComponent(h);
    } catch {
      return null;
    }
    if (h.includes('%')) return null;
    return parseIpLiteral(h);
  }
  const bytes = parseIpv4(h);
  return bytes ? { family: 4, bytes } : null;
}

/** Canonical text: dotted decimal, or RFC 5952 IPv6 (`::ffff:a.b.c.d` for mapped addresses). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const b = ip.bytes;
  if (inPrefix(b, MAPPED_PREFIX, 96)) return `::ffff:${b.slice(12).join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) =>
    (((b[2 * i] ?? 0) << 8) | (b[2 * i + 1] ?? 0)).toString(16),
  );
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart === -1) return groups.join(':');
  const left = groups.slice(0, bestStart).join(':');
  const right = groups.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}

function inPrefix(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < bits; i += 8) {
    const take = Math.min(8, bits - i);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

const v6 = (text: string): number[] => parseIpv6(text) as number[];
const MAPPED_PREFIX = v6('::ffff:0:0');

// Checked in order; the first match decides. Anything unlisted is public.
const IPV4_RANGES: [number[], number, AddressClass][] = [
  [[0, 0, 0, 0], 32, 'unspecified'],
  [[0, 0, 0, 0], 8, 'this-network'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared-cgnat'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'ietf-protocol'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 88, 99, 0], 24, 'relay-anycast'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[255, 255, 255, 255], 32, 'broadcast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

function classifyIpv4(bytes: readonly number[]): AddressClass {
  for (const [prefix, bits, cls] of IPV4_RANGES) if (inPrefix(bytes, prefix, bits)) return cls;
  return 'public';
}

/** IPv6 prefixes that carry an IPv4 address in their low 32 bits; the IPv4 address decides. */
const EMBEDDING_PREFIXES: [number[], number][] = [
  [MAPPED_PREFIX, 96],
  [v6('::ffff:0:0:0'), 96],
  [v6('64:ff9b::'), 96],
];

// Inside 2000::/3 (global unicast); everything outside it is refused unless it embeds a public IPv4 address.
const IPV6_GLOBAL_EXCEPTIONS: [number[], number, AddressClass][] = [
  [v6('2001::'), 32, 'teredo'],
  [v6('2001::'), 23, 'ietf-protocol'],
  [v6('2001:db8::'), 32, 'documentation'],
  [v6('3fff::'), 20, 'documentation'],
];

// Outside 2000::/3; the first match names the reason, anything unlisted is unassigned space.
const IPV6_SPECIAL_RANGES: [number[], number, AddressClass][] = [
  [v6('::'), 128, 'unspecified'],
  [v6('::1'), 128, 'loopback'],
  [v6('::'), 96, 'ipv4-compatible'],
  [v6('64:ff9b:1::'), 48, 'nat64-local'],
  [v6('100::'), 64, 'discard-only'],
  [v6('fc00::'), 7, 'unique-local'],
  [v6('fe80::'), 10, 'link-local'],
  [v6('fec0::'), 10, 'site-local'],
  [v6('ff00::'), 8, 'multicast'],
];
const SIX_TO_FOUR = v6('2002::');
const GLOBAL_UNICAST = v6('2000::');

function classifyIpv6(b: readonly number[]): AddressClass {
  for (const [prefix, bits] of EMBEDDING_PREFIXES) {
    if (inPrefix(b, prefix, bits)) return classifyIpv4(b.slice(12));
  }
  if (inPrefix(b, SIX_TO_FOUR, 16)) {
    // 6to4: the relay would deliver to the IPv4 address in bits 16–47.
    return classifyIpv4(b.slice(2, 6));
  }
  if (inPrefix(b, GLOBAL_UNICAST, 3)) {
    for (const [prefix, bits, cls] of IPV6_GLOBAL_EXCEPTIONS) if (inPrefix(b, prefix, bits)) return cls;
    return 'public';
  }
  for (const [prefix, bits, cls] of IPV6_SPECIAL_RANGES) if (inPrefix(b, prefix, bits)) return cls;
  return 'not-global-unicast';
}

/** Classifies an address (parsed, or text); text that is not an IP address is `reserved` so it fails closed. */
export function classifyAddress(ip: IpAddress | string): AddressClass {
  const parsed = typeof ip === 'string' ? parseIpLiteral(ip) : ip;
  if (!parsed) return 'reserved';
  return parsed.family === 4 ? classifyIpv4(parsed.bytes) : classifyIpv6(parsed.bytes);
}

/**
 * True when an outbound connection to this address must be refused: loopback, private, link-local (cloud
 * metadata at 169.254.169.254), CGNAT, multicast, broadcast, unspecified, reserved and documentation ranges,
 * and IPv6 forms that embed such an IPv4 address (mapped, NAT64, 6to4). Unparseable input is forbidden.
 */
export function isForbiddenAddress(ip: IpAddress | string): boolean {
  return classifyAddress(ip) !== 'public';
}

/** An IPv4-mapped IPv6 address as the IPv4 address it is; anything else unchanged. */
export function unmapIp(ip: IpAddress): IpAddress {
  if (ip.family === 6 && inPrefix(ip.bytes, MAPPED_PREFIX, 96))
    return { family: 4, bytes: ip.bytes.slice(12) };
  return ip;
}

export type AllowListEntry =
  | { type: 'cidr'; family: 4 | 6; bytes: number[]; bits: number }
  | { type: 'host'; host: string; subdomains: boolean };

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/**
 * Reads one allow-list entry: a CIDR (`10.0.0.0/8`, `fd00::/8`), a single address (`127.0.0.1`, `::1`), a
 * host name (`intranet.example`) or a subdomain wildcard (`*.corp.example`). Null when it is none of these.
 */
export function parseAllowListEntry(entry: string): AllowListEntry | null {
  const text = entry.trim().toLowerCase();
  if (text === '') return null;
  const slash = text.indexOf('/');
  const addressPart = slash === -1 ? text : text.slice(0, slash);
  const ip = /^[0-9a-f:.[\]]+$/.test(addressPart) ? parseIpLiteral(addressPart) : null;
  if (ip) {
    const max = ip.family === 4 ? 32 : 128;
    const bitsText = slash === -1 ? String(max) : text.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(bitsText) || Number(bitsText) > max) return null;
    return { type: 'cidr', family: ip.family, bytes: ip.bytes, bits: Number(bitsText) };
  }
  if (slash !== -1) return null;
  const subdomains = text.startsWith('*.');
  const host = normalizeHost(subdomains ? text.slice(2) : text);
  if (!host.split('.').every((label) => HOST_LABEL.test(label))) return null;
  return { type: 'host', host, subdomains };
}

/**
 * True when the destination is allow-listed: by its URL host name (exact, or under a `*.` wildcard), or by the
 * address it resolved to falling inside a listed CIDR. IPv4-mapped IPv6 addresses match IPv4 entries.
 * Entries that do not parse are ignored (configuration validates them up front with `parseAllowListEntry`).
 */
export function matchesAllowList(
  host: string,
  ip: IpAddress | string | null,
  entries: readonly string[],
): boolean {
  return compileAllowList(entries)(host, ip);
}

/** `matchesAllowList` with the entries parsed once, for callers that check many destinations. */
export function compileAllowList(
  entries: readonly string[],
): (host: string, ip: IpAddress | string | null) => boolean {
  const parsed = entries.map(parseAllowListEntry).filter((e): e is AllowListEntry => e !== null);
  if (parsed.length === 0) return () => false;
  return (host, ip) => {
    const name = normalizeHost(host);
    const literal = typeof ip === 'string' ? parseIpLiteral(ip) : (ip ?? parseIpLiteral(host));
    const address = literal ? unmapIp(literal) : null;
    for (const entry of parsed) {
      if (entry.type === 'host') {
        if (entry.subdomains ? name.endsWith(`.${entry.host}`) : name === entry.host) return true;
      } else if (
        address &&
        address.family === entry.family &&
        inPrefix(address.bytes, entry.bytes, entry.bits)
      ) {
        return true;
      }
    }
    return false;
  };
}
