import type { TPipelineArtifact } from '../domain/pipeline-artifact.js';
import type { ArtifactScore, MatchReason, RankedArtifact } from '../plugins/contract.js';

export interface MatcherScores {
  matcher: string;
  scores: ArtifactScore[];
}

export interface CombinedScores {
  ranked: RankedArtifact[];
  /** Scores for artifacts that are not in the portfolio, ignored. */
  unknown: Array<{ matcher: string; artifactId: string }>;
}

/**
 * Normalised matcher weights: configured weight or 1 each, scaled to sum 1. When every weight is 0 the
 * matchers count equally, because a ranking where every artifact scores 0 would feature an arbitrary few.
 */
export function normalizeWeights(matchers: readonly string[], weights: Record<string, number>) {
  const raw = matchers.map((name) => weights[name] ?? 1);
  const total = raw.reduce((sum, w) => sum + w, 0);
  return new Map(matchers.map((name, i) => [name, total > 0 ? raw[i]! / total : 1 / matchers.length]));
}

const pushUnique = (into: string[], seen: Set<string>, items: readonly string[]) => {
  for (const item of items) {
    if (!seen.has(item)) {
      seen.add(item);
      into.push(item);
    }
  }
};

/**
 * Every artifact with its weighted score over all matchers (a matcher that did not score an artifact gave it
 * 0), best first; ties keep portfolio order. Reasons keep their matcher's share by scaling their weight.
 */
export function combineScores(
  artifacts: readonly TPipelineArtifact[],
  results: readonly MatcherScores[],
  weights: Record<string, number>,
): CombinedScores {
  const share = normalizeWeights(
    results.map((r) => r.matcher),
    weights,
  );
  const rows = artifacts.map((artifact, index) => ({
    index,
    artifact,
    score: 0,
    reasons: [] as MatchReason[],
    matchedSkills: [] as string[],
    matchedKeywords: [] as string[],
    seenSkills: new Set<string>(),
    seenKeywords: new Set<string>(),
  }));
  const byId = new Map(rows.map((row) => [row.artifact.id, row]));
  const unknown: CombinedScores['unknown'] = [];

  for (const { matcher, scores } of results) {
    const weight = share.get(matcher) ?? 0;
    const seen = new Set<string>();
    for (const score of scores) {
      const row = byId.get(score.artifactId);
      if (!row) {
        unknown.push({ matcher, artifactId: score.artifactId });
        continue;
      }
      // One score per artifact per matcher; a repeated id would count the matcher twice.
      if (seen.has(score.artifactId)) continue;
      seen.add(score.artifactId);
      row.score += weight * score.score;
      for (const reason of score.reasons) row.reasons.push({ ...reason, weight: reason.weight * weight });
      pushUnique(row.matchedSkills, row.seenSkills, score.matchedSkills);
      pushUnique(row.matchedKeywords, row.seenKeywords, score.matchedKeywords);
    }
  }

  const ranked = rows
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ artifact, score, reasons, matchedSkills, matchedKeywords }) => ({
      artifact,
      score: Math.min(1, Math.max(0, score)),
      reasons,
      matchedSkills,
      matchedKeywords,
    }));
  return { ranked, unknown };
}
