import type Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import {
  computeCostUsd,
  estimateTokens,
  findModelPrice,
  LlmError,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
  type PriceTable,
} from '@dossier/core';
import { loadAnthropic } from '../libraries/load-anthropic.js';
import type { LlmFetch } from './create-chat-completions-provider.js';
import { mapLlmError } from './map-llm-error.js';
import { parseJsonReply, stripSchemaMarker } from './parse-json-reply.js';

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export interface AnthropicProviderOptions {
  apiKey: string;
  model: string;
  /** Without `/v1`: the SDK appends `/v1/messages`. */
  baseUrl?: string;
  /** The provider's name in the port and in the circuit-breaker registry; defaults to `anthropic`. */
  name?: string;
  prices?: PriceTable;
  now?: () => number;
  /** The HTTP client the SDK uses; the host passes one that goes through the SSRF guard. */
  fetch?: LlmFetch;
}

const toolName = (req: LlmRequest) =>
  (req.schemaName ?? 'respond').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);

/**
 * Anthropic Messages. Structured output goes through tool use: the schema is the input schema of one tool
 * and `tool_choice` forces the model to call it, so the reply arrives as the tool's parsed input.
 */
export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  const name = options.name ?? 'anthropic';
  const price = options.prices
    ? findModelPrice(options.model, options.prices)
    : findModelPrice(options.model);
  // The SDK is loaded and the client built on the first call: creating a provider costs no SDK. Whatever that
  // first call throws goes through mapLlmError.
  let client: Promise<Anthropic> | undefined;
  const getClient = (): Promise<Anthropic> => {
    client ??= loadAnthropic().then(
      // Explicit key and base URL: the SDK would otherwise look at ANTHROPIC_* variables and profile files.
      (AnthropicClient) =>
        new AnthropicClient({
          apiKey: options.apiKey,
          baseURL: options.baseUrl ?? ANTHROPIC_BASE_URL,
          webhookKey: null,
          maxRetries: 0,
          timeout: 30_000,
          logLevel: 'off',
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
    );
    return client;
  };

  const complete = async (req: LlmRequest): Promise<LlmResponse> => {
    const tool = req.jsonSchema ? toolName(req) : undefined;
    const body: MessageCreateParamsNonStreaming = {
      model: options.model,
      system: req.system,
      messages: req.messages,
      max_tokens: req.maxOutputTokens,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    };
    if (req.jsonSchema && tool) {
      body.tools = [
        {
          name: tool,
          description: 'Return the answer as this tool call; its input is the whole answer.',
          input_schema: { type: 'object', ...stripSchemaMarker(req.jsonSchema) },
        },
      ];
      body.tool_choice = { type: 'tool', name: tool, disable_parallel_tool_use: true };
    }

    let message: Message;
    try {
      const anthropic = await getClient();
      message = await anthropic.messages.create(body, {
        timeout: req.timeoutMs,
        maxRetries: 0,
        ...(req.signal ? { signal: req.signal } : {}),
      });
    } catch (error) {
      throw mapLlmError(error, {
        provider: name,
        signal: req.signal,
        ...(options.now ? { now: options.now } : {}),
      });
    }

    if (message.stop_reason === 'max_tokens') {
      throw new LlmError('bad-response', `${name}: the reply was cut at the output token limit`);
    }
    if (!Array.isArray(message.content))
      throw new LlmError('bad-response', `${name}: the reply has no content`);
    const text = message.content
      .flatMap((block) => (block.type === 'text' ? [block.text] : []))
      .join('')
      .trim();
    let json: unknown;
    if (req.jsonSchema) {
      const toolUse = message.content.find((block) => block.type === 'tool_use' && block.name === tool);
      // A model that answered in plain JSON text instead of the tool is still an answer.
      json = toolUse && toolUse.type === 'tool_use' ? toolUse.input : parseJsonReply(text, name);
    }
    const inputTokens = message.usage?.input_tokens ?? estimateTokens(req.system);
    const outputTokens = message.usage?.output_tokens ?? estimateTokens(text || JSON.stringify(json ?? ''));
    return {
      text: text || (json !== undefined ? JSON.stringify(json) : ''),
      ...(req.jsonSchema ? { json } : {}),
      usage: {
        inputTokens,
        outputTokens,
        costUsd: computeCostUsd(options.model, inputTokens, outputTokens, price),
      },
      model: message.model || options.model,
      provider: name,
    };
  };

  return { name, model: options.model, complete, estimateTokens };
}
