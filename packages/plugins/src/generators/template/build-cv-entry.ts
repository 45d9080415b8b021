import type { TDocumentItem, TPipelineArtifact } from '@dossier/core';
import { firstSentence, type TemplateContext, unique } from './create-template-context.js';
import { selectEvidenceLinks } from './select-evidence-links.js';

// A stack line longer than this stops being read.
const MAX_STACK = 8;

export interface EntryOptions {
  bullets: number;
  links: number;
  showBrokenEvidence: boolean;
}

/**
 * One Experience or Projects entry: title, role · organisation, dates, bullets from the outcomes (those with
 * figures first, since a CV line should lead with its result), a stack line in the job's spelling with the
 * job's skills first, and evidence links. Everything comes from the artifact it cites.
 */
export function buildCvEntry(
  context: TemplateContext,
  artifact: TPipelineArtifact,
  section: 'experience' | 'projects',
  options: EntryOptions,
): TDocumentItem {
  const { phraser, skills, deps } = context;
  const outcomes = [
    ...artifact.outcomes.filter((o) => /\d/.test(o)),
    ...artifact.outcomes.filter((o) => !/\d/.test(o)),
  ];
  const lines = outcomes.map((o) => phraser.bullet(o, artifact));
  if (lines.length < 2 && artifact.summary.trim())
    lines.push(phraser.bullet(firstSentence(artifact.summary), artifact));
  const bullets = unique(lines.filter(Boolean)).slice(0, options.bullets);

  const stack: Array<{ id: string; name: string; weight: number; i: number }> = [];
  const seen = new Set<string>();
  artifact.technologies.forEach((technology, i) => {
    const id = deps.taxonomy.normalize(technology)?.id ?? technology;
    if (seen.has(id)) return;
    seen.add(id);
    const weight = skills.weightOf(id);
    stack.push({ id, name: weight > 0 ? skills.nameOf(id) : technology, weight, i });
  });
  const ordered = stack
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
    .slice(0, MAX_STACK)
    .map((s) => s.name);

  const evidence = selectEvidenceLinks(artifact, options.links, options.showBrokenEvidence);
  const subtitle = [artifact.role, artifact.organization].filter(Boolean).join(' · ');
  return {
    id: `${section}-${artifact.id}`,
    title: artifact.title,
    subtitle: subtitle || null,
    dates: { start: artifact.startDate.slice(0, 7), end: artifact.endDate?.slice(0, 7) ?? null },
    text: null,
    bullets,
    skills: ordered,
    links: evidence.links,
    sources: [{ artifactId: artifact.id, evidenceIds: evidence.evidenceIds }],
  };
}
