import {
  checkGrounding,
  createClaimChecker,
  type Taxonomy,
  type TDocumentContent,
  type TPipelineArtifact,
  type TProfile,
} from '@dossier/core';
import { claimItems, documentText, withoutTarget } from './document-text.js';
import { createKeywordPresence } from './keyword-coverage.js';

/**
 * Share (0–1) of the document's claim items (outside greeting and closing) that `checkGrounding` finds fully
 * traceable to the artifacts they cite: no uncited item, no unknown artifact or evidence, no skill, employer,
 * title, date or figure the cited artifacts lack. 1 for a document with no claim items.
 */
export function groundingScore(
  content: TDocumentContent,
  artifacts: readonly TPipelineArtifact[],
  taxonomy: Taxonomy,
  profile?: TProfile,
): { grounding: number; violations: string[] } {
  const items = claimItems(content).filter(
    ({ section, item }) => !(section.kind === 'education' && item.sources.length === 0),
  );
  if (items.length === 0) return { grounding: 1, violations: [] };
  const { violations } = checkGrounding(content, artifacts, taxonomy, profile);
  const bad = new Set(violations.map((v) => `${v.sectionId}/${v.itemId}`));
  const failing = items.filter(({ section, item }) => bad.has(`${section.id}/${item.id}`)).length;
  return {
    grounding: (items.length - failing) / items.length,
    violations: violations.map((v) => `${v.itemId}: ${v.kind}: ${v.detail}`),
  };
}

/**
 * Fabrications: claims the whole portfolio cannot back, whatever the items cite — skills, employers and
 * figures (via the grounding claim checker against the union of all artifacts), plus every `mustNotClaim`
 * term found in the document. The applied-for job title and company are blanked out first, since naming
 * the role applied for claims nothing. Returns distinct descriptions.
 */
export function findFabrications(
  content: TDocumentContent,
  artifacts: readonly TPipelineArtifact[],
  taxonomy: Taxonomy,
  mustNotClaim: readonly string[],
  profile?: TProfile,
): string[] {
  const { jobTitle, company } = content.meta;
  const checker = createClaimChecker(taxonomy, {
    now: content.meta.generatedAt,
    ...(profile ? { profile } : {}),
    company,
    jobTitle,
  });
  const support = checker.support(artifacts);
  const found = new Set<string>();
  for (const { section, item } of claimItems(content)) {
    if (section.kind === 'education' && item.sources.length === 0) continue;
    const texts = [item.text, item.title, ...item.bullets].filter((t): t is string => Boolean(t));
    for (const text of texts) {
      for (const issue of checker.checkText(text, support)) {
        if (issue.kind === 'skill' || issue.kind === 'employer' || issue.kind === 'number')
          found.add(`${issue.kind}: ${issue.detail}`);
      }
    }
    for (const skill of item.skills) {
      const issue = checker.checkSkill(skill, support);
      if (issue) found.add(`${issue.kind}: ${issue.detail}`);
    }
    if (item.subtitle) {
      for (const issue of checker.checkSubtitle(item.subtitle, support))
        if (issue.kind === 'employer') found.add(`${issue.kind}: ${issue.detail}`);
    }
  }
  const text = withoutTarget(documentText(content), jobTitle, company);
  const presence = createKeywordPresence(text, taxonomy);
  for (const term of mustNotClaim) if (presence.has(term)) found.add(`must not claim: ${term}`);
  return [...found];
}
