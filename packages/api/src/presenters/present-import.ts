import type { TPipelinePortfolio } from '@dossier/core';
import type { TImportView } from '../routes/imports/schema.js';

/** The columns an import presenter reads; `proposal` is absent in list queries. */
export interface ImportRecord {
  id: string;
  status: TImportView['status'];
  filename: string;
  mediaType: string;
  size: number;
  error?: { code: string; message: string } | null;
  proposal?: TPipelinePortfolio | null;
  createdAt: Date;
  updatedAt: Date;
}

export function presentImportSummary(job: ImportRecord): Omit<TImportView, 'proposal'> {
  return {
    id: job.id,
    status: job.status,
    filename: job.filename,
    mediaType: job.mediaType,
    size: job.size,
    error: job.error ? { code: job.error.code, message: job.error.message } : null,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

function presentProposal(
  p: TPipelinePortfolio,
  duplicates: ReadonlyMap<number, string>,
): NonNullable<TImportView['proposal']> {
  const { profile } = p;
  return {
    profile: {
      name: profile.name,
      headline: profile.headline ?? null,
      email: profile.email ?? null,
      phone: profile.phone ?? null,
      location: profile.location ?? null,
      links: (profile.links ?? []).map((l) => ({ label: l.label, url: l.url })),
      education: (profile.education ?? []).map((e) => ({
        institution: e.institution,
        area: e.area ?? null,
        studyType: e.studyType ?? null,
        startDate: e.startDate ?? null,
        endDate: e.endDate ?? null,
      })),
    },
    // `index` is what POST /imports/:id/commit takes to choose artifacts.
    artifacts: p.artifacts.map((a, index) => ({
      index,
      title: a.title,
      summary: a.summary ?? '',
      role: a.role ?? null,
      organization: a.organization ?? null,
      startDate: a.startDate,
      endDate: a.endDate ?? null,
      technologies: a.technologies ?? [],
      skills: a.skills ?? [],
      collaborators: a.collaborators ?? [],
      outcomes: a.outcomes ?? [],
      evidence: (a.evidence ?? []).map((e) => ({ url: e.url, title: e.title ?? null, kind: e.kind })),
      labels: (a.labels ?? []).map((l) => l.name),
      visibility: a.visibility ?? 'private',
      existingArtifactId: duplicates.get(index) ?? null,
    })),
  };
}

/** `duplicates`: proposed artifact index → the owner's artifact it would duplicate (see findImportedDuplicates). */
export function presentImport(
  job: ImportRecord,
  duplicates: ReadonlyMap<number, string> = new Map(),
): TImportView {
  return {
    ...presentImportSummary(job),
    proposal: job.proposal ? presentProposal(job.proposal, duplicates) : null,
  };
}
