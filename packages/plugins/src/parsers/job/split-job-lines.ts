import { stripInlineMarkdown } from '../shared/strip-inline-markdown.js';
import { classifyJobHeading, isKnownJobHeading, type JobSectionKind } from './job-section-kinds.js';

export interface JobLine {
  /** Plain text: bullet marker, Markdown emphasis and heading marks removed. */
  text: string;
  kind: 'heading' | 'bullet' | 'text';
  section: JobSectionKind;
  /** Markdown heading level, 0 for headings written as plain lines. */
  level: number;
}

const BULLET = /^(?:[-*+•·▪◦‣●○■□➤►✓✔–—]|\d{1,2}[.)])\s+(.*)$/u;
const MD_HEADING = /^(#{1,6})\s+(.*?)\s*#*$/;
const BOLD_LINE = /^(?:\*\*|__)(.+?)(?:\*\*|__):?$/;
const INLINE_HEADING = /^([\p{L}][\p{L}\p{N} '’/&-]{2,40}):\s+(.+)$/u;

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const isAllCaps = (text: string): boolean => /\p{Lu}{2}/u.test(text) && !/\p{Ll}/u.test(text);

function asHeading(line: string): string | null {
  const md = MD_HEADING.exec(line);
  if (md) return md[2]!;
  const bold = BOLD_LINE.exec(line);
  if (bold && wordCount(bold[1]!) <= 10) return bold[1]!;
  const plain = stripInlineMarkdown(line);
  const words = wordCount(plain);
  if (plain.endsWith(':') && words <= 8) return plain.slice(0, -1);
  if (words <= 6 && !/[.,;!?]$/.test(plain) && isKnownJobHeading(plain) && !/\d/.test(plain)) return plain;
  if (words <= 8 && isAllCaps(plain) && plain.replace(/[^\p{L}]/gu, '').length >= 3) return plain;
  return null;
}

/**
 * Splits a job ad (plain text or the Markdown-ish text of converted HTML) into headings, bullets and text
 * lines, each tagged with the kind of section it sits in. Headings are recognised as `#` lines, bold-only
 * lines, short lines ending in a colon, known section names and short all-caps lines.
 */
export function splitJobLines(text: string): JobLine[] {
  const lines: JobLine[] = [];
  let section: JobSectionKind = 'other';
  let sectionHasBullets = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[\t\u00a0]+/g, ' ').trim();
    if (!line) continue;
    const bullet = BULLET.exec(line);
    if (bullet && !MD_HEADING.test(line)) {
      const body = stripInlineMarkdown(bullet[1]!);
      if (body) lines.push({ text: body, kind: 'bullet', section, level: 0 });
      sectionHasBullets = true;
      continue;
    }
    const heading = asHeading(line);
    if (heading !== null) {
      const md = MD_HEADING.exec(line);
      section = classifyJobHeading(heading);
      sectionHasBullets = false;
      lines.push({
        text: stripInlineMarkdown(heading),
        kind: 'heading',
        section,
        level: md ? md[1]!.length : 0,
      });
      continue;
    }
    const plain = stripInlineMarkdown(line);
    const inline = INLINE_HEADING.exec(plain);
    if (inline && isKnownJobHeading(inline[1]!) && wordCount(inline[1]!) <= 5) {
      section = classifyJobHeading(inline[1]!);
      sectionHasBullets = false;
      lines.push({ text: inline[1]!, kind: 'heading', section, level: 0 });
      lines.push({ text: inline[2]!, kind: 'text', section, level: 0 });
      continue;
    }
    // Prose after a section's list ("Tech stack: …", a closing remark) no longer belongs to that list.
    if (sectionHasBullets) section = 'other';
    lines.push({ text: plain, kind: 'text', section, level: 0 });
  }
  return lines;
}

/** Sentences of a text line, for cue words that apply to one requirement ("Kafka is a plus"). */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+(?=[\p{Lu}\d])/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}
