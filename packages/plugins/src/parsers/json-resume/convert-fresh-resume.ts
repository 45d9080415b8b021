type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const strings = (value: unknown): string[] | undefined => {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return list.length > 0 ? list : undefined;
};
const ISO_DATE = /^(?:[12]\d{3}-[01]\d-[0-3]\d|[12]\d{3}-[01]\d|[12]\d{3})$/;
// FRESH dates are free-form; only ISO ones carry over, the rest are dropped rather than failing validation.
const date = (value: unknown): string | undefined => {
  const text = str(value)?.trim();
  return text && ISO_DATE.test(text) ? text : undefined;
};
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const history = (value: unknown): Json[] => (isObject(value) ? list(value.history) : []);
const compact = (value: Json): Json =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

/** FRESH (the FluentCV/HackMyResume format) is recognised by `meta.format` or its top-level `name` + `info`/`contact`. */
export function isFreshResume(document: Json): boolean {
  const format = isObject(document.meta) ? document.meta.format : undefined;
  if (typeof format === 'string' && /^fresh/i.test(format)) return true;
  return (
    typeof document.name === 'string' &&
    !('basics' in document) &&
    ('info' in document || 'contact' in document || 'employment' in document)
  );
}

/**
 * Converts the parts of a FRESH resume that JSON Resume also has: basics, employment, projects, education,
 * service (volunteer), recognition (awards), writing (publications) and skill sets. Empty strings, which FRESH
 * templates are full of, become absent fields. `repo` is kept on projects as an extra evidence link.
 */
export function convertFreshResume(fresh: Json): Json {
  const info = isObject(fresh.info) ? fresh.info : {};
  const contact = isObject(fresh.contact) ? fresh.contact : {};
  const location = isObject(fresh.location) ? fresh.location : {};
  const skills = isObject(fresh.skills) ? fresh.skills : {};
  return {
    basics: compact({
      name: str(fresh.name),
      label: str(info.label),
      summary: str(info.brief),
      email: str(contact.email),
      phone: str(contact.phone),
      url: str(contact.website),
      location: compact({
        address: str(location.address),
        city: str(location.city),
        region: str(location.region),
        postalCode: str(location.code),
        countryCode: str(location.country),
      }),
      profiles: list(fresh.social).map((s) =>
        compact({ network: str(s.network), username: str(s.user), url: str(s.url) }),
      ),
    }),
    work: history(fresh.employment).map((job) =>
      compact({
        name: str(job.employer),
        position: str(job.position),
        url: str(job.url),
        location: str(job.location),
        startDate: date(job.start),
        endDate: date(job.end),
        summary: str(job.summary),
        highlights: strings(job.highlights),
        keywords: strings(job.keywords),
      }),
    ),
    projects: list(fresh.projects).map((project) =>
      compact({
        name: str(project.title) ?? str(project.name),
        description: str(project.description) ?? str(project.summary),
        highlights: strings(project.highlights),
        keywords: strings(project.keywords),
        startDate: date(project.start),
        endDate: date(project.end),
        url: str(project.url),
        repo: str(project.repo),
        roles: str(project.role) ? [str(project.role)!] : undefined,
      }),
    ),
    education: history(fresh.education).map((school) =>
      compact({
        institution: str(school.institution),
        area: str(school.area),
        studyType: str(school.studyType) ?? str(school.title),
        startDate: date(school.start),
        endDate: date(school.end),
        score: str(school.grade),
        courses: strings(school.curriculum),
      }),
    ),
    volunteer: history(fresh.service).map((stint) =>
      compact({
        organization: str(stint.organization),
        position: str(stint.position),
        url: str(stint.url),
        startDate: date(stint.start),
        endDate: date(stint.end),
        summary: str(stint.summary),
        highlights: strings(stint.highlights),
      }),
    ),
    awards: list(fresh.recognition).map((award) =>
      compact({
        title: str(award.title),
        date: date(award.date),
        awarder: str(award.from),
        summary: str(award.summary),
      }),
    ),
    publications: list(fresh.writing).map((piece) =>
      compact({
        name: str(piece.title),
        publisher: isObject(piece.publisher) ? str(piece.publisher.name) : str(piece.publisher),
        releaseDate: date(piece.date),
        url: str(piece.url),
        summary: str(piece.summary),
      }),
    ),
    skills: [
      ...list(skills.sets).map((set) =>
        compact({ name: str(set.name), level: str(set.level), keywords: strings(set.skills) }),
      ),
      ...list(skills.list).map((item) => compact({ name: str(item.name), level: str(item.level) })),
    ],
  };
}
