import type { StageContext, Taxonomy, TPipelineArtifact, TPipelinePortfolio, TProfile } from '@dossier/core';
import { createEvidence } from '../shared/create-evidence.js';
import { attachProfileSkills, deriveTechnologies } from '../shared/derive-technologies.js';
import { findUrls, labelForUrl, normalizeUrl } from '../shared/find-contacts.js';
import { stripInlineMarkdown } from '../shared/strip-inline-markdown.js';
import type { TJsonResume } from './json-resume-schema.js';

interface MapContext {
  taxonomy: Taxonomy;
  report: StageContext['report'];
}

type Link = { url: string; title: string | null };
type Loose = Record<string, unknown>;

const MD_LINK = /\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
// Networks whose profile URL follows from the user name, for profiles that give only `username`.
const PROFILE_URLS: Record<string, (user: string) => string> = {
  github: (u) => `https://github.com/${u}`,
  gitlab: (u) => `https://gitlab.com/${u}`,
  linkedin: (u) => `https://www.linkedin.com/in/${u}`,
  twitter: (u) => `https://twitter.com/${u}`,
  x: (u) => `https://x.com/${u}`,
};

/** Plain text of a JSON Resume string (Markdown links and emphasis removed) and the links it contained. */
function readText(value: string | undefined, links: Link[]): string {
  if (!value) return '';
  for (const match of value.matchAll(MD_LINK)) {
    const url = normalizeUrl(match[2]!);
    if (url) links.push({ url, title: stripInlineMarkdown(match[1]!) || null });
  }
  const plain = stripInlineMarkdown(value).replace(/\s+/g, ' ').trim();
  for (const url of findUrls(value.replace(MD_LINK, ' '))) links.push({ url, title: null });
  return plain;
}

interface ArtifactDraft {
  title: string | undefined;
  role?: string | undefined;
  organization?: string | undefined;
  summary?: string | undefined;
  highlights?: string[] | undefined;
  keywords?: string[] | undefined;
  startDate: string | undefined;
  endDate: string | undefined;
  urls: (string | undefined)[];
}

