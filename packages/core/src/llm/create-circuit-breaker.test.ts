import { describe, expect, it } from 'vitest';
import { createCircuitBreaker, createCircuitBreakerRegistry } from './create-circuit-breaker.js';
import { LlmError } from './llm-port.js';

function clock(start = 0) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const fail =
  (kind: 'server-error' | 'timeout' | 'bad-response' | 'aborted' = 'server-error') =>
  async () => {
    throw new LlmError(kind, kind);
  };
const ok = async () => 'ok';

describe('createCircuitBreaker', () => {
  it('opens after N consecutive failures and then fails fast without calling', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('openai', { failureThreshold: 3, now: c.now });
    for (let i = 0; i < 3; i++)
      await expect(breaker.execute(fail())).rejects.toMatchObject({ kind: 'server-error' });
    expect(breaker.state()).toBe('open');
    let called = false;
    await expect(
      breaker.execute(async () => {
        called = true;
      }),
    ).rejects.toMatchObject({ kind: 'circuit-open' });
    expect(called).toBe(false);
  });

  it('says when the open circuit will let a probe through', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('p', { failureThreshold: 1, cooldownMs: 10_000, now: c.now });
    await breaker.execute(fail()).catch(() => {});
    c.advance(4_000);
    const error = await breaker.execute(ok).catch((e: LlmError) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).retryAfterMs).toBe(6_000);
    expect(breaker.stats().retryAt).toBe(10_000);
  });

  it('a success resets the consecutive count', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('p', { failureThreshold: 3, now: c.now, minimumCalls: 100 });
    await breaker.execute(fail()).catch(() => {});
    await breaker.execute(fail()).catch(() => {});
    await breaker.execute(ok);
    await breaker.execute(fail()).catch(() => {});
    await breaker.execute(fail()).catch(() => {});
    expect(breaker.state()).toBe('closed');
    expect(breaker.stats().consecutiveFailures).toBe(2);
  });

  it('opens when the failure rate over the window passes the threshold', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('p', {
      failureThreshold: 100,
      failureRate: 0.5,
      minimumCalls: 6,
      windowMs: 10_000,
      now: c.now,
    });
    // Alternating: never 2 failures in a row, but 4 of 7 failed.
    for (const step of [fail(), ok, fail(), ok, fail(), ok]) await breaker.execute(step).catch(() => {});
    expect(breaker.state()).toBe('closed');
    await breaker.execute(fail()).catch(() => {});
    expect(breaker.state()).toBe('open');
  });

  it('forgets outcomes older than the window', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('p', {
      failureThreshold: 100,
      minimumCalls: 4,
      windowMs: 1_000,
      now: c.now,
    });
    for (let i = 0; i < 3; i++) await breaker.execute(fail()).catch(() => {});
    c.advance(2_000);
    await breaker.execute(ok);
    await breaker.execute(fail()).catch(() => {});
    expect(breaker.stats()).toMatchObject({ callsInWindow: 2, failuresInWindow: 1, state: 'closed' });
  });

  it('half-opens after the cooldown, lets one probe through, and closes on its success', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('p', { failureThreshold: 1, cooldownMs: 1_000, now: c.now });
    await breaker.execute(fail()).catch(() => {});
    c.advance(1_000);
    expect(breaker.state()).toBe('half-open');
    let release!: () => void;
    const probe = breaker.execute(() => new Promise<string>((r) => (release = () => r('probe'))));
    // While the probe is out, everyone else still fails fast.
    await expect(breaker.execute(ok)).rejects.toMatchObject({ kind: 'circuit-open' });
    release();
    await expect(probe).resolves.toBe('probe');
    expect(breaker.state()).toBe('closed');
    await expect(breaker.execute(ok)).resolves.toBe('ok');
  });

  it('reopens for another cooldown when the probe fails', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('p', { failureThreshold: 1, cooldownMs: 1_000, now: c.now });
    await breaker.execute(fail()).catch(() => {});
    c.advance(1_000);
    await breaker.execute(fail('timeout')).catch(() => {});
    expect(breaker.state()).toBe('open');
    c.advance(999);
    expect(breaker.state()).toBe('open');
    c.advance(1);
    expect(breaker.state()).toBe('half-open');
  });

  it('does not count answers the caller rejected, nor cancellations, as provider failures', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('p', { failureThreshold: 2, now: c.now });
    for (let i = 0; i < 5; i++) await breaker.execute(fail('bad-response')).catch(() => {});
    for (let i = 0; i < 5; i++) await breaker.execute(fail('aborted')).catch(() => {});
    expect(breaker.state()).toBe('closed');
  });

  it('frees the probe slot when the probe is cancelled', async () => {
    const c = clock();
    const breaker = createCircuitBreaker('p', { failureThreshold: 1, cooldownMs: 10, now: c.now });
    await breaker.execute(fail()).catch(() => {});
    c.advance(10);
    await breaker.execute(fail('aborted')).catch(() => {});
    expect(breaker.state()).toBe('half-open');
    await expect(breaker.execute(ok)).resolves.toBe('ok');
    expect(breaker.state()).toBe('closed');
  });
});

describe('createCircuitBreakerRegistry', () => {
  it('shares one breaker per provider name', async () => {
    const registry = createCircuitBreakerRegistry({ failureThreshold: 1 });
    await registry
      .get('anthropic')
      .execute(fail())
      .catch(() => {});
    expect(registry.get('anthropic').state()).toBe('open');
    expect(registry.get('openai').state()).toBe('closed');
    expect(registry.names().sort()).toEqual(['anthropic', 'openai']);
    registry.clear();
    expect(registry.get('anthropic').state()).toBe('closed');
  });
});
