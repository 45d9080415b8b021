import type { Taxonomy, TParsedJob } from '@dossier/core';
import { normalizeKey } from '@dossier/core';

export interface CriticalTerm {
  /** Stable key: the skill id, or `kw:<normalised term>` for a keyword the taxonomy does not know. */
  key: string;
  name: string;
  source: 'skill' | 'keyword';
  /** The taxonomy skill the term denotes, when there is one. */
  skillId: string | null;
  required: boolean;
  weight: number;
}

export interface SelectCriticalTermsOptions {
  /** Optional skills at or above this weight count as critical. */
  minWeight?: number;
  /** At most this many skills in all; required skills always count. */
  maxSkills?: number;
}

const CRITICAL_KEYWORD_KINDS = new Set(['certification', 'method']);

/**
 * What an ATS would screen for: every required skill, the heaviest optional skills, and the certification and
 * method keywords. A keyword that is also a skill ("CI/CD") counts once.
 */
export function selectCriticalTerms(
  job: TParsedJob,
  taxonomy: Taxonomy,
  { minWeight = 0.5, maxSkills = 12 }: SelectCriticalTermsOptions = {},
): CriticalTerm[] {
  const terms = new Map<string, CriticalTerm>();
  const add = (term: CriticalTerm) => {
    const existing = terms.get(term.key);
    if (!existing) terms.set(term.key, term);
    else if (term.required && !existing.required) terms.set(term.key, { ...existing, required: true });
  };
  const skillId = (id: string) => (id.startsWith('x:') ? null : id);

  const required = job.skills.filter((s) => s.required);
  const optional = job.skills
    .filter((s) => !s.required && s.weight >= minWeight)
    .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name))
    .slice(0, Math.max(0, maxSkills - required.length));
  for (const skill of [...required, ...optional]) {
    add({
      key: skill.id,
      name: skill.name,
      source: 'skill',
      skillId: skillId(skill.id),
      required: skill.required,
      weight: skill.weight,
    });
  }
  for (const keyword of job.keywords) {
    if (!CRITICAL_KEYWORD_KINDS.has(keyword.kind)) continue;
    const skill = taxonomy.normalize(keyword.term);
    add({
      key: skill?.id ?? `kw:${normalizeKey(keyword.term)}`,
      name: skill?.name ?? keyword.term,
      source: skill ? 'skill' : 'keyword',
      skillId: skill?.id ?? null,
      required: false,
      weight: keyword.weight,
    });
  }
  return [...terms.values()];
}
