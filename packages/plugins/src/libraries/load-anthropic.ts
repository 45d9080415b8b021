import type Anthropic from '@anthropic-ai/sdk';

export type AnthropicClass = typeof Anthropic;

let loading: Promise<AnthropicClass> | undefined;

/** The Anthropic SDK's client class, loaded once on first use: about 27 MB that only a Claude call needs. */
export function loadAnthropic(): Promise<AnthropicClass> {
  loading ??= import('@anthropic-ai/sdk').then((mod) => mod.default);
  return loading;
}
