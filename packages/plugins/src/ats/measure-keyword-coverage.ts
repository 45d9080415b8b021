import type { TAtsFinding, TAtsResult, Taxonomy, TParsedJob, TPipelineArtifact } from '@dossier/core';
import { artifactToText } from './content-to-text.js';
import { createTermFinder } from './create-term-finder.js';
import { type CriticalTerm, selectCriticalTerms } from './select-critical-terms.js';

export const DEFAULT_TARGET_COVERAGE = 0.85;

export interface MeasureKeywordCoverageInput {
  /** The document's text. */
  text: string;
  job: TParsedJob;
  taxonomy: Taxonomy;
  /** The portfolio; null when there is none (an uploaded resume), and then every critical term counts. */
  artifacts: TPipelineArtifact[] | null;
  targetCoverage?: number;
  minWeight?: number;
  maxSkills?: number;
}

type CheckResult = Omit<TAtsResult, 'checker'>;

const describe = (term: CriticalTerm) =>
  term.source === 'skill' ? (term.required ? 'required skill' : 'skill') : 'keyword';

type FinderCache = Map<TPipelineArtifact, ReturnType<typeof createTermFinder>>;

/** Artifact ids whose own facts (skills, technologies, text) show the term. */
function supportFor(
  term: CriticalTerm,
  artifacts: TPipelineArtifact[],
  taxonomy: Taxonomy,
  finders: FinderCache,
): string[] {
  return artifacts
    .filter((artifact) => {
      if (term.skillId) {
        if (artifact.skills.includes(term.skillId)) return true;
        if (artifact.technologies.some((t) => taxonomy.normalize(t)?.id === term.skillId)) return true;
      }
      // One finder per artifact per check, however many terms are missing: building it tokenises the text.
      let finder = finders.get(artifact);
      if (!finder) {
        finder = createTermFinder(artifactToText(artifact), taxonomy);
        finders.set(artifact, finder);
      }
      return finder.has(term);
    })
    .map((artifact) => artifact.id);
}

/**
 * Share of the job's critical terms the document mentions. With a portfolio, a term no artifact backs is
 * reported for information and left out of the ratio: the user cannot honestly add it. The score reaches 100
 * at the target coverage; the check passes there.
 */
export function measureKeywordCoverage(input: MeasureKeywordCoverageInput): CheckResult {
  const target = input.targetCoverage ?? DEFAULT_TARGET_COVERAGE;
  const terms = selectCriticalTerms(input.job, input.taxonomy, {
    minWeight: input.minWeight,
    maxSkills: input.maxSkills,
  });
  const finder = createTermFinder(input.text, input.taxonomy);
  const artifactFinders: FinderCache = new Map();
  const covered: string[] = [];
  const missing: string[] = [];
  const missingPortfolioHasIt: { term: string; artifactIds: string[] }[] = [];
  const notInPortfolio: string[] = [];
  const findings: TAtsFinding[] = [];

  for (const term of terms) {
    if (finder.has(term)) {
      covered.push(term.name);
      continue;
    }
    const artifactIds = input.artifacts
      ? supportFor(term, input.artifacts, input.taxonomy, artifactFinders)
      : null;
    if (artifactIds !== null && artifactIds.length === 0) {
      notInPortfolio.push(term.name);
      findings.push({
        ruleId: 'keyword-coverage/not-in-portfolio',
        severity: 'info',
        message: `The job asks for ${term.name} (${describe(term)}); missing — not in your portfolio.`,
        fix: `If you have worked with ${term.name}, add an artifact with evidence of it; otherwise leave it out.`,
        ref: null,
      });
      continue;
    }
    missing.push(term.name);
    if (artifactIds) missingPortfolioHasIt.push({ term: term.name, artifactIds });
    findings.push({
      ruleId: term.required ? 'keyword-coverage/missing-required' : 'keyword-coverage/missing',
      severity: term.required ? 'error' : 'warning',
      message: artifactIds
        ? `${term.name} (${describe(term)}) is not in the document, though your portfolio has it (${artifactIds.join(', ')}).`
        : `${term.name} (${describe(term)}) does not appear in the document.`,
      fix: artifactIds
        ? `Include ${artifactIds.join(', ')} or mention ${term.name} where you describe the work that used it.`
        : `Use the exact term "${term.name}" where your experience supports it.`,
      ref: null,
    });
  }

  const counted = covered.length + missing.length;
  const coverage = counted === 0 ? 1 : covered.length / counted;
  const score = Math.round(100 * Math.min(1, target > 0 ? coverage / target : 1));
  return {
    score,
    passed: coverage >= target,
    findings,
    details: {
      coverage: Math.round(coverage * 1000) / 1000,
      target,
      critical: terms.map((t) => t.name),
      covered,
      missing,
      missingPortfolioHasIt,
      notInPortfolio,
    },
  };
}
