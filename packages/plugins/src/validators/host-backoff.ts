/**
 * Adaptive per-host backoff: a 429 or 503 pauses the host for its `Retry-After` (or, without one, for a delay
 * that doubles with each consecutive refusal, from `baseMs` up to `maxMs`); a success resets the doubling.
 * In memory, per validator instance; the service holds its own limits across workers.
 */
export interface HostBackoff {
  /** Milliseconds to wait before the next request to this host (0 when it may go now). */
  delayFor(host: string): number;
  /** Records a refusal; returns the pause applied. */
  refused(host: string, retryAfterMs: number | undefined): number;
  succeeded(host: string): void;
}

export function createHostBackoff({
  baseMs = 1_000,
  maxMs = 60_000,
  now = Date.now,
}: {
  baseMs?: number;
  maxMs?: number;
  now?: () => number;
} = {}): HostBackoff {
  const hosts = new Map<string, { until: number; streak: number }>();
  return {
    delayFor(host) {
      const h = hosts.get(host);
      return h ? Math.max(0, h.until - now()) : 0;
    },
    refused(host, retryAfterMs) {
      const h = hosts.get(host) ?? { until: 0, streak: 0 };
      h.streak += 1;
      const pause = Math.min(maxMs, retryAfterMs ?? baseMs * 2 ** (h.streak - 1));
      h.until = Math.max(h.until, now() + pause);
      hosts.set(host, h);
      return pause;
    },
    succeeded(host) {
      const h = hosts.get(host);
      if (h) h.streak = 0;
    },
  };
}

/** Sleeps, waking early (with the signal's reason) when it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
