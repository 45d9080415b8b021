import type Anthropic from '@anthropic-ai/sdk';
import { once } from './once.js';

export type AnthropicClass = typeof Anthropic;

/** The Anthropic SDK's client class, loaded once on first use: about 27 MB that only a Claude call needs. */
export const loadAnthropic: () => Promise<AnthropicClass> = once(() =>
  import('@anthropic-ai/sdk').then((mod) => mod.default),
);
