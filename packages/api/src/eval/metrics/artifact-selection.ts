import type { TDocumentContent } from '@dossier/core';

/**
 * nDCG@k of a ranking against the must-feature list. The i-th of m must-feature artifacts (most important
 * first) has graded relevance m − i; every other artifact has 0. 1 when the list is empty.
 */
export function ndcgAtK(ranking: readonly string[], mustFeature: readonly string[], k = 5): number {
  if (mustFeature.length === 0) return 1;
  const m = mustFeature.length;
  const relevance = new Map(mustFeature.map((id, i) => [id, m - i]));
  let dcg = 0;
  const seen = new Set<string>();
  let position = 0;
  for (const id of ranking) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (position >= k) break;
    dcg += (2 ** (relevance.get(id) ?? 0) - 1) / Math.log2(position + 2);
    position++;
  }
  let ideal = 0;
  const grades = [...relevance.values()].sort((a, b) => b - a).slice(0, k);
  grades.forEach((rel, i) => {
    ideal += (2 ** rel - 1) / Math.log2(i + 2);
  });
  return ideal === 0 ? 1 : dcg / ideal;
}

/** Share of the must-feature artifacts that at least one item of the document cites; 1 when none are listed. */
export function mustFeatureRecall(cited: ReadonlySet<string>, mustFeature: readonly string[]): number {
  if (mustFeature.length === 0) return 1;
  return mustFeature.filter((id) => cited.has(id)).length / mustFeature.length;
}

/** Artifact ids the document cites, in the order of their first citation. */
export function citedArtifacts(content: TDocumentContent): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const section of content.sections)
    for (const item of section.items)
      for (const source of item.sources)
        if (!seen.has(source.artifactId)) {
          seen.add(source.artifactId);
          out.push(source.artifactId);
        }
  return out;
}

/**
 * The selection ranking: the matcher's order restricted to the artifacts the document features, then any
 * cited artifact the ranking lacks. Ranking by the matcher, not by the CV's (chronological) layout, measures
 * whether the best artifacts were chosen and put first.
 */
export function selectionRanking(ranked: readonly string[], cited: readonly string[]): string[] {
  const citedSet = new Set(cited);
  const fromRanking = ranked.filter((id) => citedSet.has(id));
  const rest = cited.filter((id) => !fromRanking.includes(id));
  return [...fromRanking, ...rest];
}
