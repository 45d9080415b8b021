import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, parseIpLiteral } from './classify-address.js';
import { GuardError } from './guard-error.js';
import { createOutboundGuard, type ResolveHost } from './outbound-guard.js';

// Names an attacker controls, resolving wherever they like.
const DNS: Record<string, { address: string; family: 4 | 6 }[]> = {
  'localtest.me': [{ address: '127.0.0.1', family: 4 }],
  'metadata.google.internal': [{ address: '169.254.169.254', family: 4 }],
  'v6-loopback.test': [{ address: '::1', family: 6 }],
  'mapped.test': [{ address: '::ffff:10.0.0.1', family: 6 }],
  'mixed.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '192.168.0.10', family: 4 },
  ],
  'cgnat.test': [{ address: '100.100.100.200', family: 4 }],
  'ula.test': [{ address: 'fd00:ec2::254', family: 6 }],
  'public.test': [{ address: '93.184.216.34', family: 4 }],
  'public6.test': [{ address: '2606:4700:4700::1111', family: 6 }],
};
const resolve: ResolveHost = async (host) => {
  const answer = DNS[host];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return answer;
};

// URL-level bypass attempts: what the WHATWG parser leaves of the host must still be refused.
const URL_BYPASSES: [string, string][] = [
  ['http://127.0.0.1/', 'BLOCKED_ADDRESS'],
  ['http://127.1/', 'BLOCKED_ADDRESS'],
  ['http://0x7f.1/', 'BLOCKED_ADDRESS'],
  ['http://0177.1/', 'BLOCKED_ADDRESS'],
  ['http://2130706433/', 'BLOCKED_ADDRESS'],
  ['http://0x7f000001/', 'BLOCKED_ADDRESS'],
  ['http://127.0.0.1./', 'BLOCKED_ADDRESS'],
  ['http://[::1]/', 'BLOCKED_ADDRESS'],
  ['http://[::]/', 'BLOCKED_ADDRESS'],
  ['http://[::ffff:127.0.0.1]/', 'BLOCKED_ADDRESS'],
  ['http://[::ffff:7f00:1]/', 'BLOCKED_ADDRESS'],
  ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'BLOCKED_ADDRESS'],
  ['http://[::127.0.0.1]/', 'BLOCKED_ADDRESS'],
  ['http://[64:ff9b::169.254.169.254]/', 'BLOCKED_ADDRESS'],
  ['http://[2002:a9fe:a9fe::]/', 'BLOCKED_ADDRESS'],
  ['http://[fe80::1%25eth0]/', 'INVALID_URL'],
  ['http://169.254.169.254/latest/meta-data/', 'BLOCKED_ADDRESS'],
  ['http://2852039166/', 'BLOCKED_ADDRESS'],
  ['http://0251.0376.0251.0376/', 'BLOCKED_ADDRESS'],
  ['http://169.254.43518/', 'BLOCKED_ADDRESS'],
  ['http://0.0.0.0/', 'BLOCKED_ADDRESS'],
  ['http://0/', 'BLOCKED_ADDRESS'],
  ['http://10.1/', 'BLOCKED_ADDRESS'],
  ['http://192.168.257/', 'BLOCKED_ADDRESS'],
  ['http://100.64.0.1/', 'BLOCKED_ADDRESS'],
  ['http://224.0.0.1/', 'BLOCKED_ADDRESS'],
  ['http://255.255.255.255/', 'BLOCKED_ADDRESS'],
  ['http://１２７．０．０．１/', 'BLOCKED_ADDRESS'],
  ['http://127。0。0。1/', 'BLOCKED_ADDRESS'],
  ['http://%31%32%37.0.0.1/', 'BLOCKED_ADDRESS'],
  ['http://example.com@127.0.0.1/', 'BLOCKED_ADDRESS'],
  ['http://127.0.0.1#@public.test/', 'BLOCKED_ADDRESS'],
  ['http://127.0.0.1:80\\@public.test/', 'BLOCKED_ADDRESS'],
  ['http://LOCALTEST.ME/', 'BLOCKED_ADDRESS'],
  ['http://localtest.me./', 'INVALID_URL'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'BLOCKED_ADDRESS'],
  ['http://v6-loopback.test/', 'BLOCKED_ADDRESS'],
  ['http://mapped.test/', 'BLOCKED_ADDRESS'],
  ['http://mixed.test/', 'BLOCKED_ADDRESS'],
  ['http://cgnat.test/', 'BLOCKED_ADDRESS'],
  ['http://ula.test/', 'BLOCKED_ADDRESS'],
  ['http://public.test:6379/', 'BLOCKED_PORT'],
  ['http://public.test:22/', 'BLOCKED_PORT'],
  ['https://public.test:8443/', 'BLOCKED_PORT'],
  ['http://public.test:65535/', 'BLOCKED_PORT'],
  ['file:///etc/passwd', 'BLOCKED_SCHEME'],
  ['gopher://127.0.0.1:6379/_INFO', 'BLOCKED_SCHEME'],
  ['dict://127.0.0.1:11211/stats', 'BLOCKED_SCHEME'],
  ['ftp://public.test/', 'BLOCKED_SCHEME'],
  ['ws://public.test/', 'BLOCKED_SCHEME'],
  ['data:text/html,<script>', 'BLOCKED_SCHEME'],
  ['javascript:alert(1)', 'BLOCKED_SCHEME'],
  ['http//127.0.0.1/', 'INVALID_URL'],
  ['http://[::1/', 'INVALID_URL'],
];

