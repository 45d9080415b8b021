import { findDateRange } from '../shared/find-date-range.js';
import { classifyResumeHeading, type ResumeSectionKind } from './classify-resume-heading.js';
import type { ResumeBlock, ResumeLink } from './resume-block.js';

export interface ResumeEntry {
  /** Heading lines: title, organisation, role, place, in whatever order the resume uses. */
  header: string[];
  summary: string[];
  bullets: string[];
  meta: string[];
  links: ResumeLink[];
}

export interface ResumeSection {
  heading: string;
  kind: ResumeSectionKind;
  entries: ResumeEntry[];
  /** Lines outside any entry: a summary paragraph, a skills list. */
  loose: string[];
}

export interface GroupedResume {
  /** The name given as a level-1 heading, if the resume has one. */
  name: string | null;
  header: ResumeBlock[];
  sections: ResumeSection[];
}

// A date in a side cell marks an entry; in the text only a range or a month does, on a short line: a year in a
// sentence or a citation ("(NeurIPS 2023)") does not.
function hasDate(block: ResumeBlock): boolean {
  if (block.meta.some((cell) => findDateRange(cell) !== null)) return true;
  if (block.text.length > 100) return false;
  const range = findDateRange(block.text);
  return range !== null && (range.end !== null || range.ongoing || range.start.length > 4);
}
// Sections that hold lines, not entries.
const LIST_SECTIONS: ReadonlySet<ResumeSectionKind> = new Set([
  'summary',
  'skills',
  'languages',
  'interests',
  'references',
  'contact',
]);
const newEntry = (header: string[] = []): ResumeEntry => ({
  header,
  summary: [],
  bullets: [],
  meta: [],
  links: [],
});
const isDated = (entry: ResumeEntry): boolean =>
  entry.meta.some((cell) => findDateRange(cell) !== null) ||
  entry.header.some((line) =>
    hasDate({ kind: 'text', text: line, level: 0, strong: false, meta: [], links: [] }),
  );
const hasBody = (entry: ResumeEntry): boolean => entry.summary.length > 0 || entry.bullets.length > 0;

/**
 * Picks the heading level that marks sections: the shallowest level holding a known section name ("## Skills"),
 * ignoring a lone level-1 heading at the top, which is the name.
 */
function sectionLevelOf(blocks: readonly ResumeBlock[], nameIndex: number): number {
  const headings = blocks.filter((block, i) => block.kind === 'heading' && i !== nameIndex);
  const known = headings.filter((block) => classifyResumeHeading(block.text) !== 'other');
  const levels = (known.length > 0 ? known : headings).map((block) => block.level);
  return levels.length > 0 ? Math.min(...levels) : 2;
}

function groupEntries(section: ResumeSection, blocks: readonly ResumeBlock[]): void {
  let current: ResumeEntry | undefined;
  const start = (header: string[]): ResumeEntry => {
    const entry = newEntry(header);
    section.entries.push(entry);
    return entry;
  };
  for (const block of blocks) {
    if (block.kind === 'heading') {
      current = start([block.text]);
    } else if (block.kind === 'text' && section.kind === 'education') {
      // Degree, school, place and dates often sit on lines of their own, none of them bold.
      const dated = hasDate(block);
      if (
        !current ||
        (dated && isDated(current)) ||
        (block.strong && isDated(current) && current.bullets.length > 0)
      ) {
        current = start([block.text]);
      } else current.header.push(block.text);
    } else if (block.kind === 'text') {
      const dated = hasDate(block);
      const headerish = block.strong || dated;
      // A second dated heading line starts the next entry even when this one had no body (a list of degrees).
      const nextEntry = dated && current !== undefined && isDated(current);
      if (current && headerish && !hasBody(current) && !nextEntry) current.header.push(block.text);
      else if (current && !headerish) current.summary.push(block.text);
      else current = start([block.text]);
    } else if (current) {
      current.bullets.push(block.text);
    } else if (hasDate(block)) {
      // A dated line in a plain list ("Forbes 30 Under 30 (2024)") is an entry of its own.
      section.entries.push({ ...newEntry([block.text]), meta: [...block.meta], links: [...block.links] });
      continue;
    } else {
      section.loose.push(block.text);
      continue;
    }
    current.meta.push(...block.meta);
    current.links.push(...block.links);
  }
}

/** Splits resume blocks into the header (above the first section) and sections of entries. */
export function groupResumeSections(blocks: readonly ResumeBlock[]): GroupedResume {
  const firstHeading = blocks.findIndex((block) => block.kind === 'heading');
  const nameIndex =
    firstHeading !== -1 &&
    blocks[firstHeading]!.level === 1 &&
    classifyResumeHeading(blocks[firstHeading]!.text) === 'other' &&
    blocks.filter((block) => block.kind === 'heading' && block.level === 1).length === 1
      ? firstHeading
      : -1;
  const sectionLevel = sectionLevelOf(blocks, nameIndex);
  const header: ResumeBlock[] = [];
  const sections: ResumeSection[] = [];
  const bodies: ResumeBlock[][] = [];
  let inContact = false;
  blocks.forEach((block, i) => {
    if (i === nameIndex) return;
    if (block.kind === 'heading' && block.level <= sectionLevel) {
      const kind = classifyResumeHeading(block.text);
      // A "Contact" section (a sidebar's, typically) is read with the header.
      inContact = kind === 'contact';
      if (inContact) return;
      sections.push({ heading: block.text, kind, entries: [], loose: [] });
      bodies.push([]);
    } else if (sections.length === 0 || inContact) header.push(block);
    else bodies[bodies.length - 1]!.push(block);
  });
  sections.forEach((section, i) => {
    const body = bodies[i]!;
    if (LIST_SECTIONS.has(section.kind)) section.loose.push(...body.map((block) => block.text));
    else groupEntries(section, body);
  });
  return { name: nameIndex === -1 ? null : blocks[nameIndex]!.text, header, sections };
}
