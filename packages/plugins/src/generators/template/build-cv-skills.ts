import type { TDocumentItem, TPipelineArtifact, TSkillCategory } from '@dossier/core';
import type { TemplateContext } from './create-template-context.js';

const CATEGORY_HEADINGS: Record<TSkillCategory | 'other', string> = {
  language: 'Languages',
  framework: 'Frameworks',
  tool: 'Tools',
  platform: 'Platforms',
  domain: 'Practices',
  soft: 'Professional',
  other: 'Other',
};
// Each skill cites its best artifacts; two are enough to ground it and keep the sources list short.
const SOURCES_PER_SKILL = 2;

/**
 * The skills section: the job's skills the portfolio has, by job weight, then the portfolio's other strong
 * skills, capped; grouped by category, groups ordered by their most important skill. Never a skill the
 * portfolio lacks.
 */
export function buildCvSkills(context: TemplateContext, maxSkills: number): TDocumentItem[] {
  const { skills } = context;
  const ids = [...skills.matched.map((s) => s.id), ...skills.others].slice(0, maxSkills);
  const groups = new Map<TSkillCategory | 'other', string[]>();
  for (const id of ids) {
    const category = skills.categoryOf(id);
    const group = groups.get(category) ?? [];
    group.push(id);
    groups.set(category, group);
  }
  return [...groups].map(([category, members]) => {
    const cited: TPipelineArtifact[] = [];
    for (const id of members)
      for (const artifact of skills.artifactsWith(id).slice(0, SOURCES_PER_SKILL))
        if (!cited.includes(artifact)) cited.push(artifact);
    return {
      id: `skills-${category}`,
      title: CATEGORY_HEADINGS[category],
      subtitle: null,
      dates: null,
      text: null,
      bullets: [],
      skills: members.map((id) => skills.nameOf(id)),
      links: [],
      sources: cited.map((a) => ({ artifactId: a.id, evidenceIds: [] })),
    };
  });
}