async function codeOf(guard: ReturnType<typeof createOutboundGuard>, url: string): Promise<string> {
  try {
    await guard.check(url);
    return 'ALLOWED';
  } catch (e) {
    if (e instanceof GuardError) return e.code;
    return (e as { code?: string }).code ?? 'ERROR';
  }
}

describe('the outbound guard on whole URLs', () => {
  const guard = createOutboundGuard({ resolve });

  it('has at least 50 URL-level bypass attempts', () => {
    expect(URL_BYPASSES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(URL_BYPASSES)('%s → %s', async (url, code) => {
    const got = await codeOf(guard, url);
    // A host the URL parser itself rejects can never be fetched either; both count as refused.
    if (code === 'INVALID_URL') expect(['INVALID_URL', 'ENOTFOUND']).toContain(got);
    else expect(got).toBe(code);
  });

  it('lets public destinations on 80 and 443 through, with every resolved address', async () => {
    for (const url of [
      'http://public.test/',
      'https://public.test/',
      'https://public6.test/',
      'http://8.8.8.8/',
    ]) {
      expect(await codeOf(guard, url), url).toBe('ALLOWED');
    }
    const hop = await guard.check('https://public.test/a?b#c');
    expect(hop.addresses).toEqual(DNS['public.test']);
    expect(hop.url.href).toBe('https://public.test/a?b#c');
  });

  it('reports a name that does not resolve as a DNS failure, not a refusal', async () => {
    expect(await codeOf(guard, 'http://no-such-host.test/')).toBe('ENOTFOUND');
  });

  it('opens loopback, any port, only for allow-listed hosts or CIDRs', async () => {
    const byCidr = createOutboundGuard({ resolve, allowList: ['127.0.0.0/8'] });
    expect(await codeOf(byCidr, 'http://127.0.0.1:9999/')).toBe('ALLOWED');
    expect(await codeOf(byCidr, 'http://localtest.me:9999/')).toBe('ALLOWED');
    expect(await codeOf(byCidr, 'http://10.0.0.1/')).toBe('BLOCKED_ADDRESS');
    const byName = createOutboundGuard({ resolve, allowList: ['localtest.me'] });
    expect(await codeOf(byName, 'http://localtest.me:9999/')).toBe('ALLOWED');
    expect(await codeOf(byName, 'http://127.0.0.1/')).toBe('BLOCKED_ADDRESS');
  });
});

const octet = fc.integer({ min: 0, max: 255 });
const part = (n: number) => fc.constantFrom(String(n), `0x${n.toString(16)}`, `0${n.toString(8)}`);

describe('the outbound guard, property-based', () => {
  const guard = createOutboundGuard({ resolve });

  it('refuses a URL exactly when the address it names is forbidden, however the IPv4 host is spelled', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(octet, octet, octet, octet).chain((b) =>
          fc
            .oneof(
              fc.tuple(part(b[0]), part(b[1]), part(b[2]), part(b[3])).map((p) => p.join('.')),
              fc.tuple(part(b[0]), part(b[1]), part((b[2] << 8) | b[3])).map((p) => p.join('.')),
              fc.tuple(part(b[0]), part((b[1] << 16) | (b[2] << 8) | b[3])).map((p) => p.join('.')),
              part(((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3]),
              fc.constant(`[::ffff:${b.join('.')}]`),
            )
            .map((host) => ({ host, dotted: b.join('.') })),
        ),
        async ({ host, dotted }) => {
          const got = await codeOf(guard, `http://${host}/`);
          expect(got).toBe(isForbiddenAddress(dotted) ? 'BLOCKED_ADDRESS' : 'ALLOWED');
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('agrees with the WHATWG URL parser on what address a host is', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(octet, octet, octet, octet)
          .chain((b) => fc.tuple(part(b[0]), part(b[1]), part(b[2]), part(b[3])).map((p) => p.join('.'))),
        (host) => {
          const parsed = new URL(`http://${host}/`).hostname;
          expect(parseIpLiteral(host)).toEqual(parseIpLiteral(parsed));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('any allow-list entry opens only what it names', async () => {
    await fc.assert(
      fc.asyncProperty(octet, octet, async (x, y) => {
        const allow = createOutboundGuard({ resolve, allowList: [`10.${x}.0.0/16`] });
        const inside = await codeOf(allow, `http://10.${x}.${y}.1:8080/`);
        const outside = await codeOf(allow, `http://10.${(x + 1) % 256}.${y}.1:8080/`);
        expect(inside).toBe('ALLOWED');
        expect(outside).toBe('BLOCKED_ADDRESS');
      }),
      { numRuns: 200 },
    );
  });
});
