import { definePlugin, type PluginDefinition } from '@dossier/core';
import { buildCvContent } from './build-cv-content.js';
import { createTemplateContext, finishGrounded } from './create-template-context.js';
import { createTemplateError } from './create-template-error.js';

export interface TemplateCvOptions {
  maxSkills?: number;
  maxLinksPerItem?: number;
  showBrokenEvidence?: boolean;
}

/**
 * The deterministic CV generator: no model, same input → byte-identical output. Every claim is copied from
 * the artifacts an item cites, so it is grounded by construction; it is the fallback when no LLM is usable.
 */
export function createTemplateCvGenerator(): PluginDefinition<'generator', TemplateCvOptions> {
  const name = 'template-cv';
  return definePlugin<'generator', TemplateCvOptions>({
    name,
    kind: 'generator',
    version: '1.0.0',
    description: 'Writes a CV from the ranked artifacts with fixed templates; no language model.',
    optionsSchema: {
      type: 'object',
      properties: {
        maxSkills: { type: 'integer', minimum: 1, maximum: 60 },
        maxLinksPerItem: { type: 'integer', minimum: 0, maximum: 5, default: 2 },
        showBrokenEvidence: { type: 'boolean', default: false },
      },
      additionalProperties: false,
    },
    create(options, deps) {
      const cvOptions = {
        ...(options.maxSkills !== undefined ? { maxSkills: options.maxSkills } : {}),
        maxLinksPerItem: options.maxLinksPerItem ?? 2,
        showBrokenEvidence: options.showBrokenEvidence ?? false,
      };
      return {
        kinds: ['cv'],
        async generate(input, ctx) {
          ctx.signal.throwIfAborted();
          if (input.kind !== 'cv')
            throw createTemplateError('UNSUPPORTED_KIND', `${name} writes CVs, not ${input.kind}`);
          const context = createTemplateContext(input, deps);
          return { content: finishGrounded(buildCvContent(context, cvOptions, name), context, ctx) };
        },
      };
    },
  });
}
