import type { AnyPlugin } from '@dossier/core';
import { createTemplateCoverLetterGenerator } from './create-template-cover-letter-generator.js';
import { createTemplateCvGenerator } from './create-template-cv-generator.js';

export {
  createTemplateCoverLetterGenerator,
  type TemplateCoverLetterOptions,
} from './create-template-cover-letter-generator.js';
export { createTemplateCvGenerator, type TemplateCvOptions } from './create-template-cv-generator.js';
export { createTemplateError, type TemplateError, type TemplateErrorCode } from './create-template-error.js';

/** The deterministic generators: `template-cv` and `template-cover-letter`, the end of every fallback chain. */
export const templateGeneratorPlugins: AnyPlugin[] = [
  createTemplateCvGenerator(),
  createTemplateCoverLetterGenerator(),
];
