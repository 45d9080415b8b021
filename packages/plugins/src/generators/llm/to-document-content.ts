import {
  NON_CLAIM_SECTIONS,
  type TDocumentContent,
  type TDocumentItem,
  type TDocumentSection,
  type TParsedJob,
  type TPipelineArtifact,
  type TProfile,
} from '@dossier/core';
import type { TReply, TReplyItem } from './build-reply-schema.js';

const NON_CLAIM = new Set<string>(NON_CLAIM_SECTIONS);
const LINKED_KINDS = new Set(['experience', 'projects']);

/** Ids the model chose, made unique and non-empty, so violations and diagnostics can point at one item. */
function uniqueId(wanted: string, fallback: string, taken: Set<string>): string {
  let base = wanted.trim().replace(/\s+/g, '-') || fallback;
  if (taken.has(base)) base = `${base}-${taken.size + 1}`;
  while (taken.has(base)) base = `${base}-x`;
  taken.add(base);
  return base;
}

/**
 * Evidence links come from the cited artifacts, never from the model: the evidence it cited, or, for an
 * experience or project entry that cited none, all of the first cited artifact's evidence.
 */
function linksFor(item: TReplyItem, sectionKind: string, byId: ReadonlyMap<string, TPipelineArtifact>) {
  const links: TDocumentItem['links'] = [];
  const seen = new Set<string>();
  for (const source of item.sources) {
    const evidence = byId.get(source.artifactId)?.evidence ?? [];
    for (const e of evidence.filter((ev) => source.evidenceIds.includes(ev.id))) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      links.push({ url: e.url, label: e.title ?? e.kind, evidenceId: e.id, status: e.status });
    }
  }
  const first = byId.get(item.sources[0]?.artifactId ?? '');
  if (links.length === 0 && first && LINKED_KINDS.has(sectionKind)) {
    for (const e of first.evidence) {
      links.push({ url: e.url, label: e.title ?? e.kind, evidenceId: e.id, status: e.status });
    }
  }
  return links;
}

function educationSection(profile: TProfile): TDocumentSection | null {
  if (profile.education.length === 0) return null;
  return {
    id: 'education',
    kind: 'education',
    heading: 'Education',
    items: profile.education.map((e, i) => ({
      id: `education-${i + 1}`,
      title: e.institution,
      subtitle: [e.studyType, e.area].filter(Boolean).join(', ') || null,
      dates: e.startDate ? { start: e.startDate, end: e.endDate } : null,
      text: null,
      bullets: [],
      skills: [],
      links: [],
      sources: [],
    })),
  };
}

export interface ToContentInput {
  kind: TDocumentContent['kind'];
  reply: TReply;
  job: TParsedJob;
  profile: TProfile;
  artifacts: readonly TPipelineArtifact[];
  generator: string;
  promptVersion: string;
  tone: string;
  generatedAt: string;
}

/** The model's reply as document content: profile, title and meta are ours; sections and items are its. */
export function toDocumentContent(input: ToContentInput): TDocumentContent {
  const { reply, job, profile } = input;
  const byId = new Map(input.artifacts.map((a) => [a.id, a]));
  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  const sections: TDocumentSection[] = [];
  for (const [s, section] of reply.sections.entries()) {
    const sectionId = uniqueId(section.id, `section-${s + 1}`, sectionIds);
    const nonClaim = NON_CLAIM.has(section.kind);
    const items = section.items.map(
      (item, i): TDocumentItem => ({
        id: uniqueId(item.id, `${sectionId}-${i + 1}`, itemIds),
        title: item.title,
        subtitle: item.subtitle,
        dates: item.dates,
        text: item.text,
        bullets: item.bullets,
        skills: item.skills,
        // A greeting or sign-off cites nothing, whatever the model put there.
        links: nonClaim ? [] : linksFor(item, section.kind, byId),
        sources: nonClaim
          ? []
          : item.sources.map((src) => ({ artifactId: src.artifactId, evidenceIds: src.evidenceIds })),
      }),
    );
    if (items.length > 0)
      sections.push({ id: sectionId, kind: section.kind, heading: section.heading, items });
  }
  if (input.kind === 'cv') {
    const education = educationSection(profile);
    if (education && !sectionIds.has(education.id)) sections.push(education);
  }
  const target = job.company ? `${job.title} at ${job.company}` : job.title;
  return {
    kind: input.kind,
    title: input.kind === 'cv' ? `${profile.name} — ${job.title}` : `Cover letter — ${target}`,
    profile: {
      name: profile.name,
      headline: profile.headline,
      email: profile.email,
      phone: profile.phone,
      location: profile.location,
      links: profile.links,
    },
    sections,
    meta: {
      jobTitle: job.title,
      company: job.company,
      generator: input.generator,
      promptVersion: input.promptVersion,
      tone: input.tone,
      generatedAt: input.generatedAt,
    },
  };
}

/** Items whose claims need a source (every section but greeting and closing, and the profile's education). */
export function countClaimItems(content: TDocumentContent): number {
  return content.sections
    .filter((s) => !NON_CLAIM.has(s.kind) && s.kind !== 'education')
    .reduce((n, s) => n + s.items.length, 0);
}
