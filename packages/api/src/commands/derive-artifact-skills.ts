import { normalizeKey } from '@dossier/core';
import type { Taxonomy } from '../services/create-services.js';

/** Prefix for skills the taxonomy does not know: kept searchable by their normalised spelling. */
export const CUSTOM_SKILL_PREFIX = 'x:';

/**
 * An artifact's skills are its technologies normalised through the taxonomy, plus skills named in its text.
 * Unknown technologies are kept as `x:<key>` so a filter on their exact spelling still finds them.
 */
export function deriveArtifactSkills(
  taxonomy: Taxonomy,
  a: { technologies: string[]; title: string; summary: string; outcomes: string[]; role?: string | null },
): string[] {
  const ids = new Set(
    taxonomy.deriveSkills({
      technologies: a.technologies,
      text: [a.title, a.summary, a.role ?? '', ...a.outcomes].join('\n'),
    }),
  );
  for (const t of a.technologies) {
    if (!taxonomy.normalize(t)) ids.add(CUSTOM_SKILL_PREFIX + normalizeKey(t));
  }
  return [...ids];
}

/** The id a `skill=` filter looks for: the taxonomy id, or the custom key. */
export function skillFilterId(taxonomy: Taxonomy, name: string): string {
  return taxonomy.normalize(name)?.id ?? CUSTOM_SKILL_PREFIX + normalizeKey(name);
}

export function buildSearchText(a: {
  title: string;
  summary: string;
  role?: string | null;
  technologies: string[];
  outcomes: string[];
  collaborators: string[];
}): string {
  return [
    a.title,
    a.role ?? '',
    a.summary,
    a.technologies.join(' '),
    a.outcomes.join(' '),
    a.collaborators.join(' '),
  ]
    .filter(Boolean)
    .join('\n');
}