function buildArtifact(
  id: string,
  draft: ArtifactDraft,
  { taxonomy, report }: MapContext,
): TPipelineArtifact | null {
  const links: Link[] = [];
  for (const raw of draft.urls) {
    const url = raw ? normalizeUrl(raw) : null;
    if (url) links.push({ url, title: null });
  }
  const title = readText(draft.title, links);
  if (!draft.startDate) {
    report({
      ruleId: 'json-resume/undated-entry',
      severity: 'warning',
      message: `Skipped ${id}${title ? ` ("${title.slice(0, 60)}")` : ''}: it has no start date, and every artifact needs one.`,
      ref: { artifactId: id },
    });
    return null;
  }
  const summary = readText(draft.summary, links);
  const outcomes = (draft.highlights ?? []).map((h) => readText(h, links)).filter(Boolean);
  const text = [title, summary, ...outcomes].join('\n');
  const technologies = deriveTechnologies(
    (draft.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    text,
    taxonomy,
  );
  return {
    id,
    title: title || draft.organization || draft.role || 'Untitled',
    summary,
    role: draft.role ?? null,
    organization: draft.organization ?? null,
    startDate: draft.startDate,
    endDate: draft.endDate ?? null,
    technologies,
    skills: taxonomy.deriveSkills({ technologies, text }),
    collaborators: [],
    outcomes,
    evidence: createEvidence(id, links),
    labels: [],
  };
}

const roleAt = (role: string | undefined, org: string | undefined): string | undefined =>
  role && org ? `${role} at ${org}` : (role ?? org);

function readProfile(resume: TJsonResume, fallbackName: string, report: StageContext['report']): TProfile {
  const basics = (resume.basics ?? {}) as NonNullable<TJsonResume['basics']> & Loose;
  let name = str(basics.name);
  if (!name) {
    name = fallbackName;
    report({
      ruleId: 'json-resume/missing-name',
      severity: 'warning',
      message: `basics.name is missing; using "${name}".`,
    });
  }
  const links: TProfile['links'] = [];
  const addLink = (raw: string | undefined, label: string | undefined) => {
    const url = raw ? normalizeUrl(raw) : null;
    if (url && !links.some((link) => link.url === url)) links.push({ label: label ?? labelForUrl(url), url });
  };
  addLink(str(basics.url) ?? str(basics.website), 'Website');
  for (const profile of basics.profiles ?? []) {
    const network = str(profile.network);
    const user = str(profile.username);
    const derived = network && user ? PROFILE_URLS[network.toLowerCase()]?.(user) : undefined;
    addLink(str(profile.url) ?? derived, network);
  }
  const place = basics.location ?? {};
  const location =
    [place.city, place.region, place.countryCode].map(str).filter(Boolean).join(', ') ||
    str(place.address) ||
    null;
  const education: TProfile['education'] = (resume.education ?? [])
    .filter((e) => str(e.institution) || str(e.area) || str(e.studyType))
    .map((e) => ({
      institution: str(e.institution) ?? '',
      area: str(e.area) ?? null,
      studyType: str(e.studyType) ?? null,
      startDate: str(e.startDate) ?? null,
      endDate: str(e.endDate) ?? null,
    }));
  return {
    name,
    headline: str(basics.label) ?? null,
    email: str(basics.email) ?? null,
    phone: str(basics.phone) ?? null,
    location,
    links,
    education,
  };
}

/**
 * A validated JSON Resume → portfolio. Work, projects, volunteer, publications, awards and certificates become
 * artifacts with ids `jr-<section>-<index in the document>`; entries without a date are skipped with a warning.
 * Legacy v0 fields (`work[].company`, `website`) are read too. Skills are not claims of their own: each keyword
 * joins the technologies of the artifacts that mention it; the rest are listed in one info diagnostic.
 */
export function mapJsonResume(
  resume: TJsonResume,
  fallbackName: string,
  context: MapContext,
): TPipelinePortfolio {
  const profile = readProfile(resume, fallbackName, context.report);
  const drafts: [string, ArtifactDraft][] = [];
  (resume.work ?? []).forEach((w: Loose & NonNullable<TJsonResume['work']>[number], i) => {
    const org = str(w.name) ?? str(w.company);
    const role = str(w.position);
    drafts.push([
      `jr-work-${i}`,
      {
        title: roleAt(role, org),
        role,
        organization: org,
        summary: w.summary,
        highlights: w.highlights,
        keywords: w.keywords as string[] | undefined,
        startDate: w.startDate,
        endDate: w.endDate,
        urls: [str(w.url) ?? str(w.website)],
      },
    ]);
  });
  (resume.projects ?? []).forEach((p: Loose & NonNullable<TJsonResume['projects']>[number], i) => {
    const roles = (p.roles ?? []).map((r) => r.trim()).filter(Boolean);
    drafts.push([
      `jr-project-${i}`,
      {
        title: str(p.name),
        role: roles.length > 0 ? roles.join(', ') : undefined,
        organization: str(p.entity),
        summary: p.description,
        highlights: p.highlights,
        keywords: p.keywords,
        startDate: p.startDate,
        endDate: p.endDate,
        urls: [str(p.url), str(p.repo)],
      },
    ]);
  });
  (resume.volunteer ?? []).forEach((v: Loose & NonNullable<TJsonResume['volunteer']>[number], i) => {
    const org = str(v.organization);
    const role = str(v.position);
    drafts.push([
      `jr-volunteer-${i}`,
      {
        title: roleAt(role, org),
        role,
        organization: org,
        summary: v.summary,
        highlights: v.highlights,
        startDate: v.startDate,
        endDate: v.endDate,
        urls: [str(v.url) ?? str(v.website)],
      },
    ]);
  });
  (resume.publications ?? []).forEach((p: Loose & NonNullable<TJsonResume['publications']>[number], i) => {
    drafts.push([
      `jr-publication-${i}`,
      {
        title: str(p.name),
        organization: str(p.publisher),
        summary: p.summary,
        startDate: p.releaseDate,
        endDate: p.releaseDate,
        urls: [str(p.url) ?? str(p.website)],
      },
    ]);
  });
  (resume.awards ?? []).forEach((a, i) => {
    drafts.push([
      `jr-award-${i}`,
      {
        title: str(a.title),
        organization: str(a.awarder),
        summary: a.summary,
        startDate: a.date,
        endDate: a.date,
        urls: [],
      },
    ]);
  });
  (resume.certificates ?? []).forEach((c, i) => {
    drafts.push([
      `jr-certificate-${i}`,
      {
        title: str(c.name),
        organization: str(c.issuer),
        startDate: c.date,
        endDate: c.date,
        urls: [str(c.url)],
      },
    ]);
  });
  const artifacts = drafts
    .filter(([, draft]) => draft.title || draft.summary || draft.startDate)
    .map(([id, draft]) => buildArtifact(id, draft, context))
    .filter((artifact): artifact is TPipelineArtifact => artifact !== null);

  const skills = (resume.skills ?? []).flatMap((group) => {
    const keywords = (group.keywords ?? []).filter((k) => k.trim());
    const name = str(group.name);
    // A group's name is a skill when it has no keywords ("JavaScript") or the taxonomy knows it.
    return name && (keywords.length === 0 || context.taxonomy.normalize(name))
      ? [name, ...keywords]
      : keywords;
  });
  const { unattached } = attachProfileSkills(artifacts, skills, context.taxonomy);
  if (unattached.length > 0) {
    context.report({
      ruleId: 'json-resume/unattached-skills',
      severity: 'info',
      message: `Skills listed but not mentioned by any entry, so not attached to an artifact: ${unattached.slice(0, 30).join(', ')}.`,
    });
  }
  return { profile, artifacts };
}
