import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyAddress,
  formatIp,
  type IpAddress,
  isForbiddenAddress,
  matchesAllowList,
  parseAllowListEntry,
  parseIpLiteral,
} from './classify-address.js';
import { GuardError, isGuardError } from './guard-error.js';

// [host as an attacker would write it, the address it really is]
const BYPASS_ATTEMPTS: [string, string][] = [
  ['127.0.0.1', '127.0.0.1'],
  ['127.1', '127.0.0.1'],
  ['127.0.1', '127.0.0.1'],
  ['2130706433', '127.0.0.1'],
  ['0x7f000001', '127.0.0.1'],
  ['0X7F000001', '127.0.0.1'],
  ['017700000001', '127.0.0.1'],
  ['0177.0.0.1', '127.0.0.1'],
  ['0177.0000.0000.0001', '127.0.0.1'],
  ['0x7f.0.0.1', '127.0.0.1'],
  ['0x7f.1', '127.0.0.1'],
  ['0x7f.0x0.0x0.0x1', '127.0.0.1'],
  ['0x7f.0.0x0.01', '127.0.0.1'],
  ['127.0.0.1.', '127.0.0.1'],
  ['127.000.000.001', '127.0.0.1'],
  ['0x00007f.1', '127.0.0.1'],
  ['127.255.255.254', '127.255.255.254'],
  ['127.16777214', '127.255.255.254'],
  ['%31%32%37.0.0.1', '127.0.0.1'],
  ['１２７．０．０．１', '127.0.0.1'],
  ['127。0。0。1', '127.0.0.1'],
  ['0', '0.0.0.0'],
  ['0.0.0.0', '0.0.0.0'],
  ['0x0', '0.0.0.0'],
  ['00', '0.0.0.0'],
  ['0.0.0.7', '0.0.0.7'],
  ['::1', '::1'],
  ['[::1]', '::1'],
  ['[0:0:0:0:0:0:0:1]', '::1'],
  ['[0000:0000:0000:0000:0000:0000:0000:0001]', '::1'],
  ['[::]', '::'],
  ['::', '::'],
  ['[::ffff:127.0.0.1]', '::ffff:127.0.0.1'],
  ['::ffff:7f00:1', '::ffff:127.0.0.1'],
  ['[::FFFF:7F00:0001]', '::ffff:127.0.0.1'],
  ['0:0:0:0:0:ffff:127.0.0.1', '::ffff:127.0.0.1'],
  ['::127.0.0.1', '::7f00:1'],
  ['::7f00:1', '::7f00:1'],
  ['[::ffff:0:127.0.0.1]', '::ffff:0:7f00:1'],
  ['[64:ff9b::127.0.0.1]', '64:ff9b::7f00:1'],
  ['[64:ff9b::a9fe:a9fe]', '64:ff9b::a9fe:a9fe'],
  ['[2002:7f00:1::]', '2002:7f00:1::'],
  ['[2002:a9fe:a9fe::1]', '2002:a9fe:a9fe::1'],
  ['[fe80::1%25eth0]', 'fe80::1'],
  ['fe80::1%eth0', 'fe80::1'],
  ['[febf:ffff::1]', 'febf:ffff::1'],
  ['[fec0::1]', 'fec0::1'],
  ['[fc00::1]', 'fc00::1'],
  ['[fd12:3456:789a::1]', 'fd12:3456:789a::1'],
  ['[ff02::1]', 'ff02::1'],
  ['[2001:db8::1]', '2001:db8::1'],
  ['[2001:0:4136:e378:8000:63bf:3fff:fdd2]', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['[100::1]', '100::1'],
  ['[64:ff9b:1::a]', '64:ff9b:1::a'],
  ['169.254.169.254', '169.254.169.254'],
  ['2852039166', '169.254.169.254'],
  ['0xa9fea9fe', '169.254.169.254'],
  ['0251.0376.0251.0376', '169.254.169.254'],
  ['169.254.43518', '169.254.169.254'],
  ['[::ffff:169.254.169.254]', '::ffff:169.254.169.254'],
  ['[::ffff:a9fe:a9fe]', '::ffff:169.254.169.254'],
  ['10.0.0.1', '10.0.0.1'],
  ['10.1', '10.0.0.1'],
  ['167772161', '10.0.0.1'],
  ['012.0.0.1', '10.0.0.1'],
  ['172.16.0.1', '172.16.0.1'],
  ['172.31.255.255', '172.31.255.255'],
  ['0xac100001', '172.16.0.1'],
  ['192.168.1.1', '192.168.1.1'],
  ['192.168.257', '192.168.1.1'],
  ['3232235777', '192.168.1.1'],
  ['0xc0.0xa8.0x01.0x01', '192.168.1.1'],
  ['100.64.0.1', '100.64.0.1'],
  ['100.127.255.255', '100.127.255.255'],
  ['224.0.0.1', '224.0.0.1'],
  ['239.255.255.250', '239.255.255.250'],
  ['255.255.255.255', '255.255.255.255'],
  ['4294967295', '255.255.255.255'],
  ['0xffffffff', '255.255.255.255'],
  ['240.0.0.1', '240.0.0.1'],
  ['192.0.0.170', '192.0.0.170'],
  ['198.18.0.1', '198.18.0.1'],
  ['192.0.2.1', '192.0.2.1'],
];

describe('parseIpLiteral and isForbiddenAddress against bypass attempts', () => {
  it('has at least 50 cases', () => {
    expect(BYPASS_ATTEMPTS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(BYPASS_ATTEMPTS)('%s is %s and forbidden', (host, expected) => {
    const ip = parseIpLiteral(host);
    expect(ip).not.toBeNull();
    expect(formatIp(ip!)).toBe(expected);
    expect(isForbiddenAddress(ip!)).toBe(true);
    expect(isForbiddenAddress(host)).toBe(true);
  });
});

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['2002:7f00:1::', 'loopback'],
    ['10.2.3.4', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'shared-cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['0.1.2.3', 'this-network'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['224.0.0.251', 'multicast'],
    ['ff05::2', 'multicast'],
    ['fd00::1', 'unique-local'],
    ['fec0::1', 'site-local'],
    ['::8.8.8.8', 'ipv4-compatible'],
    ['2001::1', 'teredo'],
    ['4000::1', 'not-global-unicast'],
    ['not an address', 'reserved'],
  ])('%s → %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.15.255.255',
    '172.32.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '11.0.0.1',
    '223.255.255.255',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
  ])('%s is public', (ip) => {
    expect(classifyAddress(ip)).toBe('public');
    expect(isForbiddenAddress(ip)).toBe(false);
  });
});

