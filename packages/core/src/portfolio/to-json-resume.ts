import type { Portfolio, PortfolioArtifact } from './portfolio.js';

/** A JSON Resume document (https://jsonresume.org/schema), the subset Dossier writes. */
export interface JsonResume {
  $schema?: string;
  basics: {
    name?: string;
    email?: string;
    label?: string;
    location?: { city?: string };
    profiles?: unknown[];
  };
  projects: Array<{
    name: string;
    description: string;
    highlights: string[];
    keywords: string[];
    startDate: string;
    endDate?: string;
    url?: string;
    roles?: string[];
  }>;
  skills: Array<{ name: string; keywords: string[] }>;
  meta: { version: string; lastModified: string };
}

const JSON_RESUME_SCHEMA = 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json';

/** JSON Resume dates are ISO 8601 with optional month/day; Dossier stores full dates. */
const isoDate = (d: string) => (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(d) ? d : d.slice(0, 10));

function bestEvidenceUrl(a: PortfolioArtifact): string | undefined {
  const order = ['valid', 'redirected', 'unchecked', 'unverifiable'];
  const usable = a.evidence.filter((e) => !e.status || order.includes(e.status));
  usable.sort((x, y) => order.indexOf(x.status ?? 'unchecked') - order.indexOf(y.status ?? 'unchecked'));
  return usable[0]?.url;
}

/**
 * Maps a portfolio to JSON Resume: every artifact becomes a project (outcomes as highlights, technologies as
 * keywords, the strongest evidence link as its url); skills are grouped by the labels' names or one group.
 */
export function toJsonResume(p: Portfolio): JsonResume {
  const projects = p.artifacts.map((a) => {
    const url = bestEvidenceUrl(a);
    return {
      name: a.title,
      description: a.summary,
      highlights: a.outcomes,
      keywords: a.technologies,
      startDate: isoDate(a.startDate),
      ...(a.endDate ? { endDate: isoDate(a.endDate) } : {}),
      ...(url ? { url } : {}),
      ...(a.role ? { roles: [a.role] } : {}),
    };
  });
  const skillNames = new Map<string, string>();
  for (const a of p.artifacts) {
    for (const s of a.skills ?? a.technologies.map((t) => ({ id: t.toLowerCase(), name: t }))) {
      if (!skillNames.has(s.id)) skillNames.set(s.id, s.name);
    }
  }
  return {
    $schema: JSON_RESUME_SCHEMA,
    basics: {
      ...(p.profile.name ? { name: p.profile.name } : {}),
      ...(p.profile.email ? { email: p.profile.email } : {}),
      ...(p.profile.headline ? { label: p.profile.headline } : {}),
      ...(p.profile.location ? { location: { city: p.profile.location } } : {}),
    },
    projects,
    skills: skillNames.size ? [{ name: 'Technologies', keywords: [...skillNames.values()] }] : [],
    meta: { version: 'v1.0.0', lastModified: p.exportedAt },
  };
}
