/**
 * How an emulated parser reads extracted text. Every profile is the same tolerant reader with one rule made
 * strict, so a failure points at one documented behaviour.
 */
export interface AtsProfileRules {
  /** `extractor`: the extractor's own order; `rows`: the page read as one column, row by row, left to right. */
  readingOrder: 'extractor' | 'rows';
  /** `ignore`: text in page headers and footers is dropped. */
  headersAndFooters: 'read' | 'ignore';
  /** `cells`: a table is read cell by cell; `rows`: each row becomes one line, its cells joined. */
  tables: 'cells' | 'rows';
  /**
   * `layout-and-dictionary`: a line is a heading when it is in the dictionary, or when it looks like one
   * (heading style, larger type, capitals) — its section then classified by its content; `dictionary`: only
   * headings in the dictionary start a section.
   */
  headings: 'layout-and-dictionary' | 'dictionary';
  /** `normalised`: synonyms, aliases and word stems count; `exact`: only the job's own wording does. */
  keywords: 'normalised' | 'exact';
}

export interface AtsProfile {
  name: string;
  /** The documented parser behaviour the profile emulates. */
  description: string;
  rules: AtsProfileRules;
}

const TOLERANT: AtsProfileRules = {
  readingOrder: 'extractor',
  headersAndFooters: 'read',
  tables: 'cells',
  headings: 'layout-and-dictionary',
  keywords: 'normalised',
};

/**
 * The emulated parser profiles. They model behaviours that ATS vendors' and career services' guidance
 * describes for common ATS families; they are emulations of those behaviours, not any vendor's parser.
 */
export const ATS_PROFILES: readonly AtsProfile[] = Object.freeze([
  {
    name: 'strict-single-column',
    description:
      'Reads every page as a single column, top to bottom and left to right across the full width. Text ' +
      'set side by side (two-column layouts, sidebars) is interleaved line by line, so headings and entries ' +
      'from both columns run together.',
    rules: { ...TOLERANT, readingOrder: 'rows' },
  },
  {
    name: 'header-footer-blind',
    description:
      'Ignores the page header and footer (Word header/footer parts; the top and bottom margin bands of a ' +
      'PDF). Contact details placed there are lost.',
    rules: { ...TOLERANT, headersAndFooters: 'ignore' },
  },
  {
    name: 'table-flattening',
    description:
      'Flattens tables: each row becomes one line with its cells joined, so a layout table that holds ' +
      'headings and entries in separate cells no longer has headings on lines of their own.',
    rules: { ...TOLERANT, tables: 'rows' },
  },
  {
    name: 'heading-dictionary',
    description:
      'Recognises section headings only from a fixed dictionary (Experience, Work History, Employment, ' +
      'Education, Skills, Summary, Profile, Projects, Certifications and their common variants). A section ' +
      'under any other heading is merged into the section before it.',
    rules: { ...TOLERANT, headings: 'dictionary' },
  },
  {
    name: 'keyword-exact',
    description:
      'Matches the job’s keywords exactly as the job ad writes them (case aside): no stemming, synonyms or ' +
      'abbreviations, so "microservice" does not match "microservices" and "Postgres" does not match ' +
      '"PostgreSQL".',
    rules: { ...TOLERANT, keywords: 'exact' },
  },
]);

export const ATS_PROFILE_NAMES = ATS_PROFILES.map((profile) => profile.name);

/** The named profiles, in the order given; every profile when no names are given. */
export function selectAtsProfiles(names?: readonly string[]): AtsProfile[] {
  if (!names || names.length === 0) return [...ATS_PROFILES];
  const unknown = names.filter((name) => !ATS_PROFILE_NAMES.includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown ATS profile(s): ${unknown.join(', ')}. Known: ${ATS_PROFILE_NAMES.join(', ')}`);
  }
  return [...new Set(names)].map((name) => ATS_PROFILES.find((profile) => profile.name === name)!);
}
