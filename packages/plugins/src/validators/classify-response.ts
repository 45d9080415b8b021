import { type EvidenceVerdict, isGuardError } from '@dossier/core';

/** Headers whose presence says a bot-protection layer answered, not the site. */
const CHALLENGE_HEADERS = ['cf-mitigated', 'x-datadome', 'x-px-block', 'x-amzn-waf-action'];

// Text that challenge and captcha interstitials carry (Cloudflare, DataDome, PerimeterX, Imperva, Akamai,
// AWS WAF, generic captchas). Only looked for in pages that are small or that came with a refusal status.
const CHALLENGE_MARKERS = [
  /<title>\s*just a moment\.{0,3}\s*<\/title>/i,
  /<title>\s*attention required!? \| cloudflare\s*<\/title>/i,
  /\/cdn-cgi\/challenge-platform\//i,
  /cf-browser-verification|cf_chl_opt|challenges\.cloudflare\.com/i,
  /captcha-delivery\.com|datadome/i,
  /px-captcha|_pxhd|perimeterx/i,
  /_incapsula_resource|incident id:.*incapsula/i,
  /g-recaptcha|h-captcha|hcaptcha\.com|recaptcha\/api\.js/i,
  /<title>\s*(access denied|are you a robot\??|verify you are human|security check)\s*<\/title>/i,
  /awswaf|aws-waf-token/i,
];

/** A bot wall rather than the site's own answer: LinkedIn's 999, a challenge header, a challenge page. */
export function detectBotWall(status: number, headers: Record<string, string>, body: string): string | null {
  if (status === 999) return 'bot wall (HTTP 999)';
  for (const h of CHALLENGE_HEADERS) {
    if (headers[h] !== undefined) return `bot challenge (${h}: ${headers[h] || 'set'})`;
  }
  // A challenge page on a 2xx is possible but rare; on 200 only small pages are inspected so a long article
  // that merely mentions "captcha" is not mistaken for one.
  const suspicious = status === 403 || status === 429 || status === 503 || body.length < 20_000;
  if (suspicious && body) {
    for (const re of CHALLENGE_MARKERS) if (re.test(body)) return 'bot challenge page';
  }
  return null;
}

const DEAD_STATUSES = new Set([404, 410]);

/** The verdict for a final (non-redirect) response; `retryAfterMs` is set when asking again may help. */
export function classifyStatus(
  status: number,
  retryAfterMs: number | undefined,
  fallbackDelayMs: number,
): Pick<EvidenceVerdict, 'status' | 'reason' | 'retryAfterMs'> {
  if (status >= 200 && status < 300) return { status: 'valid', reason: null };
  if (status === 429)
    return {
      status: 'unverifiable',
      reason: 'rate limited (429)',
      retryAfterMs: retryAfterMs ?? fallbackDelayMs,
    };
  if (status === 503)
    return {
      status: 'unverifiable',
      reason: 'service unavailable (503)',
      retryAfterMs: retryAfterMs ?? fallbackDelayMs,
    };
  if (DEAD_STATUSES.has(status))
    return { status: 'broken', reason: status === 410 ? 'gone (410)' : 'not found (404)' };
  if (status === 401 || status === 403 || status === 407)
    return { status: 'unverifiable', reason: `access denied (${status})` };
  if (status >= 500)
    return { status: 'broken', reason: `server error (${status})`, retryAfterMs: fallbackDelayMs };
  if (status >= 300 && status < 400)
    return { status: 'broken', reason: `redirect without a location (${status})` };
  return { status: 'broken', reason: `HTTP ${status}` };
}

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

const TLS_CODE = /^(CERT_|ERR_TLS_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_SSL)/;

/** The verdict for a request that got no response: guard refusal, DNS, connection, TLS or timeout. */
export function classifyError(
  error: unknown,
  fallbackDelayMs: number,
): Pick<EvidenceVerdict, 'status' | 'reason' | 'retryAfterMs'> {
  if (isGuardError(error)) {
    switch (error.code) {
      case 'BLOCKED_ADDRESS':
      case 'BLOCKED_PORT':
      case 'BLOCKED_SCHEME':
        return { status: 'blocked', reason: error.message };
      case 'TIMEOUT':
        return { status: 'unverifiable', reason: `timeout: ${error.message}`, retryAfterMs: fallbackDelayMs };
      case 'TOO_MANY_REDIRECTS':
        return { status: 'broken', reason: 'too many redirects' };
      default:
        return { status: 'broken', reason: error.message };
    }
  }
  const codes = causeCodes(error);
  const has = (c: string) => codes.includes(c);
  if (has('ENOTFOUND')) return { status: 'broken', reason: 'DNS: the host name does not resolve' };
  if (has('EAI_AGAIN'))
    return { status: 'unverifiable', reason: 'DNS: temporary failure', retryAfterMs: fallbackDelayMs };
  if (has('ECONNREFUSED')) return { status: 'broken', reason: 'connection refused' };
  if (has('EHOSTUNREACH') || has('ENETUNREACH')) return { status: 'broken', reason: 'host unreachable' };
  const tls = codes.find((c) => TLS_CODE.test(c));
  if (tls) return { status: 'broken', reason: `TLS: ${tls}` };
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 'unverifiable',
    reason: `network error: ${codes[0] ?? message}`,
    retryAfterMs: fallbackDelayMs,
  };
}

/** Collapses whitespace and case so a title matches across markup line breaks. */
function normalize(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The content check: the page still names the artifact's title or the user's handle. */
export function pageNames(body: string, expect: { title?: string; handle?: string }): boolean {
  const text = normalize(body);
  const wanted = [expect.title, expect.handle?.replace(/^@/, '')].filter(
    (w): w is string => typeof w === 'string' && w.trim().length > 0,
  );
  return wanted.length === 0 || wanted.some((w) => text.includes(normalize(w.trim())));
}
