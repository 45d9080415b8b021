import { createCircuitBreakerRegistry, LlmError, type LlmRequest } from '@dossier/core';
import { type FakeLlmServer, type FakeLlmServerOptions, startFakeLlmServer } from '@dossier/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type BuildLlmPortConfig, buildLlmPortFromConfig } from './build-llm-port-from-config.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function start(options: FakeLlmServerOptions = {}) {
  server = await startFakeLlmServer(options);
  return server;
}

const request = (overrides: Partial<LlmRequest> = {}): LlmRequest => ({
  system: 'You write CVs.',
  messages: [{ role: 'user', content: 'Write a one-line summary.' }],
  jsonSchema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] },
  maxOutputTokens: 200,
  timeoutMs: 2_000,
  ...overrides,
});

/** A port on the fake server whose backoff waits are recorded instead of slept. */
function portOn(s: FakeLlmServer, overrides: Partial<BuildLlmPortConfig> = {}) {
  const waits: number[] = [];
  const port = buildLlmPortFromConfig({
    providers: [
      { name: 'openai', type: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test', baseUrl: `${s.url}/v1` },
      { name: 'claude', type: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant', baseUrl: s.url },
      { name: 'ollama', type: 'openai-compatible', model: 'llama3.1:8b', baseUrl: `${s.url}/v1` },
    ],
    breakers: createCircuitBreakerRegistry(),
    retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    ...overrides,
  });
  return { port, waits };
}

describe('buildLlmPortFromConfig', () => {
  it('builds each provider type, the first as default', async () => {
    const s = await start({ defaultReply: () => ({ json: { summary: 'ok' } }) });
    const { port } = portOn(s);
    expect(port.provider()?.name).toBe('openai');
    for (const name of ['openai', 'claude', 'ollama']) {
      expect((await port.provider(name)!.complete(request())).json).toEqual({ summary: 'ok' });
    }
    expect(s.requests.map((r) => r.api)).toEqual(['openai', 'anthropic', 'openai']);
  });

  it('honours Retry-After on a 429, then succeeds', async () => {
    const s = await start({ script: [{ status: 429, retryAfter: 1 }, { json: { summary: 'after wait' } }] });
    const { port, waits } = portOn(s);
    expect((await port.provider()!.complete(request())).json).toEqual({ summary: 'after wait' });
    expect(waits).toEqual([1_000]);
    expect(s.requests).toHaveLength(2);
  });

  it('retries a 500 with jittered backoff, then succeeds', async () => {
    const s = await start({
      script: [{ status: 500 }, { status: 503 }, { json: { summary: 'third time' } }],
    });
    const { port, waits } = portOn(s);
    expect((await port.provider('claude')!.complete(request())).json).toEqual({ summary: 'third time' });
    // Full jitter with random() = 0.5 over ceilings of 250 and 500 ms.
    expect(waits).toEqual([125, 250]);
  });

  it('gives up on a hanging server with a timeout within the deadline', async () => {
    const s = await start({ defaultReply: () => ({ hang: true }) });
    const { port } = portOn(s);
    const started = performance.now();
    const error = await port
      .provider()!
      .complete(request({ timeoutMs: 200, deadlineMs: 500, maxAttempts: 3 }))
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).kind).toBe('timeout');
    // Two 200 ms attempts; a third could not finish its backoff before the 500 ms deadline, so none starts.
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(900);
    expect(s.requests).toHaveLength(2);
  });

  it('does not retry a malformed reply', async () => {
    const s = await start({ script: [{ malformed: true }, { json: { summary: 'unused' } }] });
    const { port } = portOn(s);
    await expect(port.provider()!.complete(request())).rejects.toMatchObject({ kind: 'bad-response' });
    expect(s.requests).toHaveLength(1);
  });

  it('opens the circuit after repeated failures, fails fast while open, and recovers half-open', async () => {
    const s = await start({ defaultReply: () => ({ status: 500 }) });
    let t = 0;
    const breakers = createCircuitBreakerRegistry({ failureThreshold: 3, cooldownMs: 30_000, now: () => t });
    const { port } = portOn(s, { breakers });
    await expect(port.provider()!.complete(request())).rejects.toMatchObject({ kind: 'server-error' });
    expect(s.requests).toHaveLength(3);
    expect(breakers.get('openai').state()).toBe('open');

    const started = performance.now();
    await expect(port.provider()!.complete(request())).rejects.toMatchObject({ kind: 'circuit-open' });
    const failFastMs = performance.now() - started;
    expect(failFastMs).toBeLessThan(5);
    expect(s.requests).toHaveLength(3);
    // Other providers have their own breakers.
    expect(breakers.get('claude').state()).toBe('closed');

    t += 30_000;
    expect(breakers.get('openai').state()).toBe('half-open');
    s.enqueue({ json: { summary: 'back' } });
    expect((await port.provider()!.complete(request())).json).toEqual({ summary: 'back' });
    expect(breakers.get('openai').state()).toBe('closed');
  });

  it('refuses an over-budget call without sending a request', async () => {
    const s = await start({ defaultReply: () => ({ json: { summary: 'x' } }) });
    const { port } = portOn(s, { budgetTokens: 150 });
    await expect(port.provider()!.complete(request({ maxOutputTokens: 200 }))).rejects.toMatchObject({
      kind: 'budget',
    });
    expect(s.requests).toHaveLength(0);
  });

  it('asks the host for the daily budget of the user', async () => {
    const s = await start({ defaultReply: () => ({ json: { summary: 'x' } }) });
    const { port } = portOn(s, { userId: 'u-1', userDailyRemaining: async () => 50 });
    await expect(port.provider()!.complete(request())).rejects.toMatchObject({ kind: 'budget' });
    expect(s.requests).toHaveLength(0);
  });

  it('adds up tokens and cost over the calls of a generation', async () => {
    const s = await start({
      script: [
        { json: { summary: 'a' }, usage: { inputTokens: 1_000, outputTokens: 400 } },
        { json: { summary: 'b' }, usage: { inputTokens: 2_000, outputTokens: 100 } },
        { json: { summary: 'c' }, usage: { inputTokens: 3_000, outputTokens: 300 } },
      ],
    });
    const { port } = portOn(s);
    await port.provider('openai')!.complete(request());
    await port.provider('claude')!.complete(request());
    await port.provider('ollama')!.complete(request());
    // gpt-4o-mini 1,000×0.15 + 400×0.60; claude-haiku-4-5 2,000×1 + 100×5; local model free (USD per 1M).
    expect(port.usage()).toEqual({ inputTokens: 6_000, outputTokens: 800, costUsd: 0.00289 });
    expect(port.remainingBudget()).toBe(8_000 - 6_800);
  });

  it('rejects configurations that cannot work, naming the provider', () => {
    expect(() =>
      buildLlmPortFromConfig({ providers: [{ name: 'o', type: 'openai', model: 'gpt-4o' }] }),
    ).toThrow(/"o" \(openai\) has no API key/);
    expect(() =>
      buildLlmPortFromConfig({ providers: [{ name: 'local', type: 'openai-compatible', model: 'm' }] }),
    ).toThrow(/needs a baseUrl/);
    expect(() =>
      buildLlmPortFromConfig({
        providers: [{ name: 'x', type: 'gemini' as 'openai', model: 'm', apiKey: 'k' }],
      }),
    ).toThrow(/providers\.0\.type/);
    expect(() =>
      buildLlmPortFromConfig({
        providers: [{ name: 'a', type: 'anthropic', model: 'm', apiKey: 'k' }],
        defaultProvider: 'b',
      }),
    ).toThrow(/"b" is not configured/);
  });
});
