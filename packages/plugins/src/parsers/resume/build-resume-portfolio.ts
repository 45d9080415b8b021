import type { StageContext, Taxonomy, TPipelineArtifact, TPipelinePortfolio, TProfile } from '@dossier/core';
import { createEvidence } from '../shared/create-evidence.js';
import { attachProfileSkills, deriveTechnologies, readStackLine } from '../shared/derive-technologies.js';
import { findUrls } from '../shared/find-contacts.js';
import { type DateRange, findDateRange, isDateOnly } from '../shared/find-date-range.js';
import { ARTIFACT_SECTIONS } from './classify-resume-heading.js';
import { groupResumeSections, type ResumeEntry, type ResumeSection } from './group-resume-sections.js';
import { readResumeHeader } from './read-resume-header.js';
import type { ResumeBlock } from './resume-block.js';
import { splitEducationHeader, splitEntryHeader } from './split-entry-header.js';

export interface BuildResumeOptions {
  blocks: readonly ResumeBlock[];
  /** Artifact ids are `<idPrefix>-<section kind>-<n>`: `md-experience-0`. */
  idPrefix: string;
  taxonomy: Taxonomy;
  report: StageContext['report'];
  /** The name when the layout already identified it (PDF: the largest type at the top). */
  name?: string | null;
  /** Used, with a warning, when no name can be found at all. */
  fallbackName?: string;
}

const SECTION_ID: Record<string, string> = {
  experience: 'experience',
  projects: 'project',
  publications: 'publication',
  awards: 'award',
  certifications: 'certificate',
  volunteer: 'volunteer',
  talks: 'talk',
  patents: 'patent',
  other: 'entry',
};

/** The entry's dates: side cells first (a date column), then its heading lines. */
function entryDates(entry: ResumeEntry): { range: DateRange | null; header: string[] } {
  const metaRange = findDateRange(entry.meta.join(' '));
  const header = entry.header.map((line) => line);
  if (metaRange) return { range: metaRange, header };
  for (let i = 0; i < header.length; i++) {
    const range = findDateRange(header[i]!);
    if (!range) continue;
    const line = header[i]!;
    header[i] = `${line.slice(0, range.index)} ${line.slice(range.index + range.length)}`
      .replace(/\(\s*\)|\[\s*\]/g, ' ')
      .trim();
    return { range, header };
  }
  return { range: null, header };
}

function toArtifact(
  entry: ResumeEntry,
  section: ResumeSection,
  id: string,
  taxonomy: Taxonomy,
  range: DateRange,
  header: string[],
): TPipelineArtifact {
  const { title, role, organization } = splitEntryHeader(
    header.filter((line) => line && !isDateOnly(line)),
    section.kind,
  );
  const { items: stack, rest: summaryLines } = readStackLine(entry.summary);
  const { items: bulletStack, rest: outcomes } = readStackLine(entry.bullets);
  const summary = summaryLines.join(' ').replace(/\s+/g, ' ').trim();
  const text = [title, summary, ...outcomes].join('\n');
  const technologies = deriveTechnologies([...stack, ...bulletStack], text, taxonomy);
  const urls = [
    ...entry.links
      .filter((link) => /^https?:/i.test(link.url))
      .map((link) => ({ url: link.url, title: link.label })),
    ...findUrls([...entry.header, ...entry.summary, ...entry.bullets].join('\n')).map((url) => ({
      url,
      title: null,
    })),
  ];
  return {
    id,
    title: title || section.heading,
    summary,
    role: role ?? null,
    organization: organization ?? null,
    startDate: range.start,
    // A single date (a paper, an award) is a point in time, not an open-ended role.
    endDate: range.ongoing ? null : (range.end ?? range.start),
    technologies,
    skills: taxonomy.deriveSkills({ technologies, text }),
    collaborators: [],
    outcomes,
    evidence: createEvidence(id, urls),
    labels: [],
  };
}

function toEducation(entry: ResumeEntry): TProfile['education'][number] {
  const { range, header } = entryDates(entry);
  const { institution, studyType, area } = splitEducationHeader(
    header.filter((line) => line && !isDateOnly(line)),
  );
  // A single date on a degree is when it was awarded.
  const single = range !== null && range.end === null && !range.ongoing;
  return {
    institution,
    area,
    studyType,
    startDate: range && !single ? range.start : null,
    endDate: range ? (single ? range.start : range.end) : null,
  };
}

function skillsOf(sections: readonly ResumeSection[]): string[] {
  return sections
    .filter((section) => section.kind === 'skills')
    .flatMap((section) => section.loose)
    .map((line) => line.replace(/^[^:]{1,40}:\s*/u, '').replace(/[()]/g, ','))
    .flatMap((line) => line.split(/\s*[,;|·•]\s*|\s+\/\s+|\s+(?:and|und|&)\s+/u))
    .map((item) =>
      item
        .replace(/\.$/, '')
        .replace(/^(?:and|und)\s+/i, '')
        .trim(),
    )
    .filter((item) => item.length > 0 && item.length <= 40);
}

/**
 * Resume blocks → portfolio: the header gives the profile; Experience, Projects, Publications and other
 * dated entries become artifacts (ids `<prefix>-<kind>-<n>`); Education goes to the profile; Skills join the
 * technologies of the artifacts that mention them. Undated entries are skipped with a warning, because an
 * artifact must say when it happened.
 */
export function buildResumePortfolio(options: BuildResumeOptions): TPipelinePortfolio {
  const { blocks, idPrefix, taxonomy, report } = options;
  const grouped = groupResumeSections(blocks);
  const header = readResumeHeader(grouped.header, options.name ?? grouped.name);
  let name = header.name?.trim() ?? '';
  if (!name) {
    name = options.fallbackName ?? 'Unnamed candidate';
    report({
      ruleId: 'resume/missing-name',
      severity: 'warning',
      message: `No name found; using "${name}".`,
    });
  }
  const artifacts: TPipelineArtifact[] = [];
  const education: TProfile['education'] = [];
  const counters = new Map<string, number>();
  for (const section of grouped.sections) {
    if (section.kind === 'education') {
      education.push(...section.entries.map(toEducation).filter((e) => e.institution));
      continue;
    }
    if (!ARTIFACT_SECTIONS.has(section.kind)) continue;
    for (const entry of section.entries) {
      const { range, header: lines } = entryDates(entry);
      if (!range) {
        if (section.kind === 'experience' || section.kind === 'projects') {
          report({
            ruleId: 'resume/undated-entry',
            severity: 'warning',
            message: `Skipped "${entry.header.join(' ').slice(0, 80)}" in ${section.heading}: it has no date.`,
            ref: { sectionId: section.kind },
          });
        }
        continue;
      }
      const kindId = SECTION_ID[section.kind] ?? 'entry';
      const n = counters.get(kindId) ?? 0;
      counters.set(kindId, n + 1);
      artifacts.push(toArtifact(entry, section, `${idPrefix}-${kindId}-${n}`, taxonomy, range, lines));
    }
  }
  const { unattached } = attachProfileSkills(artifacts, skillsOf(grouped.sections), taxonomy);
  if (unattached.length > 0) {
    report({
      ruleId: 'resume/unattached-skills',
      severity: 'info',
      message: `Skills listed but not shown by any entry, so not claimed: ${unattached.slice(0, 30).join(', ')}.`,
    });
  }
  const profile: TProfile = {
    name,
    headline: header.headline,
    email: header.email,
    phone: header.phone,
    location: header.location,
    links: header.links,
    education,
  };
  return { profile, artifacts };
}
