import {
  type CircuitBreakerOptions,
  type CircuitBreakerRegistry,
  type CreatedLlmPort,
  createLlmPort,
  type LlmCallEvent,
  LlmError,
  type LlmProvider,
  type PriceTable,
  type RetryOptions,
} from '@dossier/core';
import { z } from 'zod';
import { loadAnthropic } from '../libraries/load-anthropic.js';
import { loadOpenAi } from '../libraries/load-openai.js';
import { createAnthropicProvider } from './create-anthropic-provider.js';
import type { LlmFetch } from './create-chat-completions-provider.js';
import { createOpenAiCompatibleProvider, createOpenAiProvider } from './create-openai-provider.js';

export const LLM_PROVIDER_TYPES = ['openai', 'anthropic', 'openai-compatible'] as const;

/** One configured provider. The host fills `apiKey` from its own configuration (env); plugins never read it. */
export const ZLlmProviderConfig = z.strictObject({
  name: z.string().min(1),
  type: z.enum(LLM_PROVIDER_TYPES),
  model: z.string().min(1),
  baseUrl: z.url().optional(),
  apiKey: z.string().min(1).optional(),
  organization: z.string().min(1).optional(),
});
export type TLlmProviderConfig = z.infer<typeof ZLlmProviderConfig>;

export interface BuildLlmPortConfig {
  providers: TLlmProviderConfig[];
  /** Which provider plugins get when they ask for none; the first by default. */
  defaultProvider?: string;
  /** Tokens one generation may spend (prompt + maximum output, checked before each call). */
  budgetTokens?: number;
  userId?: string;
  /** The host's daily ledger: tokens the user may still spend today. */
  userDailyRemaining?: (userId: string) => Promise<number>;
  /** Overrides of the price table (USD per 1M tokens) for hosted models. */
  prices?: PriceTable;
  breaker?: CircuitBreakerOptions;
  /** Defaults to core's process-wide registry. */
  breakers?: CircuitBreakerRegistry;
  retry?: Omit<RetryOptions, 'signal'>;
  onCall?: (event: LlmCallEvent) => void;
  /** The HTTP client every provider's SDK uses: the host passes its SSRF-guarded fetch. */
  fetch?: LlmFetch;
}

function buildProvider(
  config: TLlmProviderConfig,
  prices: PriceTable | undefined,
  fetch: LlmFetch | undefined,
): LlmProvider {
  const viaFetch = fetch ? { fetch } : {};
  const needKey = (type: string): string => {
    if (!config.apiKey)
      throw new LlmError('config', `LLM provider "${config.name}" (${type}) has no API key`);
    return config.apiKey;
  };
  switch (config.type) {
    case 'openai':
      return createOpenAiProvider({
        name: config.name,
        apiKey: needKey('openai'),
        model: config.model,
        ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
        ...(config.organization ? { organization: config.organization } : {}),
        ...(prices ? { prices } : {}),
        ...viaFetch,
      });
    case 'anthropic':
      return createAnthropicProvider({
        name: config.name,
        apiKey: needKey('anthropic'),
        model: config.model,
        ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
        ...(prices ? { prices } : {}),
        ...viaFetch,
      });
    case 'openai-compatible': {
      if (!config.baseUrl) {
        throw new LlmError('config', `LLM provider "${config.name}" (openai-compatible) needs a baseUrl`);
      }
      const price = prices?.[config.model];
      return createOpenAiCompatibleProvider({
        name: config.name,
        baseUrl: config.baseUrl,
        model: config.model,
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
        ...(price ? { price } : {}),
        ...viaFetch,
      });
    }
  }
}

/**
 * The LLM port for one generation, from the host's configuration: providers with their SDKs, the shared
 * circuit breakers, retries within a deadline, and the token budget. Throws `LlmError('config')` naming the
 * provider when one is misconfigured (unknown type, missing key or base URL, duplicate name).
 */
export function buildLlmPortFromConfig(config: BuildLlmPortConfig): CreatedLlmPort {
  const parsed = z.array(ZLlmProviderConfig).safeParse(config.providers);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LlmError(
      'config',
      `invalid LLM provider config at providers.${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const names = new Set<string>();
  for (const p of parsed.data) {
    if (names.has(p.name)) throw new LlmError('config', `two LLM providers are named "${p.name}"`);
    names.add(p.name);
  }
  if (config.defaultProvider !== undefined && !names.has(config.defaultProvider)) {
    throw new LlmError('config', `the default LLM provider "${config.defaultProvider}" is not configured`);
  }
  return createLlmPort({
    providers: parsed.data.map((p) => buildProvider(p, config.prices, config.fetch)),
    ...(config.defaultProvider ? { defaultProvider: config.defaultProvider } : {}),
    budget: {
      ...(config.budgetTokens !== undefined ? { generationTokens: config.budgetTokens } : {}),
      ...(config.userId !== undefined ? { userId: config.userId } : {}),
      ...(config.userDailyRemaining ? { userDailyRemaining: config.userDailyRemaining } : {}),
    },
    ...(config.breaker ? { breaker: config.breaker } : {}),
    ...(config.breakers ? { breakers: config.breakers } : {}),
    ...(config.retry ? { retry: config.retry } : {}),
    ...(config.onCall ? { onCall: config.onCall } : {}),
  });
}

/**
 * Loads the SDKs the configured providers use (OpenAI's for `openai` and `openai-compatible`, Anthropic's for
 * `anthropic`) without building a client or calling a model: a worker does it while warming up, so its first
 * model-backed generation does not pay for the import (about half a second of CPU each on the reference
 * machine).
 */
export async function preloadLlmSdks(
  providers: ReadonlyArray<Pick<TLlmProviderConfig, 'type'>>,
): Promise<void> {
  const types = new Set(providers.map((p) => p.type));
  await Promise.all([
    types.has('anthropic') ? loadAnthropic() : undefined,
    types.has('openai') || types.has('openai-compatible') ? loadOpenAi() : undefined,
  ]);
}
