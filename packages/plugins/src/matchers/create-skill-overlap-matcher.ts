import { type ArtifactScore, definePlugin, type MatchReason, type PluginDefinition } from '@dossier/core';
import { collectArtifactSkills } from './collect-artifact-skills.js';

export interface SkillOverlapMatcherOptions {
  /** Multiplies the weight of the job's required skills. */
  requiredBoost?: number;
  /** Credit for a job skill the artifact only mentions in its text (not in its skills or technologies). */
  textMentionCredit?: number;
  /** How many matched skills to list as reasons. */
  maxReasons?: number;
}

const DEFAULTS: Required<SkillOverlapMatcherOptions> = {
  requiredBoost: 2,
  textMentionCredit: 0.5,
  maxReasons: 6,
};
// A skill the parser weighed at 0 still says something; without a floor it would count for nothing.
const MIN_WEIGHT = 0.05;

/**
 * The share of the job's skill weight an artifact covers: each job skill counts with its weight (required ones
 * `requiredBoost` times more), fully when the artifact has it, partly when its text only mentions it.
 */
export function createSkillOverlapMatcher(): PluginDefinition<'matcher', SkillOverlapMatcherOptions> {
  return definePlugin<'matcher', SkillOverlapMatcherOptions>({
    name: 'skill-overlap-matcher',
    kind: 'matcher',
    version: '1.0.0',
    description: "Scores artifacts by the weighted share of the job's skills they cover.",
    optionsSchema: {
      type: 'object',
      properties: {
        requiredBoost: { type: 'number', minimum: 1, maximum: 10, default: DEFAULTS.requiredBoost },
        textMentionCredit: { type: 'number', minimum: 0, maximum: 1, default: DEFAULTS.textMentionCredit },
        maxReasons: { type: 'integer', minimum: 0, maximum: 20, default: DEFAULTS.maxReasons },
      },
      additionalProperties: false,
    },
    create(options, deps) {
      const { requiredBoost, textMentionCredit, maxReasons } = { ...DEFAULTS, ...options };
      return {
        async match({ job, artifacts }, ctx): Promise<ArtifactScore[]> {
          ctx.signal.throwIfAborted();
          const wanted = job.skills.map((skill) => ({
            skill,
            weight: Math.max(MIN_WEIGHT, skill.weight) * (skill.required ? requiredBoost : 1),
          }));
          const total = wanted.reduce((sum, w) => sum + w.weight, 0);
          return artifacts.map((artifact) => {
            const noScore = { artifactId: artifact.id, score: 0, matchedSkills: [], matchedKeywords: [] };
            if (total === 0)
              return {
                ...noScore,
                reasons: [{ kind: 'no-skills', detail: 'the job names no skills', weight: 0 }],
              };
            const has = collectArtifactSkills(artifact, deps.taxonomy);
            const mentioned =
              textMentionCredit > 0
                ? new Set(
                    deps.taxonomy
                      .findInText([artifact.title, artifact.summary, ...artifact.outcomes].join('\n'))
                      .map((m) => m.id),
                  )
                : new Set<string>();
            const hits: Array<{ name: string; id: string; value: number; how: string }> = [];
            const missing: string[] = [];
            for (const { skill, weight } of wanted) {
              const credit = has.has(skill.id) ? 1 : mentioned.has(skill.id) ? textMentionCredit : 0;
              const how = [skill.required ? 'required' : null, credit < 1 ? 'mentioned in text' : null]
                .filter(Boolean)
                .join(', ');
              if (credit > 0) hits.push({ name: skill.name, id: skill.id, value: weight * credit, how });
              else if (skill.required) missing.push(skill.name);
            }
            const score = hits.reduce((sum, h) => sum + h.value, 0) / total;
            const reasons: MatchReason[] = [...hits]
              .sort((x, y) => y.value - x.value)
              .slice(0, maxReasons)
              .map((h) => ({
                kind: 'skill',
                detail: h.how ? `${h.name} (${h.how})` : h.name,
                weight: score > 0 ? h.value / total / score : 0,
              }));
            if (missing.length > 0)
              reasons.push({
                kind: 'missing-skill',
                detail: `lacks required ${missing.join(', ')}`,
                weight: 0,
              });
            return { ...noScore, score: Math.min(1, score), reasons, matchedSkills: hits.map((h) => h.id) };
          });
        },
      };
    },
  });
}
