import { definePlugin } from '@dossier/core/plugins';
import { contentToText } from './content-to-text.js';
import { DEFAULT_TARGET_COVERAGE, measureKeywordCoverage } from './measure-keyword-coverage.js';

const DEFAULT_LETTER_TARGET_COVERAGE = 0.6;

export interface KeywordCoverageOptions {
  targetCoverage?: number;
  /** A cover letter argues from a few examples rather than listing skills, so it is held to less. */
  letterTargetCoverage?: number;
  minWeight?: number;
  maxSkills?: number;
}

export const keywordCoverageChecker = definePlugin<'ats-checker', KeywordCoverageOptions>({
  name: 'keyword-coverage',
  kind: 'ats-checker',
  version: '1.0.0',
  description:
    "Checks that the job's critical skills and keywords the portfolio supports appear in the document.",
  order: 10,
  optionsSchema: {
    type: 'object',
    properties: {
      targetCoverage: { type: 'number', minimum: 0, maximum: 1, default: DEFAULT_TARGET_COVERAGE },
      letterTargetCoverage: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        default: DEFAULT_LETTER_TARGET_COVERAGE,
      },
      minWeight: { type: 'number', minimum: 0, maximum: 1, default: 0.5 },
      maxSkills: { type: 'integer', minimum: 1, default: 12 },
    },
    additionalProperties: false,
  },
  create(options, deps) {
    return {
      weight: 0.45,
      async check({ content, job, artifacts }, ctx) {
        ctx.signal.throwIfAborted();
        return measureKeywordCoverage({
          text: contentToText(content),
          job,
          taxonomy: deps.taxonomy,
          artifacts,
          targetCoverage:
            content.kind === 'cover-letter'
              ? (options.letterTargetCoverage ?? DEFAULT_LETTER_TARGET_COVERAGE)
              : options.targetCoverage,
          minWeight: options.minWeight,
          maxSkills: options.maxSkills,
        });
      },
    };
  },
});
