import type { AnyPlugin } from '@dossier/core';
import { atsCheckerPlugins } from './ats/index.js';
import { exporterPlugins } from './exporters/index.js';
import { llmGeneratorPlugins } from './generators/llm/index.js';
import { templateGeneratorPlugins } from './generators/template/index.js';
import { matcherPlugins } from './matchers/index.js';
import { parserPlugins } from './parsers/index.js';
import { evidenceValidatorPlugins } from './validators/index.js';

export * from './ats/index.js';
export * from './exporters/index.js';
export * from './generators/llm/index.js';
export * from './generators/template/index.js';
export * from './llm/index.js';
export * from './matchers/index.js';
export * from './parsers/index.js';
export * from './validators/index.js';

/** Every built-in plugin, by stage; `dossier.config.json` refers to them by name. */
export const BUILTIN_PLUGINS: AnyPlugin[] = [
  ...parserPlugins,
  ...matcherPlugins,
  ...llmGeneratorPlugins,
  ...templateGeneratorPlugins,
  ...atsCheckerPlugins,
  ...exporterPlugins,
  ...evidenceValidatorPlugins,
];
