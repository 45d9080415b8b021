import { type TDocumentItem, type TPipelineArtifact, tokenize } from '@dossier/core';
import { computeExperienceYears } from './compute-experience-years.js';
import { formatList, type TemplateContext, unique } from './create-template-context.js';

interface Sentence {
  text: string;
  cites: TPipelineArtifact[];
}

/** The featured role that shares most words with the job title ("Senior Backend Engineer"), if any does. */
function pickRole(context: TemplateContext): TPipelineArtifact | null {
  const wanted = new Set(tokenize(context.input.job.title));
  let best: { artifact: TPipelineArtifact; shared: number } | null = null;
  for (const { artifact } of context.featured) {
    if (!artifact.role) continue;
    const shared = new Set(tokenize(artifact.role).filter((w) => wanted.has(w))).size;
    if (shared > 0 && (!best || shared > best.shared)) best = { artifact, shared };
  }
  return best?.artifact ?? null;
}

/** Skills to name: the job's skills the portfolio has, by job weight; without any, the portfolio's strongest. */
function pickSkills(context: TemplateContext): Array<{ name: string; artifact: TPipelineArtifact }> {
  const { skills, plan } = context;
  const ids = skills.matched.length > 0 ? skills.matched.map((s) => s.id) : skills.others;
  return ids
    .slice(0, plan.summarySkills)
    .map((id) => ({ name: skills.nameOf(id), artifact: skills.artifactsWith(id)[0]! }));
}

/**
 * Two or three sentences: who (a role held, years of experience when the dates allow), with what (the job's
 * skills the portfolio has), a headline result with its figure, and the role applied for. Every sentence is
 * vetted against the artifacts it cites; one that fails is left out.
 */
export function buildCvSummary(context: TemplateContext): TDocumentItem | null {
  const { input, phraser, checker, plan } = context;
  const { job } = input;
  const roleArtifact = pickRole(context);
  const experience = computeExperienceYears(
    context.ranked.map((r) => r.artifact),
    context.now,
  );
  const named = pickSkills(context);
  const sentences: Sentence[] = [];

  const role = roleArtifact?.role ?? null;
  const years = experience ? `${experience.years} years of experience` : null;
  const withSkills = named.length > 0 ? `working with ${formatList(named.map((s) => s.name))}` : null;
  const opener =
    role && years
      ? `${role} with ${years}${withSkills ? ` ${withSkills}` : ''}.`
      : role
        ? `${role}${withSkills ? ` experienced in ${formatList(named.map((s) => s.name))}` : ''}.`
        : withSkills
          ? `Hands-on experience with ${formatList(named.map((s) => s.name))}${experience ? ` across ${experience.years} years of work` : ''}.`
          : experience
            ? `Experience spanning ${experience.years} years.`
            : null;
  if (opener) {
    const cites = [
      ...(roleArtifact ? [roleArtifact] : []),
      ...(experience ? [experience.first, experience.last] : []),
      ...named.map((s) => s.artifact),
    ];
    sentences.push({ text: opener, cites });
  }

  const highlight = context.featured
    .map((r) => r.artifact)
    .map((artifact) => ({ artifact, outcome: artifact.outcomes.find((o) => /\d/.test(o)) }))
    .find((h) => h.outcome !== undefined);
  if (highlight?.outcome) {
    const { artifact } = highlight;
    const where = [artifact.title, artifact.organization].filter(Boolean).join(', ');
    sentences.push({
      text: `Key result: ${phraser.bullet(highlight.outcome, artifact)} (${where}).`,
      cites: [artifact],
    });
  }

  if (plan.summarySentences >= 3 && job.title.trim()) {
    const target = `${job.title.trim()} role${job.company ? ` at ${job.company}` : ''}`;
    const cites = unique(sentences.flatMap((s) => s.cites));
    sentences.push({ text: `Looking to bring this experience to the ${target}.`, cites });
  }

  const kept = sentences.filter(
    (s) => s.cites.length > 0 && checker.checkText(s.text, checker.support(s.cites)).length === 0,
  );
  if (kept.length === 0) return null;
  const cited = unique(kept.flatMap((s) => s.cites));
  return {
    id: 'summary',
    title: null,
    subtitle: null,
    dates: null,
    text: kept.map((s) => s.text).join(' '),
    bullets: [],
    skills: [],
    links: [],
    sources: cited.map((a) => ({ artifactId: a.id, evidenceIds: [] })),
  };
}
