import type { TPipelineArtifact, TProfile } from '../domain/pipeline-artifact.js';
import type { Taxonomy } from '../taxonomy/create-taxonomy.js';
import { normalizeKey } from '../taxonomy/tokenize.js';
import {
  extractNumbersAndDates,
  extractOrganisations,
  extractTitles,
  normalizePhrase,
  numberKey,
  TITLE_NOUNS,
} from './extract-claims.js';
import {
  comparePartialDates,
  monthsBetween,
  type PartialDate,
  parsePartialDate,
} from './parse-partial-date.js';

export type ClaimKind = 'skill' | 'employer' | 'title' | 'date' | 'number';

export interface ClaimIssue {
  kind: ClaimKind;
  detail: string;
}

interface DateRange {
  start: PartialDate | null;
  /** null: ongoing. */
  end: PartialDate | null;
}

/** What a set of cited artifacts lets a document say. */
export interface ClaimSupport {
  /** Skill ids: the artifacts' skills, their technologies normalised (or `x:<key>`) and skills named in their text. */
  skills: ReadonlySet<string>;
  /**
   * Figures in the artifacts' title, role, summary, outcomes and technologies, keyed by {@link numberKey};
   * lengths in years also as `y<value>`.
   */
  numbers: ReadonlySet<string>;
  /** Organisation, role, title, summary, outcomes and collaborators as normalised phrases, for names and titles. */
  phrases: string;
  ranges: readonly DateRange[];
}

export interface ClaimCheckerOptions {
  /** What "ongoing" means for date checks; without it an ongoing artifact supports any later date. */
  now?: Date | string | null;
  /** Profile facts (headline, education) are not claims: names and titles from them always pass. */
  profile?: TProfile;
  /** The company applied to: naming it ("the role at Fjord Financial") claims nothing. */
  company?: string | null;
  /** The title applied for: naming it as the role ("the Senior Backend Engineer role") claims nothing. */
  jobTitle?: string | null;
}

export interface ClaimChecker {
  /** The union of what the artifacts support; per-artifact work is cached for the checker's lifetime. */
  support(artifacts: readonly TPipelineArtifact[]): ClaimSupport;
  /** Skills, figures, dates, job titles and employers stated in free text that the support lacks. */
  checkText(text: string, support: ClaimSupport): ClaimIssue[];
  checkSkill(name: string, support: ClaimSupport): ClaimIssue | null;
  /** "Role · Organisation": each part must be the cited artifacts' role, organisation or title. */
  checkSubtitle(subtitle: string, support: ClaimSupport): ClaimIssue[];
  checkDates(dates: { start: string; end: string | null }, support: ClaimSupport): ClaimIssue[];
}

const SUBTITLE_SEPARATORS = /\s+[·|•—–-]\s+|,\s+|\s+at\s+|\s+@\s+/;
const TARGET_BEFORE = /\b(?:the|your|this|for)\s+$/i;
const TARGET_AFTER = /^\s+(?:role|position|opening|job|vacancy|opportunity|team)\b/i;

/**
 * Checks claims against the artifacts a document item cites. One checker serves one document: per-artifact
 * support (skills found in text, figures) is computed once and reused by every item that cites the artifact.
 */