describe('parseIpLiteral on names and malformed input', () => {
  it.each([
    'example.com',
    'localhost',
    '127.0.0.1.nip.io',
    '1.2.3.4.5',
    '256.0.0.1',
    '1.2.3.256x',
    '08.0.0.1',
    '0x7g.0.0.1',
    '4294967296',
    '127.0.0.0x1g',
    '',
    ' 127.0.0.1',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    ':::',
    '[::1',
    '::1]',
    '::ffff:256.0.0.1',
    '1:2:3:4:5:6:7:1.2.3.4',
    '12345::1',
  ])('%j is not an IP literal', (host) => {
    expect(parseIpLiteral(host)).toBeNull();
  });

  it('treats a name as forbidden when asked directly (fail closed)', () => {
    expect(isForbiddenAddress('example.com')).toBe(true);
  });
});

const octet = fc.integer({ min: 0, max: 255 });
const v4Bytes = fc.tuple(octet, octet, octet, octet);

/** Every spelling of one IPv4 address a URL parser or resolver accepts. */
function encodings(b: number[]): fc.Arbitrary<string> {
  const [a = 0, c = 0, d = 0, e = 0] = b;
  const value = ((a << 24) >>> 0) + (c << 16) + (d << 8) + e;
  const part = (n: number) =>
    fc.constantFrom(
      String(n),
      `0x${n.toString(16)}`,
      `0X${n.toString(16).toUpperCase()}`,
      `0${n.toString(8)}`,
    );
  const hex4 = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
  return fc.oneof(
    fc.tuple(part(a), part(c), part(d), part(e)).map((p) => p.join('.')),
    fc.tuple(part(a), part(c), part((d << 8) | e)).map((p) => p.join('.')),
    fc.tuple(part(a), part((c << 16) | (d << 8) | e)).map((p) => p.join('.')),
    part(value),
    fc.constant(`${a}.${c}.${d}.${e}.`),
    fc.constant(`[::ffff:${a}.${c}.${d}.${e}]`),
    fc.constant(`::ffff:${hex4(a, c)}:${hex4(d, e)}`),
    fc.constant(`[0:0:0:0:0:FFFF:${hex4(a, c).toUpperCase()}:${hex4(d, e)}]`),
    fc.constant(`64:ff9b::${a}.${c}.${d}.${e}`),
    fc.constant(`[64:ff9b::${hex4(a, c)}:${hex4(d, e)}]`),
  );
}

