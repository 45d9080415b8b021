import { type ArtifactScore, definePlugin, type PluginDefinition, parsePartialDate } from '@dossier/core';

export interface RecencyMatcherOptions {
  /** Months after which an artifact's score halves. */
  halfLifeMonths?: number;
}

const DEFAULTS: Required<RecencyMatcherOptions> = { halfLifeMonths: 36 };

/**
 * Recent work scores higher: 1 for ongoing work, halving every `halfLifeMonths` after the artifact ended. An
 * end known only by its year counts from that December, so a year-only date is never penalised.
 */
export function createRecencyMatcher(): PluginDefinition<'matcher', RecencyMatcherOptions> {
  return definePlugin<'matcher', RecencyMatcherOptions>({
    name: 'recency-matcher',
    kind: 'matcher',
    version: '1.0.0',
    description: 'Scores artifacts by how recently they ended, with exponential decay.',
    optionsSchema: {
      type: 'object',
      properties: {
        halfLifeMonths: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 600,
          default: DEFAULTS.halfLifeMonths,
        },
      },
      additionalProperties: false,
    },
    create(options) {
      const { halfLifeMonths } = { ...DEFAULTS, ...options };
      return {
        async match({ artifacts, now }, ctx): Promise<ArtifactScore[]> {
          ctx.signal.throwIfAborted();
          const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
          return artifacts.map((artifact) => {
            const base = { artifactId: artifact.id, matchedSkills: [], matchedKeywords: [] };
            if (artifact.endDate === null)
              return { ...base, score: 1, reasons: [{ kind: 'recency', detail: 'ongoing', weight: 1 }] };
            const end = parsePartialDate(artifact.endDate);
            if (!end)
              return {
                ...base,
                score: 0,
                reasons: [
                  { kind: 'recency', detail: `unreadable end date "${artifact.endDate}"`, weight: 0 },
                ],
              };
            const months = Math.max(0, nowMonth - (end.year * 12 + (end.month ?? 12)));
            const detail =
              months === 0 ? 'ended this month' : `ended ${months} month${months === 1 ? '' : 's'} ago`;
            return {
              ...base,
              score: 0.5 ** (months / halfLifeMonths),
              reasons: [{ kind: 'recency', detail, weight: 1 }],
            };
          });
        },
      };
    },
  });
}
