import type { ExportInput, TDocumentContent, TDocumentItem, TDocumentSection } from '@dossier/core';
import { formatDateRange, formatLetterDate } from './format-dates.js';

export const BROKEN_LINK_MARKER = ' (link unavailable)';
/** A letter's greeting, body and closing read as prose; a heading over them would look like a form. */
const UNHEADED_LETTER_SECTIONS = new Set(['greeting', 'body', 'closing']);
/** Statuses after which a link no longer leads to the evidence. */
const UNAVAILABLE = new Set(['broken', 'blocked']);

export interface ExportLink {
  url: string;
  /** The label, with the broken-link marker in `brokenEvidence: 'mark'` mode. */
  label: string;
  broken: boolean;
  /** 1-based footnote number when `evidenceFootnotes` is on. */
  footnote: number | null;
}

export interface ExportItem {
  id: string;
  title: string | null;
  subtitle: string | null;
  /** Display form: "Mar 2021 – Present". */
  dates: string | null;
  raw: TDocumentItem;
  text: string | null;
  bullets: string[];
  skills: string[];
  links: ExportLink[];
  /** Only a name and skills ("Languages: TypeScript, Python"): shown on one line, like a hand-written CV. */
  isSkillGroup: boolean;
}

export interface ExportSection {
  id: string;
  kind: TDocumentSection['kind'];
  /** The heading as shown; empty when the section is shown without one. */
  heading: string;
  items: ExportItem[];
}

export interface ExportFootnote {
  number: number;
  label: string;
  url: string;
}

/** What every exporter renders: the content after the export options are applied, in display form. */
export interface ExportView {
  kind: TDocumentContent['kind'];
  title: string;
  name: string;
  headline: string | null;
  email: string | null;
  phone: string | null;
  location: string | null;
  profileLinks: { label: string; url: string }[];
  sections: ExportSection[];
  footnotes: ExportFootnote[];
  /** Date line of a cover letter. */
  letterDate: string | null;
  company: string | null;
  generatedAt: string;
  content: TDocumentContent;
}

export type ExportOptions = NonNullable<ExportInput['options']>;

/**
 * Applies `brokenEvidence` ('keep' by default: a link whose status is unknown is never treated as broken)
 * and numbers evidence footnotes in reading order, one number per distinct URL.
 */
export function prepareExportView(content: TDocumentContent, options: ExportOptions = {}): ExportView {
  const mode = options.brokenEvidence ?? 'keep';
  const footnotesOn = options.evidenceFootnotes === true;
  const footnotes: ExportFootnote[] = [];
  const numbers = new Map<string, number>();

  const toLinks = (links: TDocumentItem['links']): ExportLink[] => {
    const out: ExportLink[] = [];
    for (const link of links) {
      const broken = UNAVAILABLE.has(link.status ?? '');
      if (broken && mode === 'omit') continue;
      const label = (link.label.trim() || link.url) + (broken && mode === 'mark' ? BROKEN_LINK_MARKER : '');
      let footnote: number | null = null;
      if (footnotesOn) {
        footnote = numbers.get(link.url) ?? null;
        if (footnote === null) {
          footnote = footnotes.length + 1;
          numbers.set(link.url, footnote);
          footnotes.push({ number: footnote, label, url: link.url });
        }
      }
      out.push({ url: link.url, label, broken, footnote });
    }
    return out;
  };

  const sections = content.sections.map((section) => ({
    id: section.id,
    kind: section.kind,
    heading: shownHeading(content.kind, section),
    items: section.items.map((item): ExportItem => {
      const text = item.text?.trim() || null;
      const subtitle = item.subtitle?.trim() || null;
      const bullets = item.bullets.map((b) => b.trim()).filter(Boolean);
      const skills = item.skills.map((s) => s.trim()).filter(Boolean);
      return {
        id: item.id,
        title: item.title?.trim() || null,
        subtitle,
        dates: formatDateRange(item.dates),
        raw: item,
        text,
        bullets,
        skills,
        links: toLinks(item.links),
        isSkillGroup: skills.length > 0 && !text && !subtitle && bullets.length === 0 && !item.dates,
      };
    }),
  }));

  const { profile } = content;
  return {
    kind: content.kind,
    title: content.title,
    name: profile.name.trim(),
    headline: profile.headline?.trim() || null,
    email: profile.email?.trim() || null,
    phone: profile.phone?.trim() || null,
    location: profile.location?.trim() || null,
    profileLinks: profile.links.filter((l) => l.url.trim()),
    sections,
    footnotes,
    letterDate: content.kind === 'cover-letter' ? formatLetterDate(content.meta.generatedAt) : null,
    company: content.meta.company,
    generatedAt: content.meta.generatedAt,
    content,
  };
}

/** True for URLs a reader can follow; anything else (javascript:, data:) is shown as text, never linked. */
export function isSafeUrl(url: string): boolean {
  return /^(?:https?:|mailto:)/i.test(url.trim());
}

/** The heading exporters show for a section: empty for a letter's prose sections and for blank headings. */
export function shownHeading(
  kind: TDocumentContent['kind'],
  section: Pick<TDocumentSection, 'kind' | 'heading'>,
) {
  if (kind === 'cover-letter' && UNHEADED_LETTER_SECTIONS.has(section.kind)) return '';
  return section.heading.trim();
}
