import { describe, expect, it } from 'vitest';
import { createCircuitBreakerRegistry } from './create-circuit-breaker.js';
import { createLlmPort, type LlmCallEvent } from './create-llm-port.js';
import { LlmError, type LlmProvider, type LlmRequest, type LlmResponse } from './llm-port.js';

type Step = LlmError | ((req: LlmRequest) => LlmResponse);

/** A provider replaying scripted outcomes, recording the requests it got. */
function scriptedProvider(name: string, steps: Step[]) {
  const requests: LlmRequest[] = [];
  const provider: LlmProvider = {
    name,
    model: `${name}-model`,
    estimateTokens: (text) => Math.ceil(text.length / 4),
    async complete(req) {
      requests.push(req);
      const step = steps[requests.length - 1] ?? steps[steps.length - 1]!;
      if (step instanceof LlmError) throw step;
      return step(req);
    },
  };
  return { provider, requests };
}

const reply =
  (text = '{}', inputTokens = 100, outputTokens = 50) =>
  (): LlmResponse => ({
    text,
    json: JSON.parse(text),
    usage: { inputTokens, outputTokens, costUsd: 0.002 },
    model: 'm',
    provider: 'p',
  });

const req = (overrides: Partial<LlmRequest> = {}): LlmRequest => ({
  system: 'You write CVs.',
  messages: [{ role: 'user', content: 'Write one.' }],
  maxOutputTokens: 500,
  timeoutMs: 1_000,
  ...overrides,
});

function fakeTime() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    random: () => 0.5,
  };
}

describe('createLlmPort', () => {
  it('returns providers by name, the first as the default', () => {
    const port = createLlmPort({
      providers: [scriptedProvider('openai', []).provider, scriptedProvider('anthropic', []).provider],
      breakers: createCircuitBreakerRegistry(),
    });
    expect(port.provider()?.name).toBe('openai');
    expect(port.provider('anthropic')?.model).toBe('anthropic-model');
    expect(port.provider('missing')).toBeUndefined();
    expect(createLlmPort({ providers: [] }).provider()).toBeUndefined();
  });

  it('retries transient failures and records the usage of the successful call', async () => {
    const { provider, requests } = scriptedProvider('openai', [
      new LlmError('server-error', '500'),
      new LlmError('rate-limited', '429', 300),
      reply('{"a":1}', 120, 30),
    ]);
    const events: LlmCallEvent[] = [];
    const port = createLlmPort({
      providers: [provider],
      breakers: createCircuitBreakerRegistry(),
      retry: fakeTime(),
      onCall: (e) => events.push(e),
    });
    const res = await port.provider()!.complete(req());
    expect(res.json).toEqual({ a: 1 });
    expect(requests).toHaveLength(3);
    expect(port.usage()).toEqual({ inputTokens: 120, outputTokens: 30, costUsd: 0.002 });
    expect(port.remainingBudget()).toBe(8_000 - 150);
    expect(events).toMatchObject([{ provider: 'openai', outcome: 'ok' }]);
  });

  it("uses the request's own attempts and cuts each attempt's timeout to the deadline", async () => {
    const time = fakeTime();
    const timeouts: number[] = [];
    const provider: LlmProvider = {
      name: 'slow',
      model: 'm',
      estimateTokens: (t) => t.length,
      async complete(r) {
        timeouts.push(r.timeoutMs);
        time.sleep(r.timeoutMs);
        throw new LlmError('timeout', 'timed out');
      },
    };
    const port = createLlmPort({
      providers: [provider],
      breakers: createCircuitBreakerRegistry(),
      retry: time,
    });
    await expect(
      port.provider()!.complete(req({ timeoutMs: 1_000, deadlineMs: 2_500, maxAttempts: 5 })),
    ).rejects.toMatchObject({ kind: 'timeout' });
    // 1,000 + 125 (half of the 250 ceiling) + 1,000 + 250: the third attempt gets only the 125 ms left.
    expect(timeouts).toEqual([1_000, 1_000, 125]);
    expect(time.now()).toBe(2_500);
  });

  it('refuses an over-budget call without reaching the provider', async () => {
    const { provider, requests } = scriptedProvider('openai', [reply()]);
    const port = createLlmPort({
      providers: [provider],
      budget: { generationTokens: 100 },
      breakers: createCircuitBreakerRegistry(),
    });
    await expect(port.provider()!.complete(req({ maxOutputTokens: 500 }))).rejects.toMatchObject({
      kind: 'budget',
    });
    expect(requests).toHaveLength(0);
  });

  it('fails fast through the shared breaker once a provider keeps failing', async () => {
    const breakers = createCircuitBreakerRegistry({ failureThreshold: 3, cooldownMs: 60_000 });
    const { provider, requests } = scriptedProvider('openai', [new LlmError('server-error', '500')]);
    const portA = createLlmPort({ providers: [provider], breakers, retry: fakeTime() });
    await expect(portA.provider()!.complete(req())).rejects.toMatchObject({ kind: 'server-error' });
    expect(requests).toHaveLength(3);
    // Another generation (another port) shares the open breaker and sends nothing.
    const portB = createLlmPort({ providers: [provider], breakers, retry: fakeTime() });
    await expect(portB.provider()!.complete(req())).rejects.toMatchObject({ kind: 'circuit-open' });
    expect(requests).toHaveLength(3);
  });

  it('records usage reported from elsewhere', () => {
    const port = createLlmPort({ providers: [], budget: { generationTokens: 1_000 } });
    port.recordUsage({ inputTokens: 100, outputTokens: 100, costUsd: 0.5 });
    expect(port.remainingBudget()).toBe(800);
    expect(port.usage().costUsd).toBe(0.5);
  });
});
