import type { TAtsFinding, TDocumentContent } from '@dossier/core';
import { definePlugin } from '@dossier/core/plugins';
import { shownHeading } from '../exporters/prepare-export-view.js';
import { classifyDate } from './date-styles.js';
import { extractPdfText } from './extract-pdf-text.js';
import { scoreFindings } from './score-findings.js';
import { classifyHeading, suggestHeading } from './standard-headings.js';

export interface StructureOptions {
  maxCvPages?: number;
  maxLetterPages?: number;
  maxBulletLength?: number;
  minBulletLength?: number;
}

interface Limits {
  maxCvPages: number;
  maxLetterPages: number;
  maxBulletLength: number;
  minBulletLength: number;
}

const DEFAULT_LIMITS: Limits = {
  maxCvPages: 2,
  maxLetterPages: 1,
  maxBulletLength: 200,
  minBulletLength: 20,
};

const isEmptyItem = (item: TDocumentContent['sections'][number]['items'][number]) =>
  !item.title && !item.text && item.bullets.length === 0 && item.skills.length === 0;

/**
 * Structure rules on the content itself: standard headings, the sections an ATS looks for, one date style,
 * bullet lengths, no empty sections, a contact e-mail, and the page count of the rendered PDF.
 */
export function checkContentStructure(
  content: TDocumentContent,
  pageCount: number | null,
  limits: Limits = DEFAULT_LIMITS,
): TAtsFinding[] {
  const findings: TAtsFinding[] = [];
  const add = (
    ruleId: string,
    severity: TAtsFinding['severity'],
    message: string,
    fix: string,
    ref: string | null = null,
  ) => findings.push({ ruleId: `structure/${ruleId}`, severity, message, fix, ref });
  const isCv = content.kind === 'cv';

  for (const section of content.sections) {
    const heading = shownHeading(content.kind, section);
    // A letter is prose: its sections need no headings.
    if (isCv && heading === '') {
      add(
        'missing-heading',
        'error',
        `Section "${section.id}" has no heading.`,
        `Give it a standard heading such as "${suggestHeading(section.kind)}".`,
        section.id,
      );
    } else if (heading && classifyHeading(heading) === null) {
      add(
        'non-standard-heading',
        'warning',
        `"${heading}" is not a heading ATS parsers recognise.`,
        `Rename it to "${suggestHeading(section.kind)}" or another standard heading.`,
        section.id,
      );
    }
    if (section.items.length === 0 || section.items.every(isEmptyItem)) {
      add(
        'empty-section',
        'warning',
        `Section "${heading || section.id}" is empty.`,
        'Fill it or remove it.',
        section.id,
      );
    }
    for (const item of section.items) {
      for (const bullet of item.bullets) {
        const length = bullet.trim().length;
        if (length > limits.maxBulletLength) {
          add(
            'long-bullet',
            'warning',
            `A bullet of ${length} characters in "${item.title ?? heading}" is hard to scan.`,
            `Split it or cut it below ${limits.maxBulletLength} characters.`,
            item.id,
          );
        } else if (length < limits.minBulletLength) {
          add(
            'short-bullet',
            'warning',
            `The bullet "${bullet.trim()}" is too short to say what you did.`,
            'Say what you did and what came of it, with a number if you have one.',
            item.id,
          );
        }
      }
    }
  }

  if (isCv) {
    const kinds = new Set(
      content.sections.filter((s) => s.items.some((i) => !isEmptyItem(i))).map((s) => s.kind),
    );
    if (!kinds.has('experience') && !kinds.has('projects')) {
      add(
        'no-experience',
        'error',
        'There is no Experience or Projects section.',
        'Add an Experience section with your most relevant work.',
      );
    }
    if (!kinds.has('skills'))
      add(
        'no-skills',
        'warning',
        'There is no Skills section.',
        'Add a Skills section listing the job’s skills you have.',
      );
    if (!kinds.has('education'))
      add(
        'no-education',
        'info',
        'There is no Education section.',
        'Add an Education section if the job asks for a degree.',
      );

    const precisions = new Map<string, string[]>();
    for (const section of content.sections) {
      for (const item of section.items) {
        for (const value of [item.dates?.start, item.dates?.end]) {
          if (!value) continue;
          const style = classifyDate(value);
          if (style === 'other') {
            add(
              'unparseable-date',
              'warning',
              `The date "${value}" is not in a standard form.`,
              'Write dates as year and month, for example 2021-03.',
              item.id,
            );
          } else precisions.set(style, [...(precisions.get(style) ?? []), item.id]);
        }
      }
    }
    if (precisions.size > 1) {
      add(
        'mixed-date-formats',
        'warning',
        `Some dates give a month and others only a year (${[...(precisions.get('year') ?? [])].join(', ')}).`,
        'Give every date as a month and year.',
      );
    }
  }

  if (!content.profile.email?.trim()) {
    add(
      'missing-email',
      'error',
      'There is no contact e-mail address.',
      'Add an e-mail address to your profile.',
    );
  }
  if (isCv && !content.profile.phone?.trim()) {
    add(
      'missing-phone',
      'info',
      'There is no phone number.',
      'Add a phone number if you want recruiters to call.',
    );
  }

  const maxPages = isCv ? limits.maxCvPages : limits.maxLetterPages;
  if (pageCount !== null && pageCount > maxPages) {
    add(
      'too-many-pages',
      'error',
      `The PDF has ${pageCount} pages; a ${isCv ? 'CV' : 'cover letter'} should fit on ${maxPages}.`,
      'Cut the least relevant entries or shorten bullets.',
    );
  }
  return findings;
}

export const structureChecker = definePlugin<'ats-checker', StructureOptions>({
  name: 'structure',
  kind: 'ats-checker',
  version: '1.0.0',
  description: 'Checks headings, sections, dates, bullet lengths, contact details and page count.',
  order: 30,
  optionsSchema: {
    type: 'object',
    properties: {
      maxCvPages: { type: 'integer', minimum: 1, default: DEFAULT_LIMITS.maxCvPages },
      maxLetterPages: { type: 'integer', minimum: 1, default: DEFAULT_LIMITS.maxLetterPages },
      maxBulletLength: { type: 'integer', minimum: 1, default: DEFAULT_LIMITS.maxBulletLength },
      minBulletLength: { type: 'integer', minimum: 0, default: DEFAULT_LIMITS.minBulletLength },
    },
    additionalProperties: false,
  },
  create(options) {
    const limits: Limits = { ...DEFAULT_LIMITS, ...options };
    return {
      weight: 0.2,
      async check({ content, render }, ctx) {
        let pageCount: number | null = null;
        const findings: TAtsFinding[] = [];
        try {
          pageCount = (await extractPdfText((await render('pdf')).bytes)).pageCount;
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          findings.push({
            ruleId: 'structure/page-count-unknown',
            severity: 'info',
            message: `The page count could not be measured (${(error as Error).message}).`,
            fix: 'Install a PDF exporter so the page count can be checked.',
            ref: null,
          });
        }
        findings.push(...checkContentStructure(content, pageCount, limits));
        return {
          ...scoreFindings(findings),
          findings,
          details: { pageCount, sections: content.sections.map((s) => s.heading) },
        };
      },
    };
  },
});
