import type { EvidenceVerdict } from '@dossier/core';
import { describe, expect, it } from 'vitest';
import { checkLinks } from './check-links.js';

const ok = (httpStatus = 200): EvidenceVerdict => ({
  status: 'valid',
  httpStatus,
  finalUrl: null,
  reason: null,
});
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A validator that records when each call started and ended, per host. */
function recorder(answer: (url: string, n: number) => EvidenceVerdict | Promise<EvidenceVerdict>, ms = 20) {
  const calls: { url: string; host: string; start: number; end: number }[] = [];
  const counts = new Map<string, number>();
  let inFlight = 0;
  let peak = 0;
  const perHostInFlight = new Map<string, number>();
  let perHostPeak = 0;
  const validate = async (url: string) => {
    const host = new URL(url).host;
    const n = (counts.get(url) ?? 0) + 1;
    counts.set(url, n);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    perHostInFlight.set(host, (perHostInFlight.get(host) ?? 0) + 1);
    perHostPeak = Math.max(perHostPeak, perHostInFlight.get(host)!);
    const start = Date.now();
    await wait(ms);
    inFlight -= 1;
    perHostInFlight.set(host, perHostInFlight.get(host)! - 1);
    calls.push({ url, host, start, end: Date.now() });
    return answer(url, n);
  };
  return { validate, calls, counts, peak: () => peak, perHostPeak: () => perHostPeak };
}

