import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUrlCipher } from '../crypto/url-cipher.js';
import {
  applyEvidenceVerdict,
  type CheckVerdict,
  type EvidenceState,
  FAILURE_RECHECK_MS,
  isFailing,
  nextScheduledCheck,
} from './apply-evidence-verdict.js';

const cipher = createUrlCipher(randomBytes(32));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2026-03-01T00:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const opts = { cipher, recheckDays: 30 };

function freshLink(status: EvidenceState['status'] = 'valid'): EvidenceState {
  return {
    status,
    httpStatus: null,
    finalUrlEncrypted: null,
    reason: null,
    lastCheckedAt: null,
    consecutiveFailures: 0,
    failingSince: null,
    nextCheckAt: null,
    history: [],
    urlHash: cipher.hash('https://docs.example.test/page'),
  };
}

const fail: CheckVerdict = {
  status: 'broken',
  httpStatus: 404,
  finalUrl: null,
  reason: 'HTTP 404',
  validator: 'test',
};
const ok: CheckVerdict = {
  status: 'valid',
  httpStatus: 200,
  finalUrl: null,
  reason: null,
  validator: 'test',
};

describe('applyEvidenceVerdict', () => {
  it('turns broken only on the third failure once the failures span 48 hours', () => {
    const link = freshLink('valid');
    expect(applyEvidenceVerdict(link, fail, at(0), opts)).toBeNull();
    expect(link).toMatchObject({
      status: 'valid',
      consecutiveFailures: 1,
      failingSince: at(0),
      reason: 'HTTP 404',
    });
    expect(isFailing(link)).toBe(true);
    expect(link.nextCheckAt).toEqual(new Date(at(0).getTime() + FAILURE_RECHECK_MS));

    // Three failures in two hours: one bad night, not a broken link.
    applyEvidenceVerdict(link, fail, at(1), opts);
    expect(applyEvidenceVerdict(link, fail, at(2), opts)).toBeNull();
    expect(link).toMatchObject({ status: 'valid', consecutiveFailures: 3 });

    expect(applyEvidenceVerdict(link, fail, at(47.9), opts)).toBeNull();
    expect(link.status).toBe('valid');
    expect(applyEvidenceVerdict(link, fail, at(48), opts)).toBe('broken');
    expect(link).toMatchObject({ status: 'broken', consecutiveFailures: 5, httpStatus: 404 });
    expect(isFailing(link)).toBe(false);
    // Broken links go back to the regular cadence.
    expect(link.nextCheckAt!.getTime()).toBeGreaterThan(at(48).getTime() + 14 * DAY);

    // A further failure is not a new transition.
    expect(applyEvidenceVerdict(link, fail, at(72), opts)).toBeNull();
  });

  it('needs three failures even when the first two are far apart', () => {
    const link = freshLink('valid');
    applyEvidenceVerdict(link, fail, at(0), opts);
    applyEvidenceVerdict(link, fail, at(100), opts);
    expect(link.status).toBe('valid');
    expect(applyEvidenceVerdict(link, fail, at(124), opts)).toBe('broken');
  });

  it('a success resets the count and the first-failure time', () => {
    const link = freshLink('valid');
    applyEvidenceVerdict(link, fail, at(0), opts);
    applyEvidenceVerdict(link, fail, at(24), opts);
    applyEvidenceVerdict(link, ok, at(30), opts);
    expect(link).toMatchObject({ status: 'valid', consecutiveFailures: 0, failingSince: null });
    applyEvidenceVerdict(link, fail, at(48), opts);
    applyEvidenceVerdict(link, fail, at(72), opts);
    applyEvidenceVerdict(link, fail, at(96), opts);
    expect(link.status).toBe('broken');
    expect(link.failingSince).toEqual(at(48));
    applyEvidenceVerdict(link, ok, at(120), opts);
    expect(link).toMatchObject({ status: 'valid', consecutiveFailures: 0, failingSince: null });
  });

  it('a new link that fails stays unchecked (and failing) until the rule is met', () => {
    const link = freshLink('unchecked');
    applyEvidenceVerdict(link, fail, at(0), opts);
    expect(link.status).toBe('unchecked');
    expect(isFailing(link)).toBe(true);
  });

  it('blocked is immediate, and is not a failure', () => {
    const link = freshLink('valid');
    applyEvidenceVerdict(link, fail, at(0), opts);
    const blocked: CheckVerdict = { ...fail, status: 'blocked', httpStatus: null, reason: 'private address' };
    expect(applyEvidenceVerdict(link, blocked, at(1), opts)).toBeNull();
    expect(link).toMatchObject({ status: 'blocked', consecutiveFailures: 0, reason: 'private address' });
  });

  it('redirected is immediate, keeps the target encrypted, and keeps it while failing', () => {
    const link = freshLink('valid');
    const moved: CheckVerdict = {
      status: 'redirected',
      httpStatus: 301,
      finalUrl: 'https://docs.example.test/new',
      reason: 'moved permanently',
      validator: 'test',
    };
    expect(applyEvidenceVerdict(link, moved, at(0), opts)).toBe('redirected');
    expect(link.finalUrlEncrypted).not.toContain('example');
    expect(cipher.decrypt(link.finalUrlEncrypted!)).toBe('https://docs.example.test/new');
    expect(applyEvidenceVerdict(link, moved, at(1), opts)).toBeNull();
    applyEvidenceVerdict(link, fail, at(2), opts);
    expect(link.status).toBe('redirected');
    expect(cipher.decrypt(link.finalUrlEncrypted!)).toBe('https://docs.example.test/new');
  });

  it('a provisional answer (Retry-After) keeps status and failures, and is asked again when the server said', () => {
    const link = freshLink('valid');
    applyEvidenceVerdict(link, fail, at(0), opts);
    const limited: CheckVerdict = {
      status: 'unverifiable',
      httpStatus: 429,
      finalUrl: null,
      reason: 'rate limited',
      validator: 'test',
      retryAfterMs: 2 * HOUR,
    };
    expect(applyEvidenceVerdict(link, limited, at(5), opts)).toBeNull();
    expect(link).toMatchObject({
      status: 'valid',
      consecutiveFailures: 1,
      failingSince: at(0),
      httpStatus: 404,
      reason: 'HTTP 404',
      lastCheckedAt: at(5),
    });
    expect(link.nextCheckAt).toEqual(at(7));
    expect(link.history.at(-1)).toMatchObject({ status: 'unverifiable', httpStatus: 429 });
    // A few seconds is stretched to an hour, days are cut to a day.
    applyEvidenceVerdict(link, { ...limited, retryAfterMs: 5_000 }, at(8), opts);
    expect(link.nextCheckAt).toEqual(at(9));
    applyEvidenceVerdict(link, { ...limited, retryAfterMs: 9 * DAY }, at(10), opts);
    expect(link.nextCheckAt).toEqual(at(34));
  });

  it('keeps the last ten checks, newest last, with final URLs encrypted', () => {
    const link = freshLink('valid');
    for (let i = 0; i < 14; i++) applyEvidenceVerdict(link, i % 2 ? ok : fail, at(i), opts);
    expect(link.history).toHaveLength(10);
    expect(link.history.at(-1)!.at).toBe(at(13).toISOString());
    expect(link.history[0]!.at).toBe(at(4).toISOString());
    const moved = { ...ok, status: 'redirected' as const, finalUrl: 'https://x.test/new' };
    applyEvidenceVerdict(link, moved, at(20), opts);
    expect(JSON.stringify(link.history)).not.toContain('x.test');
  });
});

