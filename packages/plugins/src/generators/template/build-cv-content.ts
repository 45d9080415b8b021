import type { TDocumentContent, TDocumentItem, TDocumentSection, TProfile } from '@dossier/core';
import { buildCvEntry } from './build-cv-entry.js';
import { buildCvSkills } from './build-cv-skills.js';
import { buildCvSummary } from './build-cv-summary.js';
import type { TemplateContext } from './create-template-context.js';

export interface CvOptions {
  /** Skills listed in the skills section; by default it follows the length (10, 16, 24). */
  maxSkills?: number;
  /** Evidence links per entry. */
  maxLinksPerItem: number;
  /** Show broken and blocked links (they are left out by default). */
  showBrokenEvidence: boolean;
}

const section = (
  id: TDocumentSection['kind'],
  heading: string,
  items: TDocumentItem[],
): TDocumentSection => ({
  id,
  kind: id,
  heading,
  items,
});

/** Sort key for reverse-chronological order: ongoing work first, then by end and start date. */
const recency = (end: string | null, start: string): string => `${end === null ? '9999' : end}|${start}`;

function buildEducation(profile: TProfile): TDocumentItem[] {
  return profile.education.map((e, i) => {
    const start = e.startDate ?? e.endDate;
    return {
      id: `education-${i + 1}`,
      title: e.institution,
      subtitle: [e.studyType, e.area].filter(Boolean).join(', ') || null,
      dates: start ? { start: start.slice(0, 7), end: e.endDate?.slice(0, 7) ?? null } : null,
      text: null,
      bullets: [],
      skills: [],
      links: [],
      sources: [],
    };
  });
}

/**
 * A CV: header from the profile, Summary, Skills, Experience (featured artifacts done for an organisation,
 * most recent first), Projects (the other featured artifacts, best match first) and Education, under the
 * plain headings ATS parsers look for.
 */
export function buildCvContent(
  context: TemplateContext,
  options: CvOptions,
  generator: string,
): TDocumentContent {
  const { input, plan, featured } = context;
  const { job, profile } = input;
  const sections: TDocumentSection[] = [];

  const summary = buildCvSummary(context);
  if (summary) sections.push(section('summary', 'Summary', [summary]));

  const skills = buildCvSkills(context, options.maxSkills ?? plan.skills);
  if (skills.length > 0) sections.push(section('skills', 'Skills', skills));

  const entryOptions = (rank: number) => ({
    // The three best matches get the full bullet count; later entries one fewer, never under two.
    bullets: rank < 3 ? plan.bullets : Math.max(2, plan.bullets - 1),
    links: options.maxLinksPerItem,
    showBrokenEvidence: options.showBrokenEvidence,
  });
  const ranked = featured.map((r, rank) => ({ artifact: r.artifact, rank }));
  const employed = ranked
    .filter((r) => r.artifact.organization)
    .sort((a, b) => {
      const ka = recency(a.artifact.endDate, a.artifact.startDate);
      const kb = recency(b.artifact.endDate, b.artifact.startDate);
      return ka < kb ? 1 : ka > kb ? -1 : a.rank - b.rank;
    });
  const projects = ranked.filter((r) => !r.artifact.organization);
  if (employed.length > 0)
    sections.push(
      section(
        'experience',
        'Experience',
        employed.map((r) => buildCvEntry(context, r.artifact, 'experience', entryOptions(r.rank))),
      ),
    );
  if (projects.length > 0)
    sections.push(
      section(
        'projects',
        'Projects',
        projects.map((r) => buildCvEntry(context, r.artifact, 'projects', entryOptions(r.rank))),
      ),
    );

  const education = buildEducation(profile);
  if (education.length > 0) sections.push(section('education', 'Education', education));

  const target = [job.title.trim(), job.company].filter(Boolean).join(' - ');
  return {
    kind: 'cv',
    title: target ? `CV - ${target}` : 'CV',
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
      tone: input.options.tone,
      generatedAt: context.now.toISOString(),
    },
  };
}