describe('checkLinks', () => {
  it('checks identical URLs once and returns results in order of first appearance', async () => {
    const r = recorder(() => ok());
    const urls = [
      'http://a.test/1',
      'http://b.test/1',
      'http://a.test/1',
      'http://a.test/2',
      'http://b.test/1',
    ];
    const results = await checkLinks({ urls, validate: r.validate, minIntervalMs: 0 });
    expect(results.map((x) => x.url)).toEqual(['http://a.test/1', 'http://b.test/1', 'http://a.test/2']);
    expect(r.calls).toHaveLength(3);
  });

  it('holds global and per-host concurrency', async () => {
    const r = recorder(() => ok(), 30);
    const urls = Array.from({ length: 60 }, (_, i) => `http://h${i % 6}.test/${i}`);
    await checkLinks({ urls, validate: r.validate, concurrency: 8, perHost: 2, minIntervalMs: 0 });
    expect(r.peak()).toBeLessThanOrEqual(8);
    expect(r.peak()).toBeGreaterThanOrEqual(6);
    expect(r.perHostPeak()).toBeLessThanOrEqual(2);
  });

  it('keeps the minimum interval between two requests to one host', async () => {
    const r = recorder(() => ok(), 1);
    const urls = Array.from({ length: 5 }, (_, i) => `http://one.test/${i}`);
    await checkLinks({ urls, validate: r.validate, concurrency: 10, perHost: 5, minIntervalMs: 100 });
    const starts = r.calls.map((c) => c.start).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(95);
  });

  it('pauses a host for its Retry-After, retries the URL, and lets other hosts go on meanwhile', async () => {
    const r = recorder((url, n) =>
      url === 'http://slow.test/limited' && n === 1
        ? {
            status: 'unverifiable',
            httpStatus: 429,
            finalUrl: null,
            reason: 'rate limited',
            retryAfterMs: 300,
          }
        : ok(),
    );
    const urls = [
      'http://slow.test/limited',
      'http://slow.test/next',
      'http://other.test/a',
      'http://other.test/b',
    ];
    const started = Date.now();
    const results = await checkLinks({ urls, validate: r.validate, perHost: 1, minIntervalMs: 0 });
    expect(results.map((x) => x.status)).toEqual(['valid', 'valid', 'valid', 'valid']);
    expect(results[0]!.attempts).toBe(2);
    const limitedEnd = r.calls.find((c) => c.url === 'http://slow.test/limited')!.end;
    const slowHostCalls = r.calls.filter((c) => c.host === 'slow.test' && c.start > limitedEnd);
    for (const c of slowHostCalls) expect(c.start - limitedEnd).toBeGreaterThanOrEqual(290);
    const other = r.calls.filter((c) => c.host === 'other.test');
    expect(Math.max(...other.map((c) => c.end)) - started).toBeLessThan(250);
  });

  it('lets a provisional verdict stand after its retries, without its retry hint', async () => {
    const r = recorder(() => ({
      status: 'unverifiable',
      httpStatus: 503,
      finalUrl: null,
      reason: 'service unavailable',
      retryAfterMs: 10,
    }));
    const [res] = await checkLinks({
      urls: ['http://x.test/'],
      validate: r.validate,
      retries: 2,
      minIntervalMs: 0,
    });
    expect(res).toEqual({
      url: 'http://x.test/',
      status: 'unverifiable',
      httpStatus: 503,
      finalUrl: null,
      reason: 'service unavailable',
      attempts: 3,
    });
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    const r = recorder(() => ({
      status: 'unverifiable',
      httpStatus: 429,
      finalUrl: null,
      reason: 'rl',
      retryAfterMs: 3_600_000,
    }));
    const [res] = await checkLinks({ urls: ['http://x.test/'], validate: r.validate, minIntervalMs: 0 });
    expect(res).toMatchObject({ status: 'unverifiable', attempts: 1 });
  });

  it('reports progress once per unique URL', async () => {
    const seen: number[] = [];
    await checkLinks({
      urls: ['http://a.test/', 'http://a.test/', 'http://b.test/'],
      validate: recorder(() => ok()).validate,
      minIntervalMs: 0,
      onProgress: ({ done, total }) => seen.push(done * 10 + total),
    });
    expect(seen).toEqual([12, 22]);
  });

  it('applies rules: ignore, replacements, headers, alive codes and status overrides', async () => {
    const asked: { url: string; headers?: Record<string, string> }[] = [];
    const statusOf: Record<string, number> = {
      '/partial': 206,
      '/forbidden': 403,
      '/teapot': 418,
      '/gone': 404,
      '/down': 503,
    };
    const results = await checkLinks({
      urls: [
        'http://s.test/ignored/x',
        'http://s.test/boo/bar',
        'http://s.test/auth',
        'http://s.test/partial',
        'http://s.test/forbidden',
        'http://s.test/teapot',
        'http://s.test/gone',
        'http://s.test/down',
      ],
      minIntervalMs: 0,
      validate: async (url, _signal, input) => {
        asked.push({ url, ...(input?.headers ? { headers: input.headers } : {}) });
        const code = statusOf[new URL(url).pathname] ?? 200;
        if (code === 503)
          return {
            status: 'unverifiable',
            httpStatus: 503,
            finalUrl: null,
            reason: 'x',
            retryAfterMs: 5_000,
          };
        return {
          status: code < 300 ? 'valid' : code === 403 ? 'unverifiable' : 'broken',
          httpStatus: code,
          finalUrl: null,
          reason: null,
        };
      },
      rules: {
        ignore: [/ignored/],
        replacements: [{ pattern: /boo/, replacement: 'foo' }],
        headers: [{ match: 'http://s.test/auth', headers: { authorization: 'Basic x' } }],
        aliveStatusCodes: [200, 206],
        statusCodes: { '403': 'ok', '4xx': 'warn', '404': 'error', '5xx': 'skip' },
      },
    });
    expect(results.map((r) => [r.url.replace('http://s.test', ''), r.status])).toEqual([
      ['/ignored/x', 'skipped'],
      ['/boo/bar', 'valid'],
      ['/auth', 'valid'],
      ['/partial', 'valid'],
      ['/forbidden', 'valid'],
      ['/teapot', 'valid'],
      ['/gone', 'broken'],
      ['/down', 'skipped'],
    ]);
    expect(results.find((r) => r.url.endsWith('/teapot'))?.reason).toMatch(/warning/);
    expect(asked.map((a) => a.url)).not.toContain('http://s.test/ignored/x');
    expect(asked.map((a) => a.url)).toContain('http://s.test/foo/bar');
    expect(asked.find((a) => a.url.endsWith('/auth'))?.headers).toEqual({ authorization: 'Basic x' });
    // A status override decides at once: the 503 is not retried.
    expect(asked.filter((a) => a.url.endsWith('/down'))).toHaveLength(1);
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    const pending = checkLinks({
      urls: Array.from({ length: 50 }, (_, i) => `http://a.test/${i}`),
      validate: recorder(() => ok(), 50).validate,
      perHost: 1,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('enough')), 30);
    await expect(pending).rejects.toThrow('enough');
  });
});