export function createClaimChecker(taxonomy: Taxonomy, options: ClaimCheckerOptions = {}): ClaimChecker {
  const nowDate = options.now ? new Date(options.now) : null;
  // An unreadable clock makes ongoing work open-ended rather than failing the whole check.
  const now = nowDate && !Number.isNaN(nowDate.getTime()) ? parsePartialDate(nowDate.toISOString()) : null;
  const profilePhrases = profileText(options.profile);
  const company = options.company ? normalizePhrase(options.company) : '';
  const jobTitle = options.jobTitle ? normalizePhrase(options.jobTitle) : '';
  const cache = new Map<TPipelineArtifact, ClaimSupport>();

  const skillIdOf = (name: string): string => taxonomy.normalize(name)?.id ?? `x:${normalizeKey(name)}`;

  function supportOne(a: TPipelineArtifact): ClaimSupport {
    const cached = cache.get(a);
    if (cached) return cached;
    const skills = new Set(a.skills);
    for (const technology of a.technologies) {
      skills.add(skillIdOf(technology));
      skills.add(`x:${normalizeKey(technology)}`);
    }
    const texts = [a.title, a.role ?? '', a.summary, ...a.outcomes];
    for (const mention of taxonomy.findInText(texts.join('\n'))) skills.add(mention.id);
    const numbers = new Set<string>();
    for (const text of [...texts, ...a.technologies]) {
      const found = extractNumbersAndDates(text);
      for (const n of found.numbers) {
        numbers.add(numberKey(n));
        if (n.years) numbers.add(`y${n.value}`);
      }
      for (const d of found.dates) numbers.add(`#${d.year}`);
    }
    const phrases = [a.organization ?? '', ...texts, ...a.collaborators].map(normalizePhrase).join('|');
    const range = { start: parsePartialDate(a.startDate), end: parsePartialDate(a.endDate) };
    const support: ClaimSupport = { skills, numbers, phrases, ranges: [range] };
    cache.set(a, support);
    return support;
  }

  function support(artifacts: readonly TPipelineArtifact[]): ClaimSupport {
    if (artifacts.length === 1) return supportOne(artifacts[0]!);
    const skills = new Set<string>();
    const numbers = new Set<string>();
    const phrases: string[] = [];
    const ranges: DateRange[] = [];
    for (const a of artifacts) {
      const one = supportOne(a);
      for (const s of one.skills) skills.add(s);
      for (const n of one.numbers) numbers.add(n);
      phrases.push(one.phrases);
      ranges.push(...one.ranges);
    }
    return { skills, numbers, phrases: phrases.join('|'), ranges };
  }

  const hasPhrase = (phrase: string, s: ClaimSupport): boolean => {
    const needle = normalizePhrase(phrase);
    return needle === '' || s.phrases.includes(needle) || profilePhrases.includes(needle);
  };

  const inRange = (d: PartialDate, r: DateRange): boolean =>
    r.start !== null &&
    comparePartialDates(d, r.start) >= 0 &&
    (r.end !== null ? comparePartialDates(d, r.end) <= 0 : now === null || comparePartialDates(d, now) <= 0);

  /** Whole years from the earliest cited start to the latest cited end (ongoing: now). */
  function spanYears(s: ClaimSupport): number {
    const starts = s.ranges.map((r) => r.start).filter((d): d is PartialDate => d !== null);
    if (starts.length === 0) return 0;
    const first = starts.reduce((a, b) => (comparePartialDates(a, b) <= 0 ? a : b));
    const ongoing = s.ranges.some((r) => r.end === null);
    if (ongoing && now === null) return Number.POSITIVE_INFINITY;
    const ends = s.ranges.map((r) => r.end ?? now).filter((d): d is PartialDate => d !== null);
    const last = ends.reduce((a, b) => (comparePartialDates(a, b) >= 0 ? a : b), first);
    return Math.floor(monthsBetween(first, last) / 12);
  }

  function checkText(text: string, s: ClaimSupport): ClaimIssue[] {
    const issues: ClaimIssue[] = [];
    const { numbers, dates } = extractNumbersAndDates(text);
    for (const d of dates) {
      if (s.ranges.some((r) => inRange(d, r)) || s.numbers.has(`#${d.year}`)) continue;
      issues.push({ kind: 'date', detail: `date "${d.raw}" is outside the cited artifacts' dates` });
    }
    for (const n of numbers) {
      // A length of experience needs its own support: "5 months" elsewhere does not make "5 years" true.
      const supported = n.years
        ? s.numbers.has(`y${n.value}`) || n.value <= spanYears(s)
        : s.numbers.has(numberKey(n));
      if (supported) continue;
      issues.push({
        kind: 'number',
        detail: `figure "${n.raw}" does not appear in the cited artifacts' outcomes or summary`,
      });
    }
    for (const mention of taxonomy.findInText(text)) {
      if (!s.skills.has(mention.id))
        issues.push({
          kind: 'skill',
          detail: `skill "${mention.name}" is not among the cited artifacts' skills`,
        });
    }
    for (const title of extractTitles(text)) {
      const phrase = normalizePhrase(title.phrase);
      const isTarget =
        jobTitle.includes(phrase) &&
        (TARGET_BEFORE.test(text.slice(0, title.index)) || TARGET_AFTER.test(text.slice(title.end)));
      if (isTarget || hasPhrase(title.phrase, s)) continue;
      issues.push({ kind: 'title', detail: `title "${title.phrase}" is not a role of the cited artifacts` });
    }
    for (const org of extractOrganisations(text)) {
      const phrase = normalizePhrase(org);
      if ((company && (company.includes(phrase) || phrase.includes(company))) || taxonomy.normalize(org))
        continue;
      if (hasPhrase(org, s)) continue;
      issues.push({ kind: 'employer', detail: `organisation "${org}" is not named by the cited artifacts` });
    }
    return issues;
  }

  function checkSkill(name: string, s: ClaimSupport): ClaimIssue | null {
    const id = skillIdOf(name);
    if (s.skills.has(id) || s.skills.has(`x:${normalizeKey(name)}`)) return null;
    return { kind: 'skill', detail: `skill "${name}" is not among the cited artifacts' skills` };
  }

  function checkSubtitle(subtitle: string, s: ClaimSupport): ClaimIssue[] {
    const issues: ClaimIssue[] = [];
    for (const part of subtitle.split(SUBTITLE_SEPARATORS)) {
      if (!part.trim() || hasPhrase(part, s)) continue;
      const words = normalizePhrase(part).trim().split(' ');
      const isTitle = TITLE_NOUNS.has(words[words.length - 1] ?? '');
      issues.push(
        isTitle
          ? { kind: 'title', detail: `title "${part.trim()}" is not a role of the cited artifacts` }
          : { kind: 'employer', detail: `organisation "${part.trim()}" is not named by the cited artifacts` },
      );
    }
    return issues;
  }

  function checkDates(dates: { start: string; end: string | null }, s: ClaimSupport): ClaimIssue[] {
    const start = parsePartialDate(dates.start);
    const end = dates.end === null ? null : parsePartialDate(dates.end);
    if (!start || (dates.end !== null && !end))
      return [
        { kind: 'date', detail: `dates "${dates.start} – ${dates.end ?? 'present'}" are not readable` },
      ];
    const issues: ClaimIssue[] = [];
    if (!s.ranges.some((r) => r.start && comparePartialDates(start, r.start) >= 0 && inRange(start, r)))
      issues.push({ kind: 'date', detail: `start "${dates.start}" is outside the cited artifacts' dates` });
    const endOk = end === null ? s.ranges.some((r) => r.end === null) : s.ranges.some((r) => inRange(end, r));
    if (!endOk)
      issues.push({
        kind: 'date',
        detail: `end "${dates.end ?? 'present'}" is outside the cited artifacts' dates`,
      });
    return issues;
  }

  return { support, checkText, checkSkill, checkSubtitle, checkDates };
}

function profileText(profile: TProfile | undefined): string {
  if (!profile) return '';
  const parts = [profile.name, profile.headline ?? '', profile.location ?? ''];
  for (const e of profile.education) parts.push(e.institution, e.area ?? '', e.studyType ?? '');
  return parts.map(normalizePhrase).join('|');
}