describe('nextScheduledCheck', () => {
  it('is on the URL phase, half to one and a half periods after the check, then exactly one period apart', () => {
    const hash = cipher.hash('https://a.example.test/');
    const first = nextScheduledCheck(hash, T0, 30);
    const gap = first.getTime() - T0.getTime();
    expect(gap).toBeGreaterThan(15 * DAY);
    expect(gap).toBeLessThanOrEqual(45 * DAY);
    const second = nextScheduledCheck(hash, first, 30);
    expect(second.getTime() - first.getTime()).toBe(30 * DAY);
    // Identical URLs fall due together wherever and whenever they were checked.
    expect(nextScheduledCheck(hash, new Date(T0.getTime() + 5_000), 30)).toEqual(first);
  });

  it('spreads URLs checked at one moment evenly over the days of the period', () => {
    const buckets = new Array<number>(30).fill(0);
    const N = 6000;
    const start = T0.getTime() + 15 * DAY;
    for (let i = 0; i < N; i++) {
      const next = nextScheduledCheck(cipher.hash(`https://host${i % 97}.example.test/item/${i}`), T0, 30);
      buckets[Math.floor((next.getTime() - start) / DAY)]! += 1;
    }
    const mean = N / 30;
    expect(buckets.reduce((a, b) => a + b, 0)).toBe(N);
    // Binomial spread around 200 a day is about ±14; allow 25%.
    for (const count of buckets) expect(Math.abs(count - mean) / mean).toBeLessThan(0.25);
  });
});
