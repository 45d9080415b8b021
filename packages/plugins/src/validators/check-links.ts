import type { EvidenceValidateInput, EvidenceVerdict } from '@dossier/core';

export type LinkStatus = EvidenceVerdict['status'] | 'skipped';

export interface LinkCheckResult {
  url: string;
  status: LinkStatus;
  httpStatus: number | null;
  finalUrl: string | null;
  reason: string | null;
  /** Requests made for it, retries included (0 when skipped). */
  attempts: number;
}

/** What a status code means, overriding the validator: linkinator's `statusCodes` idea. */
export type StatusOverride = 'ok' | 'warn' | 'skip' | 'error';

/** Per-run rules over URLs and answers (the options link checkers share). */
export interface LinkRules {
  /** URLs matching any of these are not checked (`skipped`). */
  ignore?: RegExp[];
  /** Rewrites applied in order before checking (the result keeps the original URL). */
  replacements?: { pattern: RegExp; replacement: string }[];
  /** Request headers for URLs matching a pattern (or starting with a prefix). */
  headers?: { match: RegExp | string; headers: Record<string, string> }[];
  /** Status codes that count as alive besides 2xx. */
  aliveStatusCodes?: number[];
  /** By exact code (`"403"`) or class (`"4xx"`); decides at once, without retries. */
  statusCodes?: Record<string, StatusOverride>;
}

export interface CheckLinksOptions {
  urls: readonly string[];
  /** Checks one URL once; a verdict with `retryAfterMs` is provisional and may be retried. */
  validate: (url: string, signal: AbortSignal, input?: EvidenceValidateInput) => Promise<EvidenceVerdict>;
  /** Requests in flight at once, over all hosts. */
  concurrency?: number;
  /** Requests in flight at once to one host. */
  perHost?: number;
  /** Least time between two requests to one host. */
  minIntervalMs?: number;
  /** Retries of a provisional verdict (429, 503, 5xx, timeouts) before it stands. */
  retries?: number;
  /** A longer `Retry-After` is not waited for. */
  maxRetryAfterMs?: number;
  /** On 429/503, pause the whole host (default) rather than only the URL that was refused. */
  pauseHost?: boolean;
  rules?: LinkRules;
  onProgress?: (progress: { done: number; total: number; result: LinkCheckResult }) => void;
  signal?: AbortSignal;
}

interface Task {
  url: string;
  checkUrl: string;
  host: string;
  attempts: number;
  headers?: Record<string, string>;
  resolve: (r: LinkCheckResult) => void;
}

interface HostState {
  queue: Task[];
  active: number;
  /** No request to this host starts before this time (min interval, Retry-After pauses). */
  notBefore: number;
  /** Consecutive 429/503 answers without a Retry-After: the pause doubles with each. */
  streak: number;
}

function overrideFor(status: number | null, rules: LinkRules): StatusOverride | undefined {
  if (status === null) return undefined;
  const codes = rules.statusCodes ?? {};
  return codes[String(status)] ?? codes[`${String(status)[0]}xx`];
}

