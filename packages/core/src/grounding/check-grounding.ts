import {
  NON_CLAIM_SECTIONS,
  type TDocumentContent,
  type TDocumentItem,
  type TDocumentSection,
  type TSource,
} from '../domain/document-content.js';
import type { TPipelineArtifact, TProfile } from '../domain/pipeline-artifact.js';
import type { Taxonomy } from '../taxonomy/create-taxonomy.js';
import { type ClaimChecker, type ClaimIssue, createClaimChecker } from './create-claim-checker.js';
import { normalizePhrase } from './extract-claims.js';

export type GroundingViolationKind = 'uncited' | 'unknown-artifact' | ClaimIssue['kind'];

export interface GroundingViolation {
  itemId: string;
  sectionId: string;
  kind: GroundingViolationKind;
  detail: string;
}

export interface GroundingResult {
  /** The content with violating items, sentences, bullets, skills and links dropped; the input is not changed. */
  content: TDocumentContent;
  violations: GroundingViolation[];
}

const NON_CLAIM = new Set<string>(NON_CLAIM_SECTIONS);
// Paragraphs are checked sentence by sentence, so one unsupported figure costs a sentence, not the paragraph.
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(“‘])/u;

/**
 * Checks every claim of a generated document against the artifacts it cites, and drops what is not grounded:
 * - an item outside the non-claim sections (greeting, closing) must cite at least one existing artifact, and
 *   the evidence ids it cites must belong to that artifact;
 * - skills it names (its `skills`, and skills found in its text) must be the cited artifacts' skills;
 * - employers, organisations ("at X") and job titles (its subtitle, titles in text) must be the cited
 *   artifacts' organisation, role or title, or appear in their text;
 * - dates must fall within the cited artifacts' ranges (at year or month granularity);
 * - every figure ("42%", "3x", "$1.2M", "2,400") must appear in the cited artifacts' text.
 * A violation in an item's header (title, subtitle, dates, sources) drops the item; one in a sentence, bullet,
 * skill or link drops only that part, and an item left with nothing to say is dropped. Profile facts (name,
 * contact, education) are not claims.
 */
export function checkGrounding(
  content: TDocumentContent,
  artifacts: readonly TPipelineArtifact[],
  taxonomy: Taxonomy,
  profile?: TProfile,
): GroundingResult {
  const byId = new Map(artifacts.map((a) => [a.id, a]));
  const checker = createClaimChecker(taxonomy, {
    now: content.meta.generatedAt,
    ...(profile ? { profile } : {}),
    company: content.meta.company,
    jobTitle: content.meta.jobTitle,
  });
  const violations: GroundingViolation[] = [];
  const sections: TDocumentSection[] = [];
  for (const section of content.sections) {
    if (NON_CLAIM.has(section.kind)) {
      sections.push(section);
      continue;
    }
    const items: TDocumentItem[] = [];
    for (const item of section.items) {
      const report = (kind: GroundingViolationKind, detail: string): void => {
        violations.push({ itemId: item.id, sectionId: section.id, kind, detail });
      };
      const kept =
        section.kind === 'education' && item.sources.length === 0 && isProfileEducation(item, profile)
          ? item
          : checkItem(item, byId, checker, report);
      if (kept) items.push(kept);
    }
    if (items.length > 0 || section.items.length === 0) sections.push({ ...section, items });
  }
  return { content: { ...content, sections }, violations };
}

function checkItem(
  item: TDocumentItem,
  byId: ReadonlyMap<string, TPipelineArtifact>,
  checker: ClaimChecker,
  report: (kind: GroundingViolationKind, detail: string) => void,
): TDocumentItem | null {
  if (item.sources.length === 0) {
    report('uncited', 'the item cites no artifact');
    return null;
  }
  const cited: TPipelineArtifact[] = [];
  const sources: TSource[] = [];
  for (const source of item.sources) {
    const artifact = byId.get(source.artifactId);
    if (!artifact) {
      report('unknown-artifact', `artifact "${source.artifactId}" does not exist`);
      continue;
    }
    const known = new Set(artifact.evidence.map((e) => e.id));
    const evidenceIds = source.evidenceIds.filter((id) => {
      if (known.has(id)) return true;
      report('unknown-artifact', `evidence "${id}" is not on artifact "${artifact.id}"`);
      return false;
    });
    cited.push(artifact);
    sources.push({ artifactId: artifact.id, evidenceIds });
  }
  if (cited.length === 0) return null;
  const support = checker.support(cited);

  const header: ClaimIssue[] = [];
  const citedTitles = new Set(cited.map((a) => normalizePhrase(a.title)));
  if (item.title && !citedTitles.has(normalizePhrase(item.title)))
    header.push(...checker.checkText(item.title, support));
  if (item.subtitle) header.push(...checker.checkSubtitle(item.subtitle, support));
  if (item.dates) header.push(...checker.checkDates(item.dates, support));
  if (header.length > 0) {
    for (const issue of header) report(issue.kind, issue.detail);
    return null;
  }

  const passes = (text: string): boolean => {
    const issues = checker.checkText(text, support);
    for (const issue of issues) report(issue.kind, `${issue.detail}, in "${clip(text)}"`);
    return issues.length === 0;
  };
  const sentences = item.text === null ? [] : item.text.split(SENTENCE_BREAK);
  const keptSentences = sentences.filter(passes);
  const bullets = item.bullets.filter(passes);
  const skills = item.skills.filter((name) => {
    const issue = checker.checkSkill(name, support);
    if (issue) report(issue.kind, issue.detail);
    return issue === null;
  });
  const evidence = new Set(cited.flatMap((a) => a.evidence.map((e) => e.id)));
  const links = item.links.filter((link) => {
    if (link.evidenceId === null || evidence.has(link.evidenceId)) return true;
    report(
      'unknown-artifact',
      `link "${link.url}" shows evidence "${link.evidenceId}" that no cited artifact has`,
    );
    return false;
  });

  const hadBody = sentences.length + item.bullets.length + item.skills.length > 0;
  const hasBody = keptSentences.length + bullets.length + skills.length > 0;
  if (hadBody && !hasBody) return null;
  const text =
    keptSentences.length === sentences.length
      ? item.text
      : keptSentences.length > 0
        ? keptSentences.join(' ')
        : null;
  return { ...item, text, bullets, skills, links, sources };
}

function isProfileEducation(item: TDocumentItem, profile: TProfile | undefined): boolean {
  if (!profile) return true;
  const shown = normalizePhrase(`${item.title ?? ''} ${item.subtitle ?? ''}`);
  return profile.education.some((e) => {
    const institution = normalizePhrase(e.institution);
    return institution !== '' && shown.includes(institution);
  });
}

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
