import {
  type ClaimChecker,
  checkGrounding,
  createClaimChecker,
  type GenerateInput,
  type PluginDeps,
  type RankedArtifact,
  type StageContext,
  type TDocumentContent,
} from '@dossier/core';
import { buildSkillProfile, type SkillProfile } from './build-skill-profile.js';
import { createPhraser, type Phraser } from './create-phraser.js';
import { createTemplateError } from './create-template-error.js';

/** Counts that follow the requested length; "standard" keeps a CV within two pages. */
export interface LengthPlan {
  artifacts: number;
  bullets: number;
  skills: number;
  summarySkills: number;
  summarySentences: number;
  letterParagraphs: number;
}

export const LENGTH_PLANS: Record<GenerateInput['options']['length'], LengthPlan> = {
  short: { artifacts: 4, bullets: 2, skills: 10, summarySkills: 3, summarySentences: 2, letterParagraphs: 2 },
  standard: {
    artifacts: 6,
    bullets: 3,
    skills: 16,
    summarySkills: 4,
    summarySentences: 3,
    letterParagraphs: 3,
  },
  long: { artifacts: 9, bullets: 4, skills: 24, summarySkills: 5, summarySentences: 3, letterParagraphs: 3 },
};

export interface TemplateContext {
  input: GenerateInput;
  deps: PluginDeps;
  now: Date;
  /** Ranked artifacts, best first (ties keep their given order). */
  ranked: RankedArtifact[];
  /** The artifacts the document features, best first. */
  featured: RankedArtifact[];
  plan: LengthPlan;
  skills: SkillProfile;
  phraser: Phraser;
  /** Vets a generated sentence against the artifacts it will cite, before it goes in. */
  checker: ClaimChecker;
}

export function createTemplateContext(input: GenerateInput, deps: PluginDeps): TemplateContext {
  if (input.ranked.length === 0)
    throw createTemplateError(
      'EMPTY_PORTFOLIO',
      `Cannot write a ${input.kind === 'cv' ? 'CV' : 'cover letter'} from an empty portfolio: add at least one artifact first.`,
    );
  const now = deps.clock();
  const ranked = input.ranked
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.score - a.r.score || a.i - b.i)
    .map(({ r }) => r);
  const plan = LENGTH_PLANS[input.options.length] ?? LENGTH_PLANS.standard;
  const featured = ranked.slice(0, Math.max(1, Math.min(input.options.maxArtifacts, plan.artifacts)));
  const skills = buildSkillProfile(ranked, input.job, deps.taxonomy);
  return {
    input,
    deps,
    now,
    ranked,
    featured,
    plan,
    skills,
    phraser: createPhraser(skills, input.job, deps.taxonomy),
    checker: createClaimChecker(deps.taxonomy, {
      now,
      profile: input.profile,
      company: input.job.company,
      jobTitle: input.job.title,
    }),
  };
}

/**
 * The last line of defence: the document is built from cited facts only, but any claim the grounding check
 * still rejects is dropped here and reported, so the template generator never hands on an unsupported claim.
 */
export function finishGrounded(
  content: TDocumentContent,
  context: TemplateContext,
  ctx: StageContext,
): TDocumentContent {
  const artifacts = context.ranked.map((r) => r.artifact);
  const result = checkGrounding(content, artifacts, context.deps.taxonomy, context.input.profile);
  for (const v of result.violations) {
    ctx.report({
      ruleId: `template/grounding-${v.kind}`,
      severity: 'warning',
      message: `Dropped an unsupported claim: ${v.detail}`,
      ref: { sectionId: v.sectionId, itemId: v.itemId },
    });
  }
  return result.content;
}

/** "A", "A and B", "A, B and C". */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The first sentence of a text, ending with a full stop. */
export function firstSentence(text: string): string {
  const sentence =
    text
      .trim()
      .split(/(?<=[.!?])\s+/u)[0]
      ?.trim() ?? '';
  return sentence === '' || /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Distinct values, first occurrence kept. */
export const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];
