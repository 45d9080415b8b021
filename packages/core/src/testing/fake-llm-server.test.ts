import { afterEach, describe, expect, it } from 'vitest';
import { type FakeLlmServer, type FakeLlmServerOptions, startFakeLlmServer } from './fake-llm-server.js';

let server: FakeLlmServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeLlmServerOptions) {
  server = await startFakeLlmServer(options);
  return server;
}

const openAiBody = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You write CVs.' },
    { role: 'user', content: 'Job: Backend engineer' },
  ],
  response_format: { type: 'json_schema', json_schema: { name: 'cv', schema: { type: 'object' } } },
};

const anthropicBody = {
  model: 'claude-haiku-4-5',
  system: 'You write CVs.',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'Job: Backend engineer' }],
  tools: [{ name: 'cv', input_schema: { type: 'object' } }],
  tool_choice: { type: 'tool', name: 'cv' },
};

// biome-ignore lint/suspicious/noExplicitAny: the tests read wire envelopes of two APIs
type Wire = any;
const read = async (res: Response): Promise<Wire> => res.json();

const post = (url: string, body: unknown, signal?: AbortSignal) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });

describe('startFakeLlmServer', () => {
  it('listens on 127.0.0.1 and answers OpenAI chat completions with the scripted JSON', async () => {
    const s = await start({
      script: [{ json: { summary: 'hi' }, usage: { inputTokens: 12, outputTokens: 3 } }],
    });
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await post(`${s.url}/v1/chat/completions`, openAiBody);
    expect(res.status).toBe(200);
    const body = await read(res);
    expect(JSON.parse(body.choices[0].message.content)).toEqual({ summary: 'hi' });
    expect(body.choices[0].finish_reason).toBe('stop');
    expect(body.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    expect(body.model).toBe('gpt-4o-mini');
  });

  it('answers Anthropic messages with a forced tool use, or with JSON text when no tool was offered', async () => {
    const s = await start({ script: [{ json: { a: 1 } }, { json: { b: 2 } }, { text: 'plain' }] });
    const tool = await read(await post(`${s.url}/v1/messages`, anthropicBody));
    expect(tool.content).toEqual([{ type: 'tool_use', id: 'toolu_fake_0', name: 'cv', input: { a: 1 } }]);
    expect(tool.stop_reason).toBe('tool_use');
    expect(tool.usage.input_tokens).toBeGreaterThan(0);
    const noTools = { ...anthropicBody, tools: undefined, tool_choice: undefined };
    const text = await read(await post(`${s.url}/v1/messages`, noTools));
    expect(text.content).toEqual([{ type: 'text', text: '{"b":2}' }]);
    const plain = await read(await post(`${s.url}/v1/messages`, noTools));
    expect(plain.content[0].text).toBe('plain');
  });

  it("sends error statuses in each API's error shape, with Retry-After as given", async () => {
    const s = await start({ script: [{ status: 429, retryAfter: 1 }, { status: 500 }] });
    const limited = await post(`${s.url}/v1/chat/completions`, openAiBody);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await read(limited)).error.type).toBe('rate_limit_exceeded');
    const failed = await post(`${s.url}/v1/messages`, anthropicBody);
    expect(failed.status).toBe(500);
    expect(await read(failed)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('delays replies, and a bare delay delays the default reply', async () => {
    const s = await start({ script: [{ delayMs: 60 }], defaultReply: () => ({ text: 'later' }) });
    const started = performance.now();
    const body = await read(await post(`${s.url}/v1/chat/completions`, openAiBody));
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(body.choices[0].message.content).toBe('later');
  });

  it('hangs until the client gives up, and close() does not wait for hanging sockets', async () => {
    const s = await start({ script: [{ hang: true }, { hang: true }] });
    await expect(post(`${s.url}/v1/chat/completions`, openAiBody, AbortSignal.timeout(50))).rejects.toThrow();
    const pending = post(`${s.url}/v1/messages`, anthropicBody).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    await s.close();
    server = undefined;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('sends a malformed JSON body', async () => {
    const s = await start({ script: [{ malformed: true }] });
    const res = await post(`${s.url}/v1/chat/completions`, openAiBody);
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('uses the default reply function once the script is exhausted, and accepts more replies later', async () => {
    const s = await start({ defaultReply: (req) => ({ json: { echo: req.api } }) });
    const first = await read(await post(`${s.url}/v1/chat/completions`, openAiBody));
    expect(JSON.parse(first.choices[0].message.content)).toEqual({ echo: 'openai' });
    s.enqueue({ text: 'queued' });
    const second = await read(await post(`${s.url}/v1/chat/completions`, openAiBody));
    expect(second.choices[0].message.content).toBe('queued');
  });

  it('records every request with its parsed body and prompt text', async () => {
    const s = await start({});
    await post(`${s.url}/v1/chat/completions`, openAiBody);
    await post(`${s.url}/v1/messages`, anthropicBody);
    expect(s.requests.map((r) => [r.index, r.api, r.path])).toEqual([
      [0, 'openai', '/v1/chat/completions'],
      [1, 'anthropic', '/v1/messages'],
    ]);
    expect(s.requests[0]!.body?.model).toBe('gpt-4o-mini');
    expect(s.requests[1]!.prompt).toBe('You write CVs.\n\nJob: Backend engineer');
    expect(s.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('can reject json_schema response formats like a limited OpenAI-compatible server', async () => {
    const s = await start({ rejectJsonSchema: true, defaultReply: () => ({ json: { ok: true } }) });
    expect((await post(`${s.url}/v1/chat/completions`, openAiBody)).status).toBe(400);
    const fallback = { ...openAiBody, response_format: { type: 'json_object' } };
    expect((await post(`${s.url}/v1/chat/completions`, fallback)).status).toBe(200);
  });

  it('answers 404 for other routes', async () => {
    const s = await start({});
    expect((await fetch(`${s.url}/v1/models`)).status).toBe(404);
    expect(s.requests).toHaveLength(0);
  });
});
