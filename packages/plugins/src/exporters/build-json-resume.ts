import type { ExportItem, ExportLink, ExportSection, ExportView } from './prepare-export-view.js';

export const JSON_RESUME_SCHEMA_URL =
  'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json';

type Json = Record<string, unknown>;

const ISO8601 = /^[1-2]\d{3}(?:-[0-1]\d(?:-[0-3]\d)?)?/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NETWORKS: Record<string, string> = {
  'github.com': 'GitHub',
  'gitlab.com': 'GitLab',
  'linkedin.com': 'LinkedIn',
  'twitter.com': 'Twitter',
  'x.com': 'X',
  'stackoverflow.com': 'Stack Overflow',
  'mastodon.social': 'Mastodon',
};
// "Role, Organisation" is the generators' convention; the others are what people type by hand.
const ORGANISATION_SEPARATORS = [' at ', ' @ ', ' | ', ' · ', ' — ', ' – ', ', '];

/** The schema's `iso8601` pattern: "2021", "2021-03" or "2021-03-01"; anything else is left out. */
function isoDate(value: string | null | undefined): string | undefined {
  return value ? ISO8601.exec(value.trim())?.[0] : undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Drops undefined fields and empty arrays, so the document has only what the content says. */
function compact<T extends Json>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '',
    ),
  ) as T;
}

export function splitRoleAndOrganisation(subtitle: string | null): {
  position?: string;
  organisation?: string;
} {
  if (!subtitle) return {};
  for (const separator of ORGANISATION_SEPARATORS) {
    const at = subtitle.lastIndexOf(separator);
    if (at > 0) {
      return {
        position: subtitle.slice(0, at).trim(),
        organisation: subtitle.slice(at + separator.length).trim(),
      };
    }
  }
  return { position: subtitle };
}

const firstUsableUrl = (links: ExportLink[]): string | undefined =>
  links
    .filter((l) => !l.broken)
    .map((l) => httpUrl(l.url))
    .find(Boolean);

const dates = (item: ExportItem) =>
  compact({ startDate: isoDate(item.raw.dates?.start), endDate: isoDate(item.raw.dates?.end) });

function toProject(item: ExportItem, role: string | undefined, type?: string): Json {
  return compact({
    name: item.title ?? item.subtitle ?? 'Project',
    description: item.text ?? undefined,
    highlights: item.bullets,
    keywords: item.skills,
    ...dates(item),
    url: firstUsableUrl(item.links),
    roles: role ? [role] : undefined,
    type,
  });
}

/** Social profiles; the first link that is not one is the person's own site (`basics.url`). */
function profilesAndSite(view: ExportView): { profiles: Json[]; site: string | undefined } {
  let site: string | undefined;
  const profiles = view.profileLinks.flatMap((link) => {
    const url = httpUrl(link.url);
    if (!url) return [];
    const host = hostOf(url);
    const network = NETWORKS[host];
    if (!network && site === undefined) {
      site = url;
      return [];
    }
    const username = network ? new URL(url).pathname.split('/').filter(Boolean).at(-1) : undefined;
    return [compact({ network: network ?? link.label, username, url })];
  });
  return { profiles, site };
}

function location(value: string | null): Json | undefined {
  if (!value) return undefined;
  const [city, ...rest] = value.split(',').map((part) => part.trim());
  return compact({ city, region: rest.join(', ') || undefined });
}

/**
 * Maps a CV to JSON Resume: entries with an organisation become `work`, other entries `projects`, skill groups
 * `skills`, the summary `basics.summary`. Evidence survives as a project's `url` (the first link that is not
 * broken); the schema has no place for evidence on `work`, so those links stay in Dossier.
 */
export function buildJsonResume(view: ExportView): Json {
  const work: Json[] = [];
  const projects: Json[] = [];
  const skills: Json[] = [];
  const education: Json[] = [];
  const summary: string[] = [];

  const visit = (section: ExportSection) => {
    for (const item of section.items) {
      if (section.kind === 'summary') {
        if (item.text) summary.push(item.text);
      } else if (section.kind === 'skills') {
        if (item.skills.length > 0)
          skills.push({ name: item.title ?? section.heading, keywords: item.skills });
      } else if (section.kind === 'education') {
        const [studyType, ...area] = (item.subtitle ?? '').split(',').map((p) => p.trim());
        education.push(
          compact({
            institution: item.title ?? item.subtitle ?? '',
            studyType: area.length > 0 ? studyType : undefined,
            area: area.length > 0 ? area.join(', ') : studyType || undefined,
            ...dates(item),
          }),
        );
      } else if (section.kind === 'experience') {
        const { position, organisation } = splitRoleAndOrganisation(item.subtitle);
        if (organisation) {
          work.push(
            compact({
              name: organisation,
              position,
              ...dates(item),
              summary: [item.title, item.text].filter(Boolean).join(': ') || undefined,
              highlights: item.bullets,
            }),
          );
        } else projects.push(toProject(item, position));
      } else if (section.kind === 'projects' || section.kind === 'other') {
        projects.push(
          toProject(item, item.subtitle ?? undefined, section.kind === 'other' ? section.heading : undefined),
        );
      }
    }
  };
  view.sections.forEach(visit);

  const email = view.email && EMAIL.test(view.email) ? view.email : undefined;
  const { profiles, site } = profilesAndSite(view);
  const basics = compact({
    name: view.name,
    label: view.headline ?? undefined,
    email,
    phone: view.phone ?? undefined,
    url: site,
    summary: summary.join('\n\n') || undefined,
    location: location(view.location),
    profiles,
  });
  return compact({
    $schema: JSON_RESUME_SCHEMA_URL,
    basics,
    work,
    education,
    skills,
    projects,
    meta: { version: 'v1.0.0', lastModified: view.generatedAt },
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
