import {
  findModelPrice,
  type LlmProvider,
  type ModelPrice,
  type PriceTable,
  ZERO_PRICE,
} from '@dossier/core';
import { createChatCompletionsProvider, type LlmFetch } from './create-chat-completions-provider.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAiProviderOptions {
  apiKey: string;
  model: string;
  /** Defaults to the public API; point it at a proxy or a test server. */
  baseUrl?: string;
  organization?: string;
  /** The provider's name in the port and in the circuit-breaker registry; defaults to `openai`. */
  name?: string;
  /** Overrides the built-in price table (USD per 1M tokens). */
  prices?: PriceTable;
  now?: () => number;
  /** The HTTP client the SDK uses; the host passes one that goes through the SSRF guard. */
  fetch?: LlmFetch;
}

/** OpenAI Chat Completions with strict JSON-schema structured output. */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  return createChatCompletionsProvider({
    name: options.name ?? 'openai',
    model: options.model,
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? OPENAI_BASE_URL,
    organization: options.organization,
    price: options.prices ? findModelPrice(options.model, options.prices) : findModelPrice(options.model),
    maxTokensField: 'max_completion_tokens',
    jsonObjectFallback: false,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export interface OpenAiCompatibleProviderOptions {
  /** The server's OpenAI-style base URL, e.g. `http://127.0.0.1:11434/v1` for Ollama. */
  baseUrl: string;
  model: string;
  /** Most local servers ignore it; some proxies (vLLM with `--api-key`, LiteLLM) require one. */
  apiKey?: string;
  name?: string;
  /** Local servers cost nothing by default; a hosted compatible API can set its price here. */
  price?: ModelPrice;
  now?: () => number;
  /** The HTTP client the SDK uses; the host passes one that goes through the SSRF guard. */
  fetch?: LlmFetch;
}

/**
 * Ollama, LM Studio, vLLM and other OpenAI-compatible servers. Tries JSON-schema output first and, when the
 * server rejects it, falls back to JSON mode with the schema written into the system prompt.
 */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleProviderOptions): LlmProvider {
  return createChatCompletionsProvider({
    name: options.name ?? 'openai-compatible',
    model: options.model,
    // The SDK insists on a key; local servers accept any.
    apiKey: options.apiKey ?? 'not-needed',
    baseUrl: options.baseUrl,
    price: options.price ?? ZERO_PRICE,
    maxTokensField: 'max_tokens',
    jsonObjectFallback: true,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
