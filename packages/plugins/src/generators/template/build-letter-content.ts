import type { TDocumentContent, TDocumentItem, TDocumentSection, TPipelineArtifact } from '@dossier/core';
import { firstSentence, formatList, type TemplateContext, unique } from './create-template-context.js';
import { LETTER_WORDING, type ParagraphFacts } from './letter-wording.js';
import { selectEvidenceLinks } from './select-evidence-links.js';

export interface LetterOptions {
  maxLinksPerParagraph: number;
  showBrokenEvidence: boolean;
}

const CONCISE_MAX_WORDS = 200;
// Paragraph material: an outcome with a figure makes the strongest case.
const hasFigure = (a: TPipelineArtifact): boolean => a.outcomes.some((o) => /\d/.test(o));

const item = (id: string, text: string, extra: Partial<TDocumentItem> = {}): TDocumentItem => ({
  id,
  title: null,
  subtitle: null,
  dates: null,
  text,
  bullets: [],
  skills: [],
  links: [],
  sources: [],
  ...extra,
});

const countWords = (sections: TDocumentSection[]): number =>
  sections
    .flatMap((s) => s.items)
    .reduce((n, i) => n + (i.text?.split(/\s+/).filter(Boolean).length ?? 0), 0);

/**
 * A cover letter: greeting, an opening naming the role and company, one body paragraph per strong artifact
 * (what was done, the outcome with its figure, the job requirement it answers, the evidence), a closing and a
 * sign-off with the candidate's name. Sentences that would claim more than the cited artifact says are left out.
 */
