import { definePlugin, type PluginDefinition } from '@dossier/core';
import { buildLetterContent } from './build-letter-content.js';
import { createTemplateContext, finishGrounded } from './create-template-context.js';
import { createTemplateError } from './create-template-error.js';

export interface TemplateCoverLetterOptions {
  maxLinksPerParagraph?: number;
  showBrokenEvidence?: boolean;
}

/**
 * The deterministic cover-letter generator: tones change the wording and length (concise stays under 200
 * words), never the facts, which come from the one artifact each body paragraph cites.
 */
export function createTemplateCoverLetterGenerator(): PluginDefinition<
  'generator',
  TemplateCoverLetterOptions
> {
  const name = 'template-cover-letter';
  return definePlugin<'generator', TemplateCoverLetterOptions>({
    name,
    kind: 'generator',
    version: '1.0.0',
    description: 'Writes a cover letter from the ranked artifacts with fixed templates; no language model.',
    optionsSchema: {
      type: 'object',
      properties: {
        maxLinksPerParagraph: { type: 'integer', minimum: 0, maximum: 3, default: 1 },
        showBrokenEvidence: { type: 'boolean', default: false },
      },
      additionalProperties: false,
    },
    create(options, deps) {
      const letterOptions = {
        maxLinksPerParagraph: options.maxLinksPerParagraph ?? 1,
        showBrokenEvidence: options.showBrokenEvidence ?? false,
      };
      return {
        kinds: ['cover-letter'],
        async generate(input, ctx) {
          ctx.signal.throwIfAborted();
          if (input.kind !== 'cover-letter')
            throw createTemplateError('UNSUPPORTED_KIND', `${name} writes cover letters, not ${input.kind}`);
          const context = createTemplateContext(input, deps);
          return { content: finishGrounded(buildLetterContent(context, letterOptions, name), context, ctx) };
        },
      };
    },
  });
}
