import type OpenAI from 'openai';

export type OpenAiClass = typeof OpenAI;

let loading: Promise<OpenAiClass> | undefined;

/**
 * The OpenAI SDK's client class, loaded once on first use: about 36 MB that a process never calling an
 * OpenAI-compatible model (the API serving lists, a template-only setup) should not pay.
 */
export function loadOpenAi(): Promise<OpenAiClass> {
  loading ??= import('openai').then((mod) => mod.default);
  return loading;
}
