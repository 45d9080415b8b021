import { LlmError, type LlmErrorKind } from './llm-port.js';

/** Kinds worth another attempt: the provider may answer next time. The rest would fail the same way. */
export const RETRYABLE_KINDS: ReadonlySet<LlmErrorKind> = new Set([
  'rate-limited',
  'server-error',
  'timeout',
]);

export interface RetryAttempt {
  /** 1-based. */
  attempt: number;
  /** Time left before the deadline; an attempt should not wait longer than this. Infinity without one. */
  remainingMs: number;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  error: LlmError;
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** Total time for every attempt and every wait; no attempt starts or sleeps past it. */
  deadlineMs?: number;
  /** First backoff ceiling; doubles each attempt (full jitter picks a wait between 0 and the ceiling). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for, even without a deadline: the call fails at once. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
  /** Injected so tests run without real time: milliseconds since an arbitrary origin. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export const RETRY_DEFAULTS = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
} as const;

/** A timer-based sleep that rejects with `LlmError('aborted')` when the signal fires. */
export function sleepWithSignal(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LlmError('aborted', 'aborted while waiting to retry'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmError('aborted', 'aborted while waiting to retry'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` until it succeeds, retrying only transient LLM failures (rate limits, server errors, timeouts)
 * with full-jitter exponential backoff, or the provider's `Retry-After` when it fits in the deadline.
 * Anything else — and the last failure once attempts or time run out — is thrown as it came.
 */
export async function withRetries<T>(
  fn: (attempt: RetryAttempt) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts);
  const baseDelayMs = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepWithSignal;
  const random = options.random ?? Math.random;
  const deadline = options.deadlineMs === undefined ? Number.POSITIVE_INFINITY : now() + options.deadlineMs;

  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new LlmError('aborted', 'the call was cancelled');
    const remainingMs = deadline - now();
    if (remainingMs <= 0) throw new LlmError('timeout', 'the retry deadline passed before an attempt');
    try {
      return await fn({ attempt, remainingMs });
    } catch (error) {
      if (!(error instanceof LlmError) || !RETRYABLE_KINDS.has(error.kind) || attempt >= maxAttempts) {
        throw error;
      }
      const delayMs =
        error.retryAfterMs !== undefined
          ? error.retryAfterMs
          : random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      // Waiting past the deadline only to be cut off would hide the real failure behind a timeout.
      if (now() + delayMs >= deadline || delayMs > maxRetryAfterMs) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