const toV4 = (ip: IpAddress) => (ip.family === 4 ? ip.bytes : ip.bytes.slice(12));

describe('properties', () => {
  it('any encoding of a 127.x address parses back to it and is forbidden', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(octet, octet, octet)
          .chain(([x, y, z]) => encodings([127, x, y, z]).map((host) => ({ host, bytes: [127, x, y, z] }))),
        ({ host, bytes }) => {
          const ip = parseIpLiteral(host);
          expect(ip).not.toBeNull();
          expect(toV4(ip!)).toEqual(bytes);
          expect(isForbiddenAddress(ip!)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('every encoding of any IPv4 address parses to the same address and the same verdict', () => {
    fc.assert(
      fc.property(
        v4Bytes.chain((b) => encodings(b).map((host) => ({ host, b }))),
        ({ host, b }) => {
          const ip = parseIpLiteral(host);
          expect(ip).not.toBeNull();
          expect(toV4(ip!)).toEqual(b);
          expect(isForbiddenAddress(ip!)).toBe(isForbiddenAddress(b.join('.')));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('addresses inside forbidden IPv4 ranges are forbidden, wherever in the range', () => {
    const ranges: [number, number][] = [
      [0x0a000000, 8],
      [0xac100000, 12],
      [0xc0a80000, 16],
      [0x7f000000, 8],
      [0xa9fe0000, 16],
      [0x64400000, 10],
      [0xe0000000, 4],
      [0xf0000000, 4],
      [0x00000000, 8],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...ranges), fc.integer({ min: 0, max: 0xffffffff }), ([base, bits], r) => {
        const host = bits === 32 ? 0 : r % 2 ** (32 - bits);
        const value = (base + host) >>> 0;
        expect(isForbiddenAddress(String(value))).toBe(true);
        const mapped = `::ffff:${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
        expect(isForbiddenAddress(mapped)).toBe(true);
        expect(isForbiddenAddress(`[64:ff9b::${mapped.slice(7)}]`)).toBe(true);
      }),
    );
  });

  it('IPv6 text round-trips through formatIp and parseIpLiteral', () => {
    fc.assert(
      fc.property(fc.array(octet, { minLength: 16, maxLength: 16 }), (bytes) => {
        const ip: IpAddress = { family: 6, bytes };
        const again = parseIpLiteral(`[${formatIp(ip)}]`);
        expect(again).toEqual(ip);
        const full = Array.from({ length: 8 }, (_, i) =>
          (((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0)).toString(16),
        );
        expect(parseIpLiteral(full.join(':'))).toEqual(ip);
      }),
    );
  });

  it('unique-local, link-local and multicast IPv6 are always forbidden', () => {
    const prefixed = (first: number, mask: number) =>
      fc.array(octet, { minLength: 16, maxLength: 16 }).map((b) => {
        b[0] = first | ((b[0] ?? 0) & mask);
        return { family: 6 as const, bytes: b };
      });
    fc.assert(
      fc.property(fc.oneof(prefixed(0xfc, 0x01), prefixed(0xfe, 0x3f), prefixed(0xff, 0x00)), (ip) => {
        if (ip.bytes[0] === 0xfe && ((ip.bytes[1] ?? 0) & 0xc0) === 0x00) return; // fe00::/9 is not link-local
        expect(isForbiddenAddress(ip)).toBe(true);
      }),
    );
  });

  it('a CIDR allow-list entry matches exactly the addresses inside it', () => {
    fc.assert(
      fc.property(v4Bytes, v4Bytes, fc.integer({ min: 0, max: 32 }), (net, addr, bits) => {
        const netValue = net.reduce((v, b) => v * 256 + b, 0);
        const addrValue = addr.reduce((v, b) => v * 256 + b, 0);
        const inside =
          bits === 0 || Math.floor(netValue / 2 ** (32 - bits)) === Math.floor(addrValue / 2 ** (32 - bits));
        const entry = `${net.join('.')}/${bits}`;
        expect(matchesAllowList('ignored.example', addr.join('.'), [entry])).toBe(inside);
        expect(matchesAllowList('ignored.example', `::ffff:${addr.join('.')}`, [entry])).toBe(inside);
      }),
    );
  });
});

describe('allow-list', () => {
  it('matches host names exactly or under a wildcard, case-insensitively', () => {
    expect(matchesAllowList('Intranet.Example', null, ['intranet.example'])).toBe(true);
    expect(matchesAllowList('intranet.example.', null, ['intranet.example'])).toBe(true);
    expect(matchesAllowList('evil-intranet.example', null, ['intranet.example'])).toBe(false);
    expect(matchesAllowList('intranet.example.evil.test', null, ['intranet.example'])).toBe(false);
    expect(matchesAllowList('a.b.corp.example', null, ['*.corp.example'])).toBe(true);
    expect(matchesAllowList('corp.example', null, ['*.corp.example'])).toBe(false);
    expect(matchesAllowList('xcorp.example', null, ['*.corp.example'])).toBe(false);
  });

  it('matches CIDRs and single addresses, for IPv4 and IPv6, from the host literal when no address is given', () => {
    expect(matchesAllowList('127.0.0.1', null, ['127.0.0.1/32'])).toBe(true);
    expect(matchesAllowList('0x7f.1', null, ['127.0.0.1/32'])).toBe(true);
    expect(matchesAllowList('127.0.0.2', null, ['127.0.0.1/32'])).toBe(false);
    expect(matchesAllowList('x.test', '10.9.8.7', ['10.0.0.0/8'])).toBe(true);
    expect(matchesAllowList('x.test', '11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(matchesAllowList('[::1]', null, ['::1'])).toBe(true);
    expect(matchesAllowList('x.test', 'fd00::5', ['fd00::/8'])).toBe(true);
    expect(matchesAllowList('x.test', 'fe80::5', ['fd00::/8'])).toBe(false);
    expect(matchesAllowList('x.test', '10.0.0.1', [])).toBe(false);
    expect(matchesAllowList('x.test', '10.0.0.1', ['bad entry', '10.0.0.0/33'])).toBe(false);
  });

  it('parses entries and refuses malformed ones', () => {
    expect(parseAllowListEntry('10.0.0.0/8')).toEqual({
      type: 'cidr',
      family: 4,
      bytes: [10, 0, 0, 0],
      bits: 8,
    });
    expect(parseAllowListEntry('::1')).toMatchObject({ type: 'cidr', family: 6, bits: 128 });
    expect(parseAllowListEntry('*.corp.example')).toEqual({
      type: 'host',
      host: 'corp.example',
      subdomains: true,
    });
    for (const bad of ['', '10.0.0.0/33', '10.0.0.0/x', 'host/8', 'bad entry', '-x.example', '*.', 'a..b']) {
      expect(parseAllowListEntry(bad)).toBeNull();
    }
  });
});

describe('GuardError', () => {
  it('carries a code and is recognised structurally', () => {
    const err = new GuardError('BLOCKED_ADDRESS', 'no', { url: 'http://127.0.0.1/' });
    expect(isGuardError(err)).toBe(true);
    expect(err.code).toBe('BLOCKED_ADDRESS');
    const lookalike = Object.assign(new Error('x'), { name: 'GuardError', code: 'TIMEOUT' });
    expect(isGuardError(lookalike)).toBe(true);
    expect(isGuardError(new Error('x'))).toBe(false);
  });
});
