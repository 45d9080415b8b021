import { normalizeKey, type Taxonomy, type TDocumentContent, type TParsedJob } from '@dossier/core';
import { shownHeading } from '../../exporters/prepare-export-view.js';
import { loadPorterStemmer, type Stemmer } from '../../matchers/load-porter-stemmer.js';
import { contentToText } from '../content-to-text.js';
import { selectCriticalTerms } from '../select-critical-terms.js';
import { createNormalisedMatcher, type ExpectedTerm, exactPattern } from './match-keywords.js';

/** What a parser should recover from a rendering of the content. */
export interface AtsExpectations {
  name: string;
  email: string | null;
  phone: string | null;
  /** The content has an Experience section with a visible heading. */
  requireExperience: boolean;
  /** Entry titles of the Experience and Projects sections (the artifacts' titles). */
  workTitles: string[];
  /** The job's critical terms that the content states; only these can be lost in parsing. */
  terms: ExpectedTerm[];
  /** All of the job's critical terms, stated or not. */
  criticalCount: number;
  stem: Stemmer;
}

const WORK_KINDS = new Set(['experience', 'projects']);

function phrasesOf(name: string, skillId: string | null, taxonomy: Taxonomy): string[] {
  const entry = skillId ? taxonomy.get(skillId) : undefined;
  return [...new Set([name, ...(entry ? [entry.name, ...entry.aliases] : [])])].filter((p) => p.trim());
}

/** Builds what every profile is judged against: contact details, work titles and the critical terms. */
export async function buildExpectations(
  content: TDocumentContent,
  job: TParsedJob,
  taxonomy: Taxonomy,
): Promise<AtsExpectations> {
  const stem = await loadPorterStemmer();
  const critical = selectCriticalTerms(job, taxonomy);
  const inContent = createNormalisedMatcher(contentToText(content), taxonomy, stem);
  const jobText = job.text ?? '';
  const terms: ExpectedTerm[] = [];
  for (const term of critical) {
    const phrases = phrasesOf(term.name, term.skillId, taxonomy);
    // The job's own wording: the term's phrases that occur in the ad, and the keywords the parser took from it.
    const written = phrases.filter((phrase) => exactPattern(phrase).test(jobText));
    for (const keyword of job.keywords) {
      const key = taxonomy.normalize(keyword.term)?.id ?? `kw:${normalizeKey(keyword.term)}`;
      if (key === term.key && !written.includes(keyword.term)) written.push(keyword.term);
    }
    const expected = { term, phrases, jobForms: written.length > 0 ? written : [term.name] };
    if (inContent.has(expected)) terms.push(expected);
  }
  const workSections = content.sections.filter((section) => WORK_KINDS.has(section.kind));
  return {
    name: content.profile.name,
    email: content.profile.email,
    phone: content.profile.phone,
    requireExperience: content.sections.some(
      (section) =>
        section.kind === 'experience' &&
        section.items.length > 0 &&
        shownHeading(content.kind, section) !== '',
    ),
    workTitles: [
      ...new Set(
        workSections.flatMap((section) =>
          section.items.map((item) => item.title?.trim() ?? '').filter((title) => title !== ''),
        ),
      ),
    ],
    terms,
    criticalCount: critical.length,
    stem,
  };
}
