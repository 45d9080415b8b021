import type { TAtsFinding } from '@dossier/core';
import { findDateStyles } from './date-styles.js';
import { classifyHeading, type StandardHeadingKind } from './standard-headings.js';

export interface TextStructureInput {
  text: string;
  /** Known for PDFs only. */
  pageCount: number | null;
  /** Ligature glyphs the PDF extractor saw. */
  ligatureGlyphs?: string[];
  maxPages?: number;
  maxBulletLength?: number;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}/;
const BULLET = /^\s*(?:[•▪◦●‣*-]|\d+[.)])\s+/;
const MAX_HEADING_LENGTH = 50;

/** Lines that read as section headings ("EXPERIENCE", "Work history:"), with the kind each stands for. */
export function findHeadings(text: string): { heading: string; kind: StandardHeadingKind }[] {
  const found: { heading: string; kind: StandardHeadingKind }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/:$/, '');
    if (!line || line.length > MAX_HEADING_LENGTH) continue;
    const kind = classifyHeading(line);
    if (kind) found.push({ heading: line, kind });
  }
  return found;
}

/**
 * The structure rules that work on extracted text alone, for a resume uploaded without structured content:
 * headings found, contact details, one date style, bullet lengths, page count, characters lost in extraction.
 */
export function checkTextStructure(input: TextStructureInput): {
  findings: TAtsFinding[];
  details: Record<string, unknown>;
} {
  const findings: TAtsFinding[] = [];
  const add = (ruleId: string, severity: TAtsFinding['severity'], message: string, fix: string) =>
    findings.push({ ruleId: `structure/${ruleId}`, severity, message, fix, ref: null });
  const { text } = input;
  const headings = findHeadings(text);
  const kinds = new Set(headings.map((h) => h.kind));

  if (headings.length === 0) {
    add(
      'no-headings',
      'error',
      'No standard section headings were found.',
      'Use headings such as Summary, Experience, Skills and Education, each on its own line.',
    );
  } else {
    if (!kinds.has('experience') && !kinds.has('projects')) {
      add(
        'no-experience',
        'error',
        'No Experience or Projects heading was found.',
        'Head your work history "Experience".',
      );
    }
    if (!kinds.has('skills'))
      add(
        'no-skills',
        'warning',
        'No Skills heading was found.',
        'Add a Skills section listing the job’s skills you have.',
      );
    if (!kinds.has('education'))
      add(
        'no-education',
        'info',
        'No Education heading was found.',
        'Add an Education section if the job asks for a degree.',
      );
  }

  const email = EMAIL.exec(text)?.[0] ?? null;
  const phone = PHONE.exec(text)?.[0]?.trim() ?? null;
  if (!email)
    add(
      'missing-email',
      'error',
      'No e-mail address could be read.',
      'Write your e-mail address as plain text near the top.',
    );
  if (!phone)
    add(
      'missing-phone',
      'info',
      'No phone number could be read.',
      'Add a phone number if you want recruiters to call.',
    );

  const dateStyles = findDateStyles(text);
  if (Object.keys(dateStyles).length > 1) {
    add(
      'mixed-date-formats',
      'warning',
      `Dates are written in several styles (${Object.keys(dateStyles).join(', ')}).`,
      'Write every date the same way, for example "Mar 2021".',
    );
  }

  const maxBullet = input.maxBulletLength ?? 200;
  const long = text.split('\n').filter((line) => BULLET.test(line) && line.trim().length > maxBullet);
  if (long.length > 0) {
    add(
      'long-bullet',
      'warning',
      `${long.length} bullet(s) run past ${maxBullet} characters.`,
      'Split long bullets so each says one thing.',
    );
  }

  const maxPages = input.maxPages ?? 2;
  if (input.pageCount !== null && input.pageCount > maxPages) {
    add(
      'too-many-pages',
      'error',
      `The document has ${input.pageCount} pages.`,
      `Cut it to ${maxPages} pages, keeping the most relevant work.`,
    );
  }
  const ligatures = [
    ...new Set([...(text.match(/[\uFB00-\uFB06]/gu) ?? []), ...(input.ligatureGlyphs ?? [])]),
  ];
  if (ligatures.length > 0) {
    add(
      'ligatures',
      'warning',
      `Ligature glyphs (${ligatures.join(' ')}) may hide words such as "efficient" from an ATS.`,
      'Export the PDF with ligatures turned off.',
    );
  }
  if (text.includes('\uFFFD') || text.includes(String.fromCharCode(0))) {
    add(
      'unknown-characters',
      'warning',
      'Some characters could not be read.',
      'Use a font that embeds every character, or re-export from the source document.',
    );
  }

  return {
    findings,
    details: {
      pageCount: input.pageCount,
      headings: headings.map((h) => h.heading),
      email,
      phone,
      dateStyles,
    },
  };
}
