import {
  normalizeKey,
  type RankedArtifact,
  type Taxonomy,
  type TJobSkill,
  type TParsedJob,
  type TPipelineArtifact,
  type TSkillCategory,
} from '@dossier/core';

/** What the portfolio can truthfully claim about skills, in the job's vocabulary where the job names one. */
export interface SkillProfile {
  /** The job's spelling ("Golang") for a skill the job names, else the taxonomy's name, else as written. */
  nameOf(id: string): string;
  categoryOf(id: string): TSkillCategory | 'other';
  /** Every spelling of a skill seen in the taxonomy and the portfolio, longest first. */
  formsOf(id: string): string[];
  /** The job's skills the portfolio has, by job weight (required first on ties, then the job's order). */
  matched: TJobSkill[];
  /** The portfolio's other skills that appear in some artifact's technologies, strongest first. */
  others: string[];
  /** Ranked artifacts with the skill, best first. */
  artifactsWith(id: string): TPipelineArtifact[];
  /** An artifact's skill ids: its skills and its technologies normalised. */
  skillsOf(artifact: TPipelineArtifact): ReadonlySet<string>;
  /** Job weight of a skill, 0 when the job does not name it. */
  weightOf(id: string): number;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function buildSkillProfile(
  ranked: readonly RankedArtifact[],
  job: TParsedJob,
  taxonomy: Taxonomy,
): SkillProfile {
  const idOfTechnology = new Map<string, string>();
  const technologyId = (technology: string): string => {
    let id = idOfTechnology.get(technology);
    if (id === undefined) {
      id = taxonomy.normalize(technology)?.id ?? `x:${normalizeKey(technology)}`;
      idOfTechnology.set(technology, id);
    }
    return id;
  };
  const written = new Map<string, Set<string>>();
  const skillsByArtifact = new Map<TPipelineArtifact, Set<string>>();
  const holders = new Map<string, TPipelineArtifact[]>();
  const strength = new Map<string, number>();
  for (const { artifact, score } of ranked) {
    const ids = new Set(artifact.skills);
    const stack = new Set<string>();
    for (const technology of artifact.technologies) {
      const id = technologyId(technology);
      stack.add(id);
      const forms = written.get(id) ?? new Set<string>();
      forms.add(technology);
      written.set(id, forms);
    }
    // A skill in an artifact's stack is a strong skill; better-ranked artifacts make it stronger.
    for (const id of stack) {
      strength.set(id, (strength.get(id) ?? 0) + 1 + Math.max(0, score));
      ids.add(id);
    }
    skillsByArtifact.set(artifact, ids);
    for (const id of ids) {
      const list = holders.get(id) ?? [];
      list.push(artifact);
      holders.set(id, list);
    }
  }

  const jobSpelling = new Map(job.skills.map((s) => [s.id, s.name]));
  const jobWeight = new Map(job.skills.map((s) => [s.id, s.weight]));
  const jobOrder = new Map(job.skills.map((s, i) => [s.id, i]));
  const nameOf = (id: string): string =>
    jobSpelling.get(id) ?? taxonomy.get(id)?.name ?? [...(written.get(id) ?? [])][0] ?? id.replace(/^x:/, '');

  const matched = job.skills
    .filter((s) => holders.has(s.id))
    .sort(
      (a, b) =>
        b.weight - a.weight ||
        Number(b.required) - Number(a.required) ||
        jobOrder.get(a.id)! - jobOrder.get(b.id)!,
    );
  const matchedIds = new Set(matched.map((s) => s.id));
  const others = [...strength.keys()]
    .filter((id) => !matchedIds.has(id))
    .sort((a, b) => strength.get(b)! - strength.get(a)! || byText(nameOf(a), nameOf(b)));

  const forms = new Map<string, string[]>();
  return {
    nameOf,
    categoryOf: (id) => taxonomy.get(id)?.category ?? 'other',
    formsOf(id) {
      let list = forms.get(id);
      if (!list) {
        const entry = taxonomy.get(id);
        const all = new Set([...(entry ? [entry.name, ...entry.aliases] : []), ...(written.get(id) ?? [])]);
        list = [...all].sort((a, b) => b.length - a.length || byText(a, b));
        forms.set(id, list);
      }
      return list;
    },
    matched,
    others,
    artifactsWith: (id) => holders.get(id) ?? [],
    skillsOf: (artifact) => skillsByArtifact.get(artifact) ?? new Set(artifact.skills),
    weightOf: (id) => jobWeight.get(id) ?? 0,
  };
}
