import { type ArtifactScore, definePlugin, type PluginDefinition, tokenize } from '@dossier/core';
import { ENGLISH_STOPWORDS } from './english-stopwords.js';

export interface LabelBoostMatcherOptions {
  /** Score of an artifact carrying a label chosen for this application. */
  boost?: number;
  /** Score of an artifact whose label names a word of the job title ("Backend" for "Senior Backend Engineer"). */
  titleBoost?: number;
}

const DEFAULTS: Required<LabelBoostMatcherOptions> = { boost: 1, titleBoost: 0.3 };

// Words of nearly every job title: a label called "Engineering" says nothing about a "Senior Engineer" role.
const GENERIC_TITLE_WORDS = new Set(
  'senior junior staff principal lead head chief mid level associate intern engineer engineering developer development manager director architect specialist consultant officer'.split(
    ' ',
  ),
);

const titleWords = (title: string): Set<string> =>
  new Set(
    tokenize(title).filter((w) => w.length > 1 && !ENGLISH_STOPWORDS.has(w) && !GENERIC_TITLE_WORDS.has(w)),
  );

/**
 * Boosts artifacts the user grouped for this application: a chosen label (`labelIds`) earns `boost`; failing
 * that, a label whose name shares a word with the job title earns the smaller `titleBoost`.
 */
export function createLabelBoostMatcher(): PluginDefinition<'matcher', LabelBoostMatcherOptions> {
  return definePlugin<'matcher', LabelBoostMatcherOptions>({
    name: 'label-boost-matcher',
    kind: 'matcher',
    version: '1.0.0',
    description: 'Boosts artifacts carrying the labels chosen for the application or named in the job title.',
    optionsSchema: {
      type: 'object',
      properties: {
        boost: { type: 'number', minimum: 0, maximum: 1, default: DEFAULTS.boost },
        titleBoost: { type: 'number', minimum: 0, maximum: 1, default: DEFAULTS.titleBoost },
      },
      additionalProperties: false,
    },
    create(options) {
      const { boost, titleBoost } = { ...DEFAULTS, ...options };
      return {
        async match({ job, artifacts, labelIds }, ctx): Promise<ArtifactScore[]> {
          ctx.signal.throwIfAborted();
          const chosen = new Set(labelIds);
          const inTitle = titleWords(job.title);
          return artifacts.map((artifact) => {
            const base = { artifactId: artifact.id, matchedSkills: [], matchedKeywords: [] };
            const picked = artifact.labels.filter((l) => chosen.has(l.id));
            if (picked.length > 0 && boost > 0) {
              const names = picked.map((l) => `"${l.name}"`).join(', ');
              return {
                ...base,
                score: boost,
                reasons: [{ kind: 'label', detail: `chosen label ${names}`, weight: 1 }],
              };
            }
            const named = artifact.labels.filter((l) => tokenize(l.name).some((w) => inTitle.has(w)));
            if (named.length > 0 && titleBoost > 0) {
              const names = named.map((l) => `"${l.name}"`).join(', ');
              return {
                ...base,
                score: titleBoost,
                reasons: [{ kind: 'label', detail: `label ${names} matches the job title`, weight: 1 }],
              };
            }
            return { ...base, score: 0, reasons: [] };
          });
        },
      };
    },
  });
}
