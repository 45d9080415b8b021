import {
  computeCostUsd,
  estimatePromptTokens,
  estimateTokens,
  LlmError,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
  type ModelPrice,
} from '@dossier/core';
import type OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import { loadOpenAi } from '../libraries/load-openai.js';
import { mapLlmError } from './map-llm-error.js';
import { isStrictCompatible, parseJsonReply, stripSchemaMarker } from './parse-json-reply.js';

export interface ChatCompletionsProviderOptions {
  name: string;
  model: string;
  apiKey: string;
  baseUrl: string;
  organization?: string | undefined;
  price: ModelPrice;
  /** Hosted OpenAI takes `max_completion_tokens`; older compatible servers only know `max_tokens`. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** On a 400 to `json_schema`, retry once in `json_object` mode with the schema in the prompt. */
  jsonObjectFallback: boolean;
  now?: () => number;
  /** The HTTP client the SDK uses; the host passes one that goes through the SSRF guard. */
  fetch?: LlmFetch;
}

/** The WHATWG fetch signature both SDKs accept as their `fetch` option. */
export type LlmFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const schemaName = (req: LlmRequest) =>
  (req.schemaName ?? 'response').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);

function schemaInstruction(schema: Record<string, unknown>): string {
  return (
    '\n\nReply with one JSON object only (no prose, no Markdown fence) that validates against this JSON ' +
    `Schema:\n${JSON.stringify(stripSchemaMarker(schema))}`
  );
}

/** The OpenAI Chat Completions API through the official SDK, shared by OpenAI and compatible servers. */
export function createChatCompletionsProvider(options: ChatCompletionsProviderOptions): LlmProvider {
  // The SDK is loaded and the client built on the first call: creating a provider (every process that reads
  // the LLM configuration does) costs no SDK. Whatever that first call throws goes through mapLlmError.
  let client: Promise<OpenAI> | undefined;
  const getClient = (): Promise<OpenAI> => {
    client ??= loadOpenAi().then(
      // Every setting is explicit so the SDK never falls back to OPENAI_* environment variables.
      (OpenAiClient) =>
        new OpenAiClient({
          apiKey: options.apiKey,
          baseURL: options.baseUrl,
          organization: options.organization ?? null,
          project: null,
          adminAPIKey: null,
          webhookSecret: null,
          maxRetries: 0,
          timeout: 30_000,
          logLevel: 'off',
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
    );
    return client;
  };
  // A server that refused json_schema once will refuse it again: go straight to JSON mode afterwards.
  let jsonSchemaRefused = false;

  const call = async (
    req: LlmRequest,
    mode: 'json_schema' | 'json_object' | 'text',
  ): Promise<ChatCompletion> => {
    const system =
      mode === 'json_object' && req.jsonSchema ? req.system + schemaInstruction(req.jsonSchema) : req.system;
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: options.model,
      messages: [{ role: 'system', content: system }, ...req.messages],
      [options.maxTokensField]: req.maxOutputTokens,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    };
    if (mode === 'json_schema' && req.jsonSchema) {
      body.response_format = {
        type: 'json_schema',
        json_schema: {
          name: schemaName(req),
          schema: stripSchemaMarker(req.jsonSchema),
          strict: isStrictCompatible(req.jsonSchema),
        },
      };
    } else if (mode === 'json_object') {
      body.response_format = { type: 'json_object' };
    }
    const openai = await getClient();
    // Retries are the port's (budget, breaker, deadline): the SDK must make exactly one attempt.
    return openai.chat.completions.create(body, {
      timeout: req.timeoutMs,
      maxRetries: 0,
      ...(req.signal ? { signal: req.signal } : {}),
    });
  };

  const complete = async (req: LlmRequest): Promise<LlmResponse> => {
    let completion: ChatCompletion;
    try {
      if (!req.jsonSchema) completion = await call(req, 'text');
      else if (jsonSchemaRefused) completion = await call(req, 'json_object');
      else {
        try {
          completion = await call(req, 'json_schema');
        } catch (error) {
          const status = (error as { status?: unknown }).status;
          if (!options.jsonObjectFallback || (status !== 400 && status !== 422)) throw error;
          completion = await call(req, 'json_object');
          // Only once JSON mode worked do we know the 400 was about json_schema and not the request itself.
          jsonSchemaRefused = true;
        }
      }
    } catch (error) {
      throw mapLlmError(error, {
        provider: options.name,
        signal: req.signal,
        ...(options.now ? { now: options.now } : {}),
      });
    }

    const choice = completion.choices?.[0];
    if (!choice?.message) throw new LlmError('bad-response', `${options.name}: the reply has no message`);
    if (choice.message.refusal) {
      throw new LlmError('bad-response', `${options.name}: the model refused: ${choice.message.refusal}`);
    }
    if (choice.finish_reason === 'length') {
      throw new LlmError('bad-response', `${options.name}: the reply was cut at the output token limit`);
    }
    const text = choice.message.content ?? '';
    const inputTokens = completion.usage?.prompt_tokens ?? estimatePromptTokens(req);
    const outputTokens = completion.usage?.completion_tokens ?? estimateTokens(text);
    return {
      text,
      ...(req.jsonSchema ? { json: parseJsonReply(text, options.name) } : {}),
      usage: {
        inputTokens,
        outputTokens,
        costUsd: computeCostUsd(options.model, inputTokens, outputTokens, options.price),
      },
      model: completion.model || options.model,
      provider: options.name,
    };
  };

  return { name: options.name, model: options.model, complete, estimateTokens };
}
