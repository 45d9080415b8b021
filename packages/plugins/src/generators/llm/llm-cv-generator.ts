import { createLlmGenerator } from './create-llm-generator.js';
import { loadPrompt } from './load-prompt.js';

/** Tailored CVs from a language model, every claim checked against the artifacts it cites. */
export const llmCvGenerator = createLlmGenerator({
  name: 'llm-cv',
  version: '1.0.0',
  description: 'Writes a tailored CV with the configured LLM; falls back to the template when it cannot.',
  kind: 'cv',
  loadPrompt: () => loadPrompt(new URL('../../../prompts/cv.v1.md', import.meta.url)),
  defaults: { maxOutputTokens: 2_000, temperature: 0.3, timeoutMs: 30_000, maxAttempts: 3 },
});
