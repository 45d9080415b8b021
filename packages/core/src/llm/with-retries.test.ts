import { describe, expect, it } from 'vitest';
import { LlmError, type LlmErrorKind } from './llm-port.js';
import { sleepWithSignal, withRetries } from './with-retries.js';

function fakeTime(start = 1_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

/** A function failing with the given errors in turn, then returning 'ok'. */
function failing(...errors: LlmError[]) {
  const calls: number[] = [];
  const fn = async ({ attempt }: { attempt: number }) => {
    calls.push(attempt);
    const error = errors[attempt - 1];
    if (error) throw error;
    return 'ok';
  };
  return { fn, calls };
}

describe('withRetries', () => {
  it('retries server errors with full-jitter exponential backoff', async () => {
    const time = fakeTime();
    const { fn, calls } = failing(new LlmError('server-error', '500'), new LlmError('server-error', '502'));
    const result = await withRetries(fn, { ...time, random: () => 0.5, baseDelayMs: 100 });
    expect(result).toBe('ok');
    expect(calls).toEqual([1, 2, 3]);
    // Ceilings 100 then 200 ms, halved by the injected random().
    expect(time.sleeps).toEqual([50, 100]);
  });

  it('caps the backoff ceiling at maxDelayMs', async () => {
    const time = fakeTime();
    const errors = Array.from({ length: 5 }, () => new LlmError('timeout', 'slow'));
    const { fn } = failing(...errors);
    await withRetries(fn, { ...time, random: () => 1, baseDelayMs: 100, maxDelayMs: 300, maxAttempts: 6 });
    expect(time.sleeps).toEqual([100, 200, 300, 300, 300]);
  });

  it('honours Retry-After when it fits in the deadline', async () => {
    const time = fakeTime();
    const { fn, calls } = failing(new LlmError('rate-limited', '429', 1_500));
    await withRetries(fn, { ...time, random: () => 0, deadlineMs: 10_000 });
    expect(calls).toEqual([1, 2]);
    expect(time.sleeps).toEqual([1_500]);
  });

  it('gives up at once when Retry-After would pass the deadline', async () => {
    const time = fakeTime();
    const error = new LlmError('rate-limited', '429', 20_000);
    const { fn, calls } = failing(error);
    await expect(withRetries(fn, { ...time, deadlineMs: 10_000 })).rejects.toBe(error);
    expect(calls).toEqual([1]);
    expect(time.sleeps).toEqual([]);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs, even without a deadline', async () => {
    const time = fakeTime();
    const error = new LlmError('rate-limited', '429', 3_600_000);
    const { fn, calls } = failing(error);
    await expect(withRetries(fn, time)).rejects.toBe(error);
    expect(calls).toEqual([1]);
  });

  it.each<LlmErrorKind>(['bad-response', 'config', 'budget', 'aborted', 'circuit-open'])(
    'does not retry %s',
    async (kind) => {
      const time = fakeTime();
      const error = new LlmError(kind, kind);
      const { fn, calls } = failing(error);
      await expect(withRetries(fn, time)).rejects.toBe(error);
      expect(calls).toEqual([1]);
    },
  );

  it('does not retry errors that are not LlmErrors', async () => {
    const boom = new TypeError('bug');
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw boom;
      }, fakeTime()),
    ).rejects.toBe(boom);
    expect(calls).toBe(1);
  });

  it('throws the last error when attempts run out (default 3)', async () => {
    const time = fakeTime();
    const last = new LlmError('server-error', 'third');
    const { fn, calls } = failing(new LlmError('server-error', 'a'), new LlmError('timeout', 'b'), last);
    await expect(withRetries(fn, { ...time, random: () => 0 })).rejects.toBe(last);
    expect(calls).toEqual([1, 2, 3]);
  });

  it('tells each attempt how much time is left before the deadline', async () => {
    const time = fakeTime();
    const seen: number[] = [];
    await withRetries(
      async ({ attempt, remainingMs }) => {
        seen.push(remainingMs);
        time.advance(3_000);
        if (attempt === 1) throw new LlmError('timeout', 'slow');
        return 'ok';
      },
      { ...time, deadlineMs: 10_000, random: () => 1, baseDelayMs: 1_000 },
    );
    expect(seen).toEqual([10_000, 6_000]);
  });

  it('stops retrying when the backoff would pass the deadline', async () => {
    const time = fakeTime();
    const error = new LlmError('timeout', 'slow');
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          time.advance(9_500);
          throw error;
        },
        { ...time, deadlineMs: 10_000, random: () => 1, baseDelayMs: 1_000 },
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
  });

  it('reports each retry', async () => {
    const time = fakeTime();
    const retries: string[] = [];
    const { fn } = failing(new LlmError('rate-limited', 'slow down', 200));
    await withRetries(fn, {
      ...time,
      onRetry: (r) => retries.push(`${r.attempt}:${r.delayMs}:${r.error.kind}`),
    });
    expect(retries).toEqual(['1:200:rate-limited']);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          return 1;
        },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ kind: 'aborted' });
    expect(calls).toBe(0);
  });

  it('cancels the backoff wait when the signal fires', async () => {
    const controller = new AbortController();
    const pending = withRetries(
      async () => {
        throw new LlmError('server-error', '503');
      },
      { signal: controller.signal, baseDelayMs: 60_000, random: () => 1 },
    );
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('sleepWithSignal', () => {
  it('resolves after the delay', async () => {
    await expect(sleepWithSignal(1)).resolves.toBeUndefined();
  });
});
