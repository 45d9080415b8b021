/**
 * Section headings ATS parsers recognise, by section kind. A heading is compared after lower-casing, turning
 * "&" into "and" and dropping punctuation, so "SKILLS & TOOLS:" matches "skills and tools".
 */
export const STANDARD_HEADINGS = {
  summary: [
    'summary',
    'professional summary',
    'career summary',
    'executive summary',
    'profile',
    'professional profile',
    'about',
    'about me',
    'objective',
    'career objective',
    'personal statement',
    'overview',
    'summary of qualifications',
  ],
  experience: [
    'experience',
    'work experience',
    'professional experience',
    'relevant experience',
    'employment',
    'employment history',
    'work history',
    'career history',
    'experience and projects',
  ],
  projects: [
    'projects',
    'selected projects',
    'key projects',
    'personal projects',
    'side projects',
    'open source',
    'open source contributions',
    'portfolio',
  ],
  skills: [
    'skills',
    'technical skills',
    'core skills',
    'key skills',
    'skills and tools',
    'skills and technologies',
    'technologies',
    'tools',
    'tools and technologies',
    'competencies',
    'core competencies',
    'expertise',
    'areas of expertise',
  ],
  education: [
    'education',
    'education and training',
    'academic background',
    'qualifications',
    'academic qualifications',
  ],
  other: [
    'certifications',
    'certificates',
    'licenses and certifications',
    'awards',
    'honors',
    'honours',
    'awards and honors',
    'publications',
    'talks',
    'presentations',
    'talks and publications',
    'volunteering',
    'volunteer experience',
    'languages',
    'interests',
    'achievements',
    'leadership',
    'activities',
    'courses',
    'training',
    'patents',
    'research',
    'references',
  ],
} as const;

export type StandardHeadingKind = keyof typeof STANDARD_HEADINGS;

const BY_NAME = new Map<string, StandardHeadingKind>();
for (const [kind, names] of Object.entries(STANDARD_HEADINGS) as [StandardHeadingKind, readonly string[]][]) {
  for (const name of names) BY_NAME.set(name, kind);
}

export function normalizeHeading(heading: string): string {
  return heading
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The kind a heading stands for, or null when no ATS would recognise it as a section heading. */
export function classifyHeading(heading: string): StandardHeadingKind | null {
  return BY_NAME.get(normalizeHeading(heading)) ?? null;
}

/** The heading to suggest for a section kind. */
export function suggestHeading(kind: string): string {
  const names = STANDARD_HEADINGS[kind as StandardHeadingKind];
  const first = names?.[0] ?? 'experience';
  return first.charAt(0).toUpperCase() + first.slice(1);
}
