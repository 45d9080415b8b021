import type OpenAI from 'openai';
import { once } from './once.js';

export type OpenAiClass = typeof OpenAI;

/**
 * The OpenAI SDK's client class, loaded once on first use: about 36 MB that a process never calling an
 * OpenAI-compatible model (the API serving lists, a template-only setup) should not pay.
 */
export const loadOpenAi: () => Promise<OpenAiClass> = once(() => import('openai').then((mod) => mod.default));