export function buildLetterContent(
  context: TemplateContext,
  options: LetterOptions,
  generator: string,
): TDocumentContent {
  const { input, skills, phraser, checker, plan } = context;
  const { job, profile, options: generateOptions } = input;
  const tone = generateOptions.tone;
  const wording = LETTER_WORDING[tone] ?? LETTER_WORDING.formal;
  const count = tone === 'concise' ? 2 : plan.letterParagraphs;
  const candidates = context.featured.map((r) => r.artifact);
  const chosen = [...candidates.filter(hasFigure), ...candidates.filter((a) => !hasFigure(a))].slice(
    0,
    count,
  );
  // Keep the ranking's order among the chosen: the best match opens the body.
  chosen.sort((a, b) => candidates.indexOf(a) - candidates.indexOf(b));

  const usedRequirements = new Set<string>();
  const jobSkillsOf = (artifact: TPipelineArtifact): string[] => {
    const has = skills.skillsOf(artifact);
    return skills.matched.filter((s) => has.has(s.id)).map((s) => s.id);
  };

  function pickRequirement(artifact: TPipelineArtifact): string | null {
    const support = checker.support([artifact]);
    let best: { line: string; value: number } | null = null;
    const lines = [
      ...job.requirements.mustHave.map((line) => ({ line, priority: 1 })),
      ...job.requirements.niceToHave.map((line) => ({ line, priority: 0.5 })),
    ];
    for (const { line, priority } of lines) {
      if (usedRequirements.has(line)) continue;
      const named = context.deps.taxonomy.findInText(line).map((m) => m.id);
      if (named.length === 0 || !named.every((id) => support.skills.has(id))) continue;
      if (checker.checkText(line, support).length > 0) continue;
      const value = priority * named.reduce((sum, id) => sum + skills.weightOf(id), 0);
      if (!best || value > best.value) best = { line, value };
    }
    if (!best) return null;
    usedRequirements.add(best.line);
    // The line itself is never quoted: it can name tools the taxonomy does not know ("CPQ (Salesforce CPQ or
    // DealHub)"), and quoting it would claim them. Only the skills it names, all supported, are repeated.
    const named = [...new Set(context.deps.taxonomy.findInText(best.line).map((m) => m.id))];
    return formatList(named.map((id) => skills.nameOf(id)));
  }

  function paragraph(artifact: TPipelineArtifact, index: number, full: boolean): TDocumentItem {
    const evidence = selectEvidenceLinks(artifact, options.maxLinksPerParagraph, options.showBrokenEvidence);
    const outcome = artifact.outcomes.find((o) => /\d/.test(o)) ?? artifact.outcomes[0] ?? null;
    const phrased = outcome ? phraser.bullet(outcome, artifact) : null;
    const named = jobSkillsOf(artifact)
      .slice(0, 3)
      .map((id) => skills.nameOf(id));
    const facts: ParagraphFacts = {
      title: artifact.title,
      role: artifact.role,
      organization: artifact.organization,
      summary:
        full && plan.summarySentences >= 3 && artifact.summary
          ? phraser.spell(firstSentence(artifact.summary), artifact)
          : null,
      outcome: phrased ? phraser.lowerFirst(phrased) : null,
      outcomeVerbLed: phrased ? phraser.isVerbLed(phrased) : false,
      requirement: full ? pickRequirement(artifact) : null,
      skills: named.length > 0 ? formatList(named) : null,
      evidence: evidence.firstKind,
    };
    const support = checker.support([artifact]);
    const sentences = wording.paragraph(facts).filter((s) => checker.checkText(s, support).length === 0);
    return item(`body-${index + 1}`, sentences.join(' '), {
      links: evidence.links,
      sources: [{ artifactId: artifact.id, evidenceIds: evidence.evidenceIds }],
    });
  }

  function opening(): TDocumentItem {
    const cited = chosen;
    const has = new Set(cited.flatMap((a) => [...skills.skillsOf(a)]));
    const named = skills.matched.filter((s) => has.has(s.id)).slice(0, 3);
    const title = job.title.trim() || 'open';
    const target = `${title} role${job.company ? ` at ${job.company}` : ''}`;
    const support = checker.support(cited);
    const text = wording
      .opening(target, named.length > 0 ? formatList(named.map((s) => s.name)) : null)
      .filter((s) => checker.checkText(s, support).length === 0)
      .join(' ');
    const sources = unique(named.flatMap((s) => cited.filter((a) => skills.skillsOf(a).has(s.id))));
    return item('opening', text, {
      sources: (sources.length > 0 ? sources : cited.slice(0, 1)).map((a) => ({
        artifactId: a.id,
        evidenceIds: [],
      })),
    });
  }

  const build = (paragraphs: number, full: boolean): TDocumentSection[] => {
    usedRequirements.clear();
    return [
      {
        id: 'greeting',
        kind: 'greeting',
        heading: '',
        items: [item('greeting', wording.greeting(job.company))],
      },
      { id: 'opening', kind: 'other', heading: '', items: [opening()] },
      {
        id: 'body',
        kind: 'body',
        heading: '',
        items: chosen.slice(0, paragraphs).map((a, i) => paragraph(a, i, full)),
      },
      {
        id: 'closing',
        kind: 'closing',
        heading: '',
        items: [
          item('closing', wording.closing(job.company)),
          item('sign-off', wording.signOff),
          item('signature', profile.name),
        ],
      },
    ];
  };

  let sections = build(chosen.length, true);
  // Concise means concise: shed optional sentences, then paragraphs, until the letter fits.
  if (tone === 'concise') {
    if (countWords(sections) > CONCISE_MAX_WORDS) sections = build(chosen.length, false);
    for (let n = chosen.length - 1; n >= 1 && countWords(sections) > CONCISE_MAX_WORDS; n--)
      sections = build(n, false);
  }

  const target = [job.title.trim(), job.company].filter(Boolean).join(' - ');
  return {
    kind: 'cover-letter',
    title: target ? `Cover letter - ${target}` : 'Cover letter',
    profile: {
      name: profile.name,
      headline: profile.headline,
      email: profile.email,
      phone: profile.phone,
      location: profile.location,
      links: profile.links.map((l) => ({ ...l })),
    },
    sections,
    meta: {
      jobTitle: job.title.trim() || null,
      company: job.company,
      generator,
      tone,
      generatedAt: context.now.toISOString(),
    },
  };
}
