import { createLlmGenerator } from './create-llm-generator.js';
import { loadPrompt } from './load-prompt.js';

/** Tailored cover letters from a language model, every claim checked against the artifacts it cites. */
export const llmCoverLetterGenerator = createLlmGenerator({
  name: 'llm-cover-letter',
  version: '1.0.0',
  description:
    'Writes a tailored cover letter with the configured LLM; falls back to the template when it cannot.',
  kind: 'cover-letter',
  loadPrompt: () => loadPrompt(new URL('../../../prompts/cover-letter.v1.md', import.meta.url)),
  defaults: { maxOutputTokens: 1_200, temperature: 0.4, timeoutMs: 15_000, maxAttempts: 3 },
});