function applyRules(url: string, v: EvidenceVerdict, attempts: number, rules: LinkRules): LinkCheckResult {
  const base = { url, httpStatus: v.httpStatus, finalUrl: v.finalUrl, attempts };
  const override = overrideFor(v.httpStatus, rules);
  if (override === 'skip') return { ...base, status: 'skipped', reason: `status ${v.httpStatus} is skipped` };
  if (override === 'error')
    return { ...base, status: 'broken', reason: `status ${v.httpStatus} counts as broken` };
  if (override === 'ok' || override === 'warn') {
    const status = v.status === 'redirected' ? 'redirected' : 'valid';
    return { ...base, status, reason: override === 'warn' ? `warning: status ${v.httpStatus}` : v.reason };
  }
  if (v.httpStatus !== null && rules.aliveStatusCodes?.includes(v.httpStatus) && v.status !== 'redirected') {
    return { ...base, status: 'valid', reason: null };
  }
  return { ...base, status: v.status, reason: v.reason };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Checks many links politely, in memory (the CLI's engine): global and per-host concurrency, a minimum
 * interval per host, `Retry-After` honoured by pausing the host (doubling pauses when the server names none),
 * provisional verdicts retried outside the concurrency slots, identical URLs checked once. Results come back
 * in the order of first appearance.
 */
export async function checkLinks(options: CheckLinksOptions): Promise<LinkCheckResult[]> {
  const {
    concurrency = 32,
    perHost = 2,
    minIntervalMs = 500,
    retries = 3,
    maxRetryAfterMs = 60_000,
    pauseHost = true,
    rules = {},
    signal,
  } = options;
  const unique = [...new Set(options.urls)];
  const hosts = new Map<string, HostState>();
  const ready: string[] = [];
  let active = 0;
  let done = 0;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  const delayed = new Set<NodeJS.Timeout>();

  const finish = (task: Task, result: LinkCheckResult) => {
    done += 1;
    options.onProgress?.({ done, total: unique.length, result });
    task.resolve(result);
  };

  const stateOf = (host: string): HostState => {
    let h = hosts.get(host);
    if (!h) {
      h = { queue: [], active: 0, notBefore: 0, streak: 0 };
      hosts.set(host, h);
    }
    return h;
  };

  const enqueue = (task: Task, front = false) => {
    const h = stateOf(task.host);
    if (front) h.queue.unshift(task);
    else h.queue.push(task);
    if (h.queue.length === 1) ready.push(task.host);
  };

  const pump = () => {
    if (signal?.aborted) return;
    const now = Date.now();
    let earliest = Number.POSITIVE_INFINITY;
    // Round robin over hosts with work: each pass takes at most one task per host.
    for (let i = 0; i < ready.length && active < concurrency; ) {
      const host = ready[i]!;
      const h = hosts.get(host)!;
      if (h.queue.length === 0) {
        ready.splice(i, 1);
        continue;
      }
      if (h.active >= perHost) {
        i++;
        continue;
      }
      if (h.notBefore > now) {
        earliest = Math.min(earliest, h.notBefore);
        i++;
        continue;
      }
      const task = h.queue.shift()!;
      h.active += 1;
      h.notBefore = now + minIntervalMs;
      active += 1;
      void run(task, h);
      if (h.queue.length === 0) ready.splice(i, 1);
      else {
        // Move the host to the back so the next pick goes to another host.
        ready.splice(i, 1);
        ready.push(host);
      }
    }
    if (earliest < Number.POSITIVE_INFINITY && active < concurrency && earliest < timerAt) {
      if (timer) clearTimeout(timer);
      timerAt = earliest;
      timer = setTimeout(
        () => {
          timer = undefined;
          timerAt = Number.POSITIVE_INFINITY;
          pump();
        },
        Math.max(1, earliest - now),
      );
    }
  };

  const run = async (task: Task, h: HostState) => {
    task.attempts += 1;
    let v: EvidenceVerdict;
    try {
      v = await options.validate(task.checkUrl, signal ?? new AbortController().signal, {
        ...(task.headers ? { headers: task.headers } : {}),
      });
    } catch (error) {
      v = {
        status: 'unverifiable',
        httpStatus: null,
        finalUrl: null,
        reason: error instanceof Error ? error.message : String(error),
      };
    }
    h.active -= 1;
    active -= 1;
    const limited = v.httpStatus === 429 || v.httpStatus === 503;
    const overridden = overrideFor(v.httpStatus, rules) !== undefined;
    const retry =
      !overridden &&
      !signal?.aborted &&
      v.retryAfterMs !== undefined &&
      task.attempts <= retries &&
      v.retryAfterMs <= maxRetryAfterMs;
    let pause = 0;
    if (limited) {
      h.streak += 1;
      // The server's own Retry-After when it names one; otherwise a pause that doubles per refusal.
      pause = Math.min(maxRetryAfterMs, v.retryAfterMs ?? 1_000 * 2 ** (h.streak - 1));
      if (pauseHost) h.notBefore = Math.max(h.notBefore, Date.now() + pause);
    } else if (v.httpStatus !== null) {
      h.streak = 0;
    }
    if (retry) {
      // A paused host holds the retry back by itself; otherwise the URL waits on its own.
      const wait = limited ? (pauseHost ? 0 : pause) : (v.retryAfterMs ?? 0) * 2 ** (task.attempts - 1);
      const t = setTimeout(() => {
        delayed.delete(t);
        enqueue(task, true);
        pump();
      }, wait);
      delayed.add(t);
    } else {
      const { retryAfterMs: _provisional, ...final } = v;
      finish(task, applyRules(task.url, final, task.attempts, rules));
    }
    pump();
  };

  const onAbort = () => {
    if (timer) clearTimeout(timer);
    for (const t of delayed) clearTimeout(t);
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  const promises = unique.map(
    (url) =>
      new Promise<LinkCheckResult>((resolve) => {
        if (rules.ignore?.some((re) => re.test(url))) {
          const result: LinkCheckResult = {
            url,
            status: 'skipped',
            httpStatus: null,
            finalUrl: null,
            reason: 'ignored',
            attempts: 0,
          };
          done += 1;
          options.onProgress?.({ done, total: unique.length, result });
          resolve(result);
          return;
        }
        let checkUrl = url;
        for (const r of rules.replacements ?? []) checkUrl = checkUrl.replace(r.pattern, r.replacement);
        const headers = Object.assign(
          {},
          ...(rules.headers ?? [])
            .filter((h) =>
              typeof h.match === 'string' ? checkUrl.startsWith(h.match) : h.match.test(checkUrl),
            )
            .map((h) => h.headers),
        ) as Record<string, string>;
        enqueue({
          url,
          checkUrl,
          host: hostOf(checkUrl),
          attempts: 0,
          ...(Object.keys(headers).length > 0 ? { headers } : {}),
          resolve,
        });
      }),
  );
  pump();
  if (signal) {
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    try {
      return await Promise.race([Promise.all(promises), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
  return Promise.all(promises);
}
