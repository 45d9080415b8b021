import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * One scripted answer. `json` and `text` are wrapped in the envelope of the API that was called (with usage);
 * `delayMs` may accompany any reply (alone, it delays the default reply).
 */
export type FakeLlmReply = { delayMs?: number } & (
  | { json: unknown; usage?: FakeLlmUsage }
  | { text: string; usage?: FakeLlmUsage }
  /** An error status with the API's error body; `retryAfter` is sent as the `Retry-After` header as given. */
  | { status: number; retryAfter?: number | string; message?: string }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { hang: true }
  /** A 200 with a body that is not JSON. */
  | { malformed: true }
  | Record<never, never>
);

export interface FakeLlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export type FakeLlmApi = 'openai' | 'anthropic';

export interface FakeLlmRequest {
  /** 0-based order of arrival over both APIs. */
  index: number;
  api: FakeLlmApi;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (undefined when it did not parse). */
  body: Record<string, unknown> | undefined;
  /** Everything the model was shown (system and messages), joined: handy for asserting on prompts. */
  prompt: string;
}

export interface FakeLlmServerOptions {
  /** Replies used in order, one per call. */
  script?: FakeLlmReply[];
  /** Used once the script is exhausted. Defaults to `{ text: 'ok' }`. */
  defaultReply?: (req: FakeLlmRequest) => FakeLlmReply;
  /** Answer OpenAI `response_format: json_schema` with a 400, as some OpenAI-compatible servers do. */
  rejectJsonSchema?: boolean;
}

export interface FakeLlmServer {
  /** `http://127.0.0.1:<port>`; OpenAI clients use `${url}/v1` as their base URL, Anthropic clients `url`. */
  url: string;
  requests: FakeLlmRequest[];
  /** Appends replies to the script. */
  enqueue(...replies: FakeLlmReply[]): void;
  close(): Promise<void>;
}

const has = <K extends string>(reply: FakeLlmReply, key: K): reply is FakeLlmReply & Record<K, unknown> =>
  key in reply;

const estimate = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((b) => (typeof b?.text === 'string' ? b.text : JSON.stringify(b))).join('\n');
  }
  return content === undefined ? '' : JSON.stringify(content);
}

function promptOf(body: Record<string, unknown> | undefined): string {
  if (!body) return '';
  const parts: string[] = [];
  if (body.system !== undefined) parts.push(contentText(body.system));
  for (const m of (body.messages as { content?: unknown }[] | undefined) ?? [])
    parts.push(contentText(m.content));
  return parts.join('\n\n');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function errorBody(api: FakeLlmApi, status: number, message: string) {
  if (api === 'anthropic') {
    const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
    return { type: 'error', error: { type, message } };
  }
  const type =
    status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: null } };
}

function openAiEnvelope(req: FakeLlmRequest, content: string, usage: FakeLlmUsage) {
  return {
    id: `chatcmpl-fake-${req.index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: String(req.body?.model ?? 'fake-model'),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.outputTokens,
    },
  };
}

function anthropicEnvelope(
  req: FakeLlmRequest,
  reply: { json?: unknown; text?: string },
  usage: FakeLlmUsage,
) {
  const toolChoice = req.body?.tool_choice as { type?: string; name?: string } | undefined;
  const tools = (req.body?.tools as { name?: string }[] | undefined) ?? [];
  const toolName = toolChoice?.type === 'tool' ? toolChoice.name : tools[0]?.name;
  const useTool = 'json' in reply && toolName !== undefined;
  const content = useTool
    ? [{ type: 'tool_use', id: `toolu_fake_${req.index}`, name: toolName, input: reply.json }]
    : [{ type: 'text', text: 'json' in reply ? JSON.stringify(reply.json) : (reply.text ?? '') }];
  return {
    id: `msg_fake_${req.index}`,
    type: 'message',
    role: 'assistant',
    model: String(req.body?.model ?? 'fake-model'),
    content,
    stop_reason: useTool ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
}

/**
 * A local stand-in for the OpenAI Chat Completions and Anthropic Messages APIs, for tests: it answers from a
 * script (JSON, text, error statuses with Retry-After, delays, hangs, malformed bodies), records every
 * request, and listens on 127.0.0.1 only.
 */
export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const script = [...(options.script ?? [])];
  const defaultReply: (req: FakeLlmRequest) => FakeLlmReply =
    options.defaultReply ?? (() => ({ text: 'ok' }));
  const requests: FakeLlmRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const answer = (req: FakeLlmRequest, reply: FakeLlmReply, res: ServerResponse) => {
    if (has(reply, 'hang')) return;
    if (has(reply, 'malformed')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "broken", "choices": [ {');
      return;
    }
    if (has(reply, 'status')) {
      const status = reply.status as number;
      const headers: Record<string, string> = {};
      if (has(reply, 'retryAfter') && reply.retryAfter !== undefined)
        headers['retry-after'] = String(reply.retryAfter);
      const message = has(reply, 'message') ? String(reply.message) : `fake ${status}`;
      sendJson(res, status, errorBody(req.api, status, message), headers);
      return;
    }
    const resolved = reply as { json?: unknown; text?: string };
    const outText = 'json' in resolved ? JSON.stringify(resolved.json) : (resolved.text ?? '');
    const usage = (reply as { usage?: FakeLlmUsage }).usage ?? {
      inputTokens: estimate(req.prompt),
      outputTokens: estimate(outText),
    };
    sendJson(
      res,
      200,
      req.api === 'openai' ? openAiEnvelope(req, outText, usage) : anthropicEnvelope(req, resolved, usage),
    );
  };

  const server = createServer((httpReq: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    httpReq.on('data', (c: Buffer) => chunks.push(c));
    httpReq.on('end', () => {
      const path = (httpReq.url ?? '/').split('?')[0]!;
      const api: FakeLlmApi | undefined =
        path === '/v1/chat/completions' || path === '/chat/completions'
          ? 'openai'
          : path === '/v1/messages'
            ? 'anthropic'
            : undefined;
      if (httpReq.method !== 'POST' || !api) {
        sendJson(res, 404, { error: { message: `no route for ${httpReq.method} ${path}` } });
        return;
      }
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const req: FakeLlmRequest = {
        index: requests.length,
        api,
        method: httpReq.method,
        path,
        headers: { ...httpReq.headers },
        body,
        prompt: promptOf(body),
      };
      requests.push(req);
      // Refused before the script is read, so the scripted reply goes to the retry in JSON mode.
      if (
        options.rejectJsonSchema &&
        api === 'openai' &&
        (body?.response_format as { type?: string } | undefined)?.type === 'json_schema'
      ) {
        sendJson(res, 400, errorBody('openai', 400, "response_format type 'json_schema' is not supported"));
        return;
      }
      let reply = script.shift() ?? defaultReply(req);
      const bare = !['json', 'text', 'status', 'hang', 'malformed'].some((key) => key in reply);
      if (bare) reply = { ...defaultReply(req), delayMs: reply.delayMs };
      const delayMs = reply.delayMs ?? 0;
      if (delayMs <= 0) {
        answer(req, reply, res);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answer(req, reply, res);
      }, delayMs);
      timers.add(timer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => {
      script.push(...replies);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        // Hanging replies keep their sockets open; close() must not wait for them.
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
