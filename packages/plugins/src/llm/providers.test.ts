import { LlmError, type LlmRequest } from '@dossier/core';
import { type FakeLlmServer, type FakeLlmServerOptions, startFakeLlmServer } from '@dossier/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from './create-anthropic-provider.js';
import { createOpenAiCompatibleProvider, createOpenAiProvider } from './create-openai-provider.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function start(options: FakeLlmServerOptions = {}) {
  server = await startFakeLlmServer(options);
  return server;
}

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { summary: { type: 'string' } },
  required: ['summary'],
  additionalProperties: false,
};

const request = (overrides: Partial<LlmRequest> = {}): LlmRequest => ({
  system: 'You write CV summaries.',
  messages: [{ role: 'user', content: 'Summarise: backend engineer, Go and PostgreSQL.' }],
  jsonSchema: schema,
  schemaName: 'cv summary',
  maxOutputTokens: 300,
  temperature: 0.2,
  timeoutMs: 2_000,
  ...overrides,
});

const openai = (s: FakeLlmServer, model = 'gpt-4o-mini') =>
  createOpenAiProvider({ apiKey: 'sk-test', model, baseUrl: `${s.url}/v1` });
const anthropic = (s: FakeLlmServer, model = 'claude-haiku-4-5') =>
  createAnthropicProvider({ apiKey: 'sk-ant-test', model, baseUrl: s.url });

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe('createOpenAiProvider', () => {
  it('asks for strict JSON-schema output and returns the parsed reply with usage and cost', async () => {
    const s = await start({
      script: [{ json: { summary: 'Go dev' }, usage: { inputTokens: 2_000, outputTokens: 500 } }],
    });
    const res = await openai(s).complete(request());
    expect(res.json).toEqual({ summary: 'Go dev' });
    expect(res.provider).toBe('openai');
    // gpt-4o-mini: 2,000 × $0.15/M + 500 × $0.60/M.
    expect(res.usage).toEqual({ inputTokens: 2_000, outputTokens: 500, costUsd: 0.0006 });
    const body = s.requests[0]!.body!;
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.max_completion_tokens).toBe(300);
    expect(body.temperature).toBe(0.2);
    expect(body.messages).toEqual([
      { role: 'system', content: 'You write CV summaries.' },
      { role: 'user', content: 'Summarise: backend engineer, Go and PostgreSQL.' },
    ]);
    const { $schema: _drop, ...sent } = schema;
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'cv_summary', schema: sent, strict: true },
    });
    expect(s.requests[0]!.headers.authorization).toBe('Bearer sk-test');
  });

  it('makes exactly one attempt per call: SDK retries are off', async () => {
    const s = await start({ script: [{ status: 500 }, { json: { summary: 'never reached' } }] });
    expect((await failure(openai(s).complete(request()))).kind).toBe('server-error');
    expect(s.requests).toHaveLength(1);
  });

  it('maps 429 with Retry-After in seconds or as an HTTP date', async () => {
    const at = Date.parse('2026-01-01T00:00:10Z');
    const s = await start({
      script: [
        { status: 429, retryAfter: 2 },
        { status: 429, retryAfter: new Date(at + 5_000).toUTCString() },
      ],
    });
    const provider = createOpenAiProvider({
      apiKey: 'k',
      model: 'gpt-4o',
      baseUrl: `${s.url}/v1`,
      now: () => at,
    });
    const seconds = await failure(provider.complete(request()));
    expect([seconds.kind, seconds.retryAfterMs]).toEqual(['rate-limited', 2_000]);
    const date = await failure(provider.complete(request()));
    expect([date.kind, date.retryAfterMs]).toEqual(['rate-limited', 5_000]);
  });

  it('times out a hanging server at the per-call timeout', async () => {
    const s = await start({ script: [{ hang: true }] });
    const started = performance.now();
    const error = await failure(openai(s).complete(request({ timeoutMs: 150 })));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('reports a malformed body and a non-JSON answer as bad responses', async () => {
    const s = await start({ script: [{ malformed: true }, { text: 'Sure! Here is your CV.' }] });
    expect((await failure(openai(s).complete(request()))).kind).toBe('bad-response');
    expect((await failure(openai(s).complete(request()))).kind).toBe('bad-response');
  });

  it('maps a cancelled call to aborted, a rejected key to config, and a dead server to server-error', async () => {
    const s = await start({
      script: [
        { delayMs: 1_000, json: {} },
        { status: 401, message: 'bad key' },
      ],
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    expect((await failure(openai(s).complete(request({ signal: controller.signal })))).kind).toBe('aborted');
    expect((await failure(openai(s).complete(request()))).kind).toBe('config');
    // A port nothing listens on (a server started and closed before any connection).
    const closed = await startFakeLlmServer();
    const deadUrl = closed.url;
    await closed.close();
    const dead = createOpenAiProvider({ apiKey: 'k', model: 'gpt-4o', baseUrl: `${deadUrl}/v1` });
    expect((await failure(dead.complete(request()))).kind).toBe('server-error');
  });

  it('returns plain text when no schema was asked for', async () => {
    const s = await start({ script: [{ text: 'Hello' }] });
    const res = await openai(s).complete(request({ jsonSchema: undefined }));
    expect(res.text).toBe('Hello');
    expect(res.json).toBeUndefined();
    expect(s.requests[0]!.body!.response_format).toBeUndefined();
  });
});

describe('createOpenAiCompatibleProvider', () => {
  it('talks to a local base URL at zero cost, with max_tokens', async () => {
    const s = await start({
      script: [{ json: { summary: 'local' }, usage: { inputTokens: 900, outputTokens: 100 } }],
    });
    const provider = createOpenAiCompatibleProvider({ baseUrl: `${s.url}/v1`, model: 'llama3.1:8b' });
    const res = await provider.complete(request());
    expect(res.json).toEqual({ summary: 'local' });
    expect(res.usage).toEqual({ inputTokens: 900, outputTokens: 100, costUsd: 0 });
    expect(s.requests[0]!.body!.max_tokens).toBe(300);
    expect(s.requests[0]!.body!.model).toBe('llama3.1:8b');
  });

  it('falls back to JSON mode with the schema in the prompt when json_schema is rejected, and remembers', async () => {
    const s = await start({
      rejectJsonSchema: true,
      script: [{ text: '```json\n{"summary":"fenced"}\n```' }, { json: { summary: 'second' } }],
    });
    const provider = createOpenAiCompatibleProvider({ baseUrl: `${s.url}/v1`, model: 'qwen2.5' });
    expect((await provider.complete(request())).json).toEqual({ summary: 'fenced' });
    expect(s.requests.map((r) => (r.body!.response_format as { type: string }).type)).toEqual([
      'json_schema',
      'json_object',
    ]);
    expect(s.requests[1]!.prompt).toContain('"required":["summary"]');
    expect((await provider.complete(request())).json).toEqual({ summary: 'second' });
    expect(s.requests).toHaveLength(3);
    expect((s.requests[2]!.body!.response_format as { type: string }).type).toBe('json_object');
  });
});

describe('createAnthropicProvider', () => {
  it('forces a tool whose input schema is the requested schema, and reads its input', async () => {
    const s = await start({
      script: [{ json: { summary: 'tool' }, usage: { inputTokens: 1_000, outputTokens: 200 } }],
    });
    const res = await anthropic(s).complete(request());
    expect(res.json).toEqual({ summary: 'tool' });
    // claude-haiku-4-5: 1,000 × $1/M + 200 × $5/M.
    expect(res.usage).toEqual({ inputTokens: 1_000, outputTokens: 200, costUsd: 0.002 });
    const body = s.requests[0]!.body!;
    expect(body.system).toBe('You write CV summaries.');
    expect(body.max_tokens).toBe(300);
    const { $schema: _drop, ...sent } = schema;
    expect(body.tools).toEqual([expect.objectContaining({ name: 'cv_summary', input_schema: sent })]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'cv_summary', disable_parallel_tool_use: true });
  });

  it('accepts plain JSON text when the model did not use the tool', async () => {
    const s = await start({ script: [{ text: '{"summary":"text"}' }] });
    expect((await anthropic(s).complete(request())).json).toEqual({ summary: 'text' });
  });

  it('maps errors like the OpenAI provider', async () => {
    const s = await start({
      script: [{ status: 429, retryAfter: 1 }, { status: 529 }, { hang: true }, { malformed: true }],
    });
    const p = anthropic(s);
    const limited = await failure(p.complete(request()));
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate-limited', 1_000]);
    expect((await failure(p.complete(request()))).kind).toBe('server-error');
    expect((await failure(p.complete(request({ timeoutMs: 100 })))).kind).toBe('timeout');
    expect((await failure(p.complete(request()))).kind).toBe('bad-response');
    expect(s.requests).toHaveLength(4);
  });
});
