import type { AnyPlugin } from '@dossier/core/plugins';
import { llmCoverLetterGenerator } from './llm-cover-letter-generator.js';
import { llmCvGenerator } from './llm-cv-generator.js';

export {
  createLlmGenerator,
  type TLlmGeneratorOptions,
  ZLlmGeneratorOptions,
} from './create-llm-generator.js';
export { llmCoverLetterGenerator, llmCvGenerator };

/** The LLM generators: `llm-cv` and `llm-cover-letter`. */
export const llmGeneratorPlugins: AnyPlugin[] = [llmCvGenerator, llmCoverLetterGenerator];
