import type { AtsProfile } from './ats-profiles.js';
import type { AtsExpectations } from './build-expectations.js';
import type { KeywordMatcher } from './match-keywords.js';
import type { ParsedResume } from './parse-reading.js';
import type { ProfileReading } from './read-as-profile.js';
import type { AtsExtraction } from './types.js';

export const DEFAULT_KEYWORD_THRESHOLD = 0.8;

export interface JudgeInput {
  profile: AtsProfile;
  extraction: AtsExtraction;
  expectations: AtsExpectations;
  reading: ProfileReading;
  parsed: ParsedResume;
  /** The profile's keyword matcher over the reading. */
  keywords: KeywordMatcher;
  /** A normalising matcher over the same reading, to tell "absent" from "written differently". */
  normalisedKeywords: () => KeywordMatcher;
  threshold: number;
}

export interface JudgeResult {
  passed: boolean;
  /** 0–1. */
  score: number;
  reasons: string[];
}

const WEIGHTS = { name: 0.15, email: 0.15, phone: 0.05, experience: 0.15, titles: 0.15, keywords: 0.35 };
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const squash = (value: string) => value.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
const digits = (value: string) => value.replace(/\D+/g, '');
const quote = (value: string) => `"${value.length > 90 ? `${value.slice(0, 87)}…` : value}"`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The name on a line of its own, or followed by a separator ("Jane Doe | Engineer"), near the top. */
function findsName(topLines: string[], name: string): boolean {
  const wanted = squash(name);
  if (!wanted) return false;
  return topLines.some((line) => {
    const text = squash(line);
    if (!text.startsWith(wanted)) return false;
    const rest = text.slice(wanted.length).trim();
    return rest === '' || /^[|,·•–—:(/-]/.test(rest);
  });
}

/** Why contact details may be missing: the facts of this profile and extractor. */
function contactHints(input: JudgeInput, value: string): string[] {
  const { reading, extraction, profile } = input;
  const hints: string[] = [];
  if (reading.ignored.some((line) => squash(line).includes(squash(value)))) {
    hints.push(`it is in the page header or footer, which ${profile.name} ignores`);
  }
  if (!extraction.capabilities.headersAndFooters) {
    hints.push(`${extraction.extractor} does not read page headers and footers`);
  }
  if (reading.interleavedCount > 0) hints.push(interleavingHint(reading));
  return hints;
}

function interleavingHint(reading: ProfileReading): string {
  return `${reading.interleavedCount} line(s) join text set side by side, e.g. ${quote(reading.interleaved[0] ?? '')}`;
}

const withHints = (message: string, hints: string[]) =>
  hints.length > 0 ? `${message} (${hints.join('; ')})` : message;

/**
 * Judges one profile's parse against the expectations: name and e-mail found, the Experience section found
 * and every work entry's title under an Experience or Projects heading, and at least `threshold` of the
 * critical keywords the content states. The score weighs the same checks (phone included) from 0 to 1.
 */
export function judgeReading(input: JudgeInput): JudgeResult {
  const { expectations, reading, parsed, threshold } = input;
  const reasons: string[] = [];
  let earned = 0;
  let possible = 0;
  const award = (weight: number, share: number) => {
    possible += weight;
    earned += weight * share;
  };

  const nameFound = findsName(parsed.topLines, expectations.name);
  award(WEIGHTS.name, nameFound ? 1 : 0);
  if (!nameFound) {
    reasons.push(
      withHints(
        `name: "${expectations.name}" not found at the top (first lines read: ${parsed.topLines.slice(0, 2).map(quote).join(', ') || 'none'})`,
        contactHints(input, expectations.name),
      ),
    );
  }

  const emails = new Set((reading.text.match(EMAIL) ?? []).map((email) => email.toLowerCase()));
  const emailFound = expectations.email !== null && emails.has(expectations.email.toLowerCase());
  award(WEIGHTS.email, emailFound ? 1 : 0);
  if (expectations.email === null) reasons.push('e-mail: the document has no e-mail address to find');
  else if (!emailFound) {
    reasons.push(
      withHints(`e-mail: ${expectations.email} not found`, contactHints(input, expectations.email)),
    );
  }

  if (expectations.phone && digits(expectations.phone)) {
    award(WEIGHTS.phone, digits(reading.text).includes(digits(expectations.phone)) ? 1 : 0);
  }

  let experienceFound = true;
  if (expectations.requireExperience) {
    experienceFound = parsed.sections.some((section) => section.kind === 'experience');
    award(WEIGHTS.experience, experienceFound ? 1 : 0);
    if (!experienceFound) {
      const hints: string[] = [];
      if (parsed.unrecognisedHeadings.length > 0) {
        hints.push(
          `headings not in the dictionary: ${parsed.unrecognisedHeadings.slice(0, 4).map(quote).join(', ')}`,
        );
      }
      if (reading.flattenedRows > 0) hints.push(`${reading.flattenedRows} table row(s) read as single lines`);
      if (reading.interleavedCount > 0) hints.push(interleavingHint(reading));
      if (!input.extraction.capabilities.headingStyles && input.profile.rules.headings !== 'dictionary') {
        hints.push(
          `${input.extraction.extractor} gives no fonts or styles, so only dictionary and all-capitals headings are seen`,
        );
      }
      hints.push(...input.extraction.notes);
      reasons.push(withHints('experience: no Experience section recognised', hints));
    }
  }

  let titlesShare = 1;
  if (expectations.workTitles.length > 0) {
    const work = parsed.sections
      .filter((section) => section.kind === 'experience' || section.kind === 'projects')
      .map((section) => squash(section.text));
    const missing = expectations.workTitles.filter(
      (title) => !work.some((text) => text.includes(squash(title))),
    );
    titlesShare = 1 - missing.length / expectations.workTitles.length;
    award(WEIGHTS.titles, titlesShare);
    if (missing.length > 0) {
      reasons.push(
        `entries: ${missing.length} of ${expectations.workTitles.length} not found under an Experience or Projects heading: ${missing.map(quote).join(', ')}`,
      );
    }
  }

  const terms = expectations.terms;
  const found = terms.filter((expected) => input.keywords.has(expected));
  const share = terms.length === 0 ? 1 : found.length / terms.length;
  award(WEIGHTS.keywords, share);
  if (share < threshold) {
    const missing = terms.filter((expected) => !found.includes(expected));
    const hints: string[] = [];
    if (input.profile.rules.keywords === 'exact') {
      const normalised = input.normalisedKeywords();
      const otherForms = missing.filter((expected) => normalised.has(expected));
      if (otherForms.length > 0) {
        hints.push(
          `written differently from the job ad, and matching is exact (no stemming or synonyms); the ad writes ${otherForms
            .map((expected) => expected.jobForms.map(quote).join(' / '))
            .join(', ')}`,
        );
      }
    }
    if (reading.interleavedCount > 0) hints.push(interleavingHint(reading));
    reasons.push(
      withHints(
        `keywords: ${found.length} of ${terms.length} critical keywords found (${percent(share)}, below ${percent(threshold)}); missing: ${missing.map((expected) => expected.term.name).join(', ')}`,
        hints,
      ),
    );
  }

  const passed = nameFound && emailFound && experienceFound && titlesShare === 1 && share >= threshold;
  return { passed, score: possible === 0 ? 0 : Math.round((earned / possible) * 1000) / 1000, reasons };
}
