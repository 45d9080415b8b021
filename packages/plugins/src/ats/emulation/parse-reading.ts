import {
  classifyHeading,
  normalizeHeading,
  STANDARD_HEADINGS,
  type StandardHeadingKind,
} from '../standard-headings.js';
import type { AtsProfileRules } from './ats-profiles.js';
import type { ProfileReading } from './read-as-profile.js';

export type ParsedSectionKind = StandardHeadingKind | 'top';

export interface ParsedSection {
  kind: ParsedSectionKind;
  heading: string | null;
  /** The heading and the lines under it, joined by spaces. */
  text: string;
}

export interface ParsedResume {
  /** The first lines, where a parser looks for the name. */
  topLines: string[];
  sections: ParsedSection[];
  /** Lines styled or written as headings that the profile did not accept as headings. */
  unrecognisedHeadings: string[];
}

const TOP_LINES = 5;
const MAX_HEADING_LENGTH = 60;
const MAX_HEADING_WORDS = 6;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+';
// "Mar 2021 – Present", "2019-2021", "06/2019 to 02/2021": what marks a section of dated entries.
const DATE_RANGE = new RegExp(
  `(?:${MONTH}|\\d{1,2}/)?(?:19|20)\\d{2}\\s*(?:–|—|-|to)\\s*(?:(?:${MONTH}|\\d{1,2}/)?(?:19|20)\\d{2}|present|current|now|today)`,
  'i',
);
// Kinds in the order a heading that names several ("Experience and projects") is assigned.
const KIND_PRIORITY: StandardHeadingKind[] = [
  'experience',
  'projects',
  'education',
  'skills',
  'summary',
  'other',
];

function looksLikeHeading(line: string, styled: boolean): boolean {
  const text = line.trim().replace(/:$/, '');
  if (!text || text.length > MAX_HEADING_LENGTH || text.split(/\s+/).length > MAX_HEADING_WORDS) return false;
  if (/[.!?]$/.test(text) || /@|\d{3}/.test(text)) return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  const capitals =
    letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  return styled || capitals;
}

/** A heading that contains a dictionary heading ("Relevant work experience" → experience). */
function containedKind(line: string): StandardHeadingKind | null {
  const padded = ` ${normalizeHeading(line)} `;
  for (const kind of KIND_PRIORITY) {
    if (STANDARD_HEADINGS[kind].some((entry) => padded.includes(` ${entry} `))) return kind;
  }
  return null;
}

/**
 * Splits a profile's reading into sections the way a resume parser does: a heading starts a section; with
 * `dictionary` headings only dictionary headings count, otherwise a line that looks like a heading does too,
 * and a section under an unknown heading is classified by its content (dated entries: experience).
 */
export function parseReading(
  reading: ProfileReading,
  rules: Pick<AtsProfileRules, 'headings'>,
): ParsedResume {
  const sections: { kind: ParsedSectionKind | null; heading: string | null; lines: string[] }[] = [
    { kind: 'top', heading: null, lines: [] },
  ];
  const unrecognisedHeadings: string[] = [];
  const lines = reading.lines.filter((line) => line.text.trim());
  lines.forEach((line, index) => {
    const text = line.text.trim();
    const known = text.length <= MAX_HEADING_LENGTH ? classifyHeading(text) : null;
    // The first line is the name, usually set large; it is never a section heading.
    const styled = index > 0 && looksLikeHeading(text, line.headingStyle);
    if (known || (styled && rules.headings === 'layout-and-dictionary')) {
      sections.push({ kind: known ?? containedKind(text), heading: text, lines: [text] });
      return;
    }
    if (styled) unrecognisedHeadings.push(text);
    sections[sections.length - 1]!.lines.push(text);
  });
  return {
    topLines: lines.slice(0, TOP_LINES).map((line) => line.text.trim()),
    sections: sections.map((section) => {
      const text = section.lines.join(' ');
      return {
        kind: section.kind ?? (DATE_RANGE.test(text) ? 'experience' : 'other'),
        heading: section.heading,
        text,
      };
    }),
    unrecognisedHeadings,
  };
}
