import type { TPipelinePortfolio } from '../domain/pipeline-artifact.js';
import type { Portfolio } from './portfolio.js';

/**
 * A Dossier portfolio export as the pipeline consumes it. Exports made by the API carry ids for artifacts and
 * evidence; hand-written files may not, so stable ids are made up from positions.
 */
export function toPipelinePortfolio(
  p: Portfolio,
  deriveSkills?: (technologies: string[], text: string) => string[],
): TPipelinePortfolio {
  return {
    profile: {
      name: p.profile.name ?? 'Unnamed',
      headline: p.profile.headline ?? null,
      email: p.profile.email ?? null,
      phone: null,
      location: p.profile.location ?? null,
      links: [],
      education: [],
    },
    artifacts: p.artifacts.map((a, i) => {
      const id = a.id ?? `artifact-${i + 1}`;
      return {
        id,
        title: a.title,
        summary: a.summary ?? '',
        role: a.role ?? null,
        organization: null,
        startDate: a.startDate,
        endDate: a.endDate ?? null,
        technologies: a.technologies ?? [],
        skills:
          a.skills?.map((s) => s.id) ??
          deriveSkills?.(a.technologies ?? [], [a.title, a.summary, ...(a.outcomes ?? [])].join('\n')) ??
          [],
        collaborators: a.collaborators ?? [],
        outcomes: a.outcomes ?? [],
        evidence: (a.evidence ?? []).map((e, j) => ({
          id: e.id ?? `${id}-evidence-${j + 1}`,
          url: e.url,
          title: e.title ?? null,
          kind: e.kind ?? 'other',
          status:
            (e.status as TPipelinePortfolio['artifacts'][number]['evidence'][number]['status']) ??
            'unchecked',
        })),
        labels: (a.labels ?? []).map((l, j) => ({ id: l.id ?? `label-${j + 1}`, name: l.name })),
        ...(a.visibility ? { visibility: a.visibility } : {}),
      };
    }),
    labels: (p.labels ?? []).map((l) => ({
      name: l.name,
      ...(l.description !== undefined ? { description: l.description } : {}),
      ...(l.colour ? { colour: l.colour } : {}),
      ...(l.skillFocus ? { skillFocus: l.skillFocus } : {}),
    })),
  };
}
