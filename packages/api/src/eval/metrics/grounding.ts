import {
  checkGrounding,
  contentToText,
  createClaimChecker,
  type Taxonomy,
  type TDocumentContent,
  type TPipelineArtifact,
  type TProfile,
} from '@dossier/core';
import { claimItems, phraseKey, withoutPhrases, withoutTarget } from './document-text.js';
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

// Paragraphs are checked sentence by sentence, as `checkGrounding` does, so "…Medical Center. In 2023…" is
// not read as one organisation name.
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(“‘])/u;

/**
 * Fabrications: claims the whole portfolio cannot back, whatever the items cite — skills, employers and
 * figures (via the grounding claim checker against the union of all artifacts), plus every `mustNotClaim`
 * term found in the document. A requirement quoted from the posting is not exempt: a letter that says "your
 * requirement for experience with CPQ" next to the candidate's work implies the candidate has it. For the
 * must-not-claim check, text that claims nothing is blanked out first: the applied-for job title and company ("the Senior Java Engineer role at Acme") and
 * the names of skills the portfolio has that merely contain the term ("Oracle NetSuite" is not "Oracle").
 * Returns distinct descriptions.
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
    const texts = [...(item.text?.split(SENTENCE_BREAK) ?? []), item.title, ...item.bullets].filter(
      (t): t is string => Boolean(t),
    );
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
  const text = withoutTarget(contentToText(content), jobTitle, company);
  const ownSkillNames = [...support.skills].flatMap((id) => {
    const entry = taxonomy.get(id);
    return entry ? [entry.name, ...entry.aliases] : [];
  });
  for (const term of mustNotClaim) {
    const key = phraseKey(term);
    const longer = ownSkillNames.filter((name) => {
      const nameKey = phraseKey(name);
      return nameKey !== key && nameKey.includes(key);
    });
    const presence = createKeywordPresence(withoutPhrases(text, longer), taxonomy);
    if (presence.has(term)) found.add(`must not claim: ${term}`);
  }
  return [...found];
}
