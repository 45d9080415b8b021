export type ResumeSectionKind =
  | 'summary'
  | 'experience'
  | 'projects'
  | 'education'
  | 'skills'
  | 'publications'
  | 'awards'
  | 'certifications'
  | 'volunteer'
  | 'talks'
  | 'patents'
  | 'languages'
  | 'interests'
  | 'references'
  | 'contact'
  | 'other';

// Whole-heading spellings (lower case, "&" written "and"), English first, then German, French and Spanish.
const HEADINGS: Record<Exclude<ResumeSectionKind, 'other'>, string[]> = {
  summary: [
    'summary',
    'professional summary',
    'career summary',
    'profile',
    'professional profile',
    'about',
    'about me',
    'objective',
    'career objective',
    'overview',
    'introduction',
    'personal statement',
    'profil',
    'kurzprofil',
    'zusammenfassung',
    'über mich',
    'perfil',
    'sobre mí',
    'resumen',
    'résumé',
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
    'career',
    'positions',
    'industry experience',
    'research experience',
    'teaching experience',
    'berufserfahrung',
    'erfahrung',
    'beruflicher werdegang',
    'praxiserfahrung',
    'expérience',
    'expériences',
    'expérience professionnelle',
    'expériences professionnelles',
    'experiencia',
    'experiencia laboral',
    'experiencia profesional',
  ],
  projects: [
    'projects',
    'personal projects',
    'selected projects',
    'side projects',
    'key projects',
    'academic projects',
    'open source',
    'open source contributions',
    'portfolio',
    'projekte',
    'projets',
    'proyectos',
  ],
  education: [
    'education',
    'academic background',
    'academics',
    'education and training',
    'studies',
    'ausbildung',
    'bildung',
    'bildungsweg',
    'studium',
    'formation',
    'formación',
    'educación',
    'estudios',
  ],
  skills: [
    'skills',
    'technical skills',
    'key skills',
    'core skills',
    'core competencies',
    'competencies',
    'technologies',
    'tech stack',
    'tools',
    'expertise',
    'skills and tools',
    'kenntnisse',
    'fähigkeiten',
    'it-kenntnisse',
    'kompetenzen',
    'compétences',
    'habilidades',
    'aptitudes',
    'conocimientos',
  ],
  publications: [
    'publications',
    'selected publications',
    'papers',
    'research',
    'veröffentlichungen',
    'publikationen',
    'publicaciones',
  ],
  awards: [
    'awards',
    'honors',
    'honours',
    'honors and awards',
    'awards and honors',
    'selected honors',
    'achievements',
    'distinctions',
    'scholarships',
    'auszeichnungen',
    'prix',
    'distinctions et prix',
    'premios',
  ],
  certifications: [
    'certifications',
    'certificates',
    'licenses',
    'licenses and certifications',
    'certifications and licenses',
    'zertifikate',
    'zertifizierungen',
    'certificats',
    'certificaciones',
  ],
  volunteer: [
    'volunteer',
    'volunteering',
    'volunteer experience',
    'community',
    'community involvement',
    'ehrenamt',
    'ehrenamtliches engagement',
    'bénévolat',
    'voluntariado',
  ],
  talks: ['talks', 'invited talks', 'presentations', 'speaking', 'conference talks', 'vorträge'],
  patents: ['patents', 'patente'],
  languages: ['languages', 'sprachen', 'sprachkenntnisse', 'langues', 'idiomas'],
  interests: [
    'interests',
    'hobbies',
    'hobbies and interests',
    'interessen',
    "centres d'intérêt",
    'intereses',
  ],
  references: ['references', 'referenzen', 'références', 'referencias'],
  contact: ['contact', 'contact information', 'contact details', 'kontakt', 'contacto'],
};
const EXACT = new Map<string, ResumeSectionKind>();
for (const [kind, names] of Object.entries(HEADINGS))
  for (const name of names) EXACT.set(name, kind as ResumeSectionKind);

// A heading that is not listed but carries one of these words ("Work Experience & Internships").
const CONTAINS: [ResumeSectionKind, RegExp][] = [
  ['experience', /\b(?:experience|employment|erfahrung|expérience|experiencia)\b/],
  ['projects', /\b(?:projects?|projekte|projets|proyectos)\b/],
  ['education', /\b(?:education|ausbildung|studium|formation|educación)\b/],
  ['skills', /\b(?:skills|competencies|kenntnisse|compétences|habilidades)\b/],
  ['publications', /\b(?:publications|papers)\b/],
  ['awards', /\b(?:awards?|honou?rs|achievements)\b/],
  ['certifications', /\b(?:certifications?|certificates?|licen[cs]es)\b/],
  ['volunteer', /\b(?:volunteer(?:ing)?|ehrenamt)\b/],
  ['talks', /\b(?:talks|presentations|speaking)\b/],
];

export const normalizeHeading = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[_*#:|•·]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The kind of resume section a heading names; unknown headings are `other` (their entries still count). */
export function classifyResumeHeading(heading: string): ResumeSectionKind {
  const key = normalizeHeading(heading);
  const exact = EXACT.get(key);
  if (exact) return exact;
  if (key.split(' ').length > 5) return 'other';
  return CONTAINS.find(([, pattern]) => pattern.test(key))?.[0] ?? 'other';
}

/** True when the whole line is a known section heading ("WORK EXPERIENCE", "Projekte:"). */
export function isKnownResumeHeading(line: string): boolean {
  return EXACT.has(normalizeHeading(line));
}

/** Sections whose entries become artifacts. */
export const ARTIFACT_SECTIONS: ReadonlySet<ResumeSectionKind> = new Set([
  'experience',
  'projects',
  'publications',
  'awards',
  'certifications',
  'volunteer',
  'talks',
  'patents',
  'other',
]);
