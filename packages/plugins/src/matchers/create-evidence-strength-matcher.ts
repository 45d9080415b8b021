import {
  type ArtifactScore,
  definePlugin,
  type PluginDefinition,
  type TPipelineEvidence,
} from '@dossier/core';

type EvidenceStatus = TPipelineEvidence['status'];

export interface EvidenceStrengthMatcherOptions {
  /** What each link status is worth, 0–1. */
  statusValues?: Partial<Record<EvidenceStatus, number>>;
  /** Score of an artifact with no evidence at all. */
  noEvidence?: number;
  /** Share of the score that further links can add on top of the best one. */
  extraEvidenceWeight?: number;
}

const STATUS_VALUES: Record<EvidenceStatus, number> = {
  valid: 1,
  redirected: 0.8,
  unverifiable: 0.5,
  unchecked: 0.5,
  broken: 0,
  blocked: 0,
};
const DEFAULTS = { noEvidence: 0, extraEvidenceWeight: 0.15 };
const STATUSES = Object.keys(STATUS_VALUES) as EvidenceStatus[];

/**
 * Artifacts backed by links that work rank higher: valid > redirected > unverifiable/unchecked > broken/blocked
 * > none. The best link gives most of the score; each further link adds a little, with diminishing returns.
 */
export function createEvidenceStrengthMatcher(): PluginDefinition<'matcher', EvidenceStrengthMatcherOptions> {
  return definePlugin<'matcher', EvidenceStrengthMatcherOptions>({
    name: 'evidence-strength-matcher',
    kind: 'matcher',
    version: '1.0.0',
    description: 'Scores artifacts by the status of their evidence links.',
    optionsSchema: {
      type: 'object',
      properties: {
        statusValues: {
          type: 'object',
          properties: Object.fromEntries(
            STATUSES.map((s) => [s, { type: 'number', minimum: 0, maximum: 1, default: STATUS_VALUES[s] }]),
          ),
          additionalProperties: false,
        },
        noEvidence: { type: 'number', minimum: 0, maximum: 1, default: DEFAULTS.noEvidence },
        extraEvidenceWeight: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          default: DEFAULTS.extraEvidenceWeight,
        },
      },
      additionalProperties: false,
    },
    create(options) {
      const values = { ...STATUS_VALUES, ...options.statusValues };
      const noEvidence = options.noEvidence ?? DEFAULTS.noEvidence;
      const extraWeight = options.extraEvidenceWeight ?? DEFAULTS.extraEvidenceWeight;
      return {
        async match({ artifacts }, ctx): Promise<ArtifactScore[]> {
          ctx.signal.throwIfAborted();
          return artifacts.map((artifact) => {
            const base = { artifactId: artifact.id, matchedSkills: [], matchedKeywords: [] };
            if (artifact.evidence.length === 0)
              return {
                ...base,
                score: noEvidence,
                reasons: [{ kind: 'evidence', detail: 'no evidence', weight: 1 }],
              };
            const ranked = [...artifact.evidence].sort((a, b) => values[b.status] - values[a.status]);
            const best = ranked[0]!;
            const bestValue = values[best.status];
            const others = ranked.slice(1).reduce((sum, e) => sum + values[e.status], 0);
            // others / (others + 1): a second good link adds half the bonus, a third two thirds, never more.
            const bonus = bestValue * (others / (others + 1));
            const score = (1 - extraWeight) * bestValue + extraWeight * bonus;
            const reasons = [
              {
                kind: 'evidence',
                detail: `best link ${best.status} (${best.kind})`,
                weight: score > 0 ? ((1 - extraWeight) * bestValue) / score : 1,
              },
            ];
            if (ranked.length > 1)
              reasons.push({
                kind: 'evidence',
                detail: `${ranked.length - 1} more link${ranked.length > 2 ? 's' : ''}: ${ranked
                  .slice(1)
                  .map((e) => e.status)
                  .join(', ')}`,
                weight: score > 0 ? (extraWeight * bonus) / score : 0,
              });
            return { ...base, score: Math.min(1, Math.max(0, score)), reasons };
          });
        },
      };
    },
  });
}
