import { z } from 'zod';

export const IMPORT_STATUSES = ['queued', 'parsing', 'ready', 'failed', 'committed', 'discarded'] as const;

/**
 * The JSON alternative to a multipart upload, exactly one of: a JSON Resume document, Markdown text, or a Dossier
 * export to restore (`GET /portfolio/export`, or `GET /account/export` whose portfolio is used).
 */
export const ZImportCreate = z.union([
  z.object({ jsonResume: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ portfolio: z.record(z.string(), z.unknown()) }).strict(),
  z
    .object({
      markdown: z
        .string()
        .trim()
        .min(1)
        .max(10 * 1024 * 1024),
    })
    .strict(),
]);
export type TImportCreate = z.infer<typeof ZImportCreate>;

export const ZImportParams = z.object({ id: z.string().uuid() });

export const ZImportListQuery = z
  .object({
    status: z.enum(IMPORT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type TImportListQuery = z.infer<typeof ZImportListQuery>;

export const ZImportCommit = z
  .object({
    /** Indexes into `proposal.artifacts`, or every proposed artifact. */
    artifacts: z.union([z.literal('all'), z.array(z.number().int().min(0)).min(1).max(500)]),
    labelIds: z.array(z.string().uuid()).max(50).default([]),
  })
  .strict();
export type TImportCommit = z.infer<typeof ZImportCommit>;

const ZImportError = z.object({ code: z.string(), message: z.string() }).nullable();

export const ZProposedArtifactView = z.object({
  index: z.number(),
  title: z.string(),
  summary: z.string(),
  role: z.string().nullable(),
  organization: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  technologies: z.array(z.string()),
  skills: z.array(z.string()),
  collaborators: z.array(z.string()),
  outcomes: z.array(z.string()),
  evidence: z.array(z.object({ url: z.string(), title: z.string().nullable(), kind: z.string() })),
  /** Label names the file gives it (a Dossier export): on commit, matched to yours by name or created. */
  labels: z.array(z.string()),
  visibility: z.enum(['private', 'public']),
  /** One of your artifacts with the same title and start date, while the import is ready to commit. */
  existingArtifactId: z.string().nullable(),
});

export const ZImportProfileView = z.object({
  name: z.string(),
  headline: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  location: z.string().nullable(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  education: z.array(
    z.object({
      institution: z.string(),
      area: z.string().nullable(),
      studyType: z.string().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
    }),
  ),
});

export const ZImportSummaryView = z.object({
  id: z.string(),
  status: z.enum(IMPORT_STATUSES),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number(),
  error: ZImportError,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZImportView = ZImportSummaryView.extend({
  proposal: z.object({ profile: ZImportProfileView, artifacts: z.array(ZProposedArtifactView) }).nullable(),
});
export type TImportView = z.infer<typeof ZImportView>;

export const ZImportPage = z.object({
  items: z.array(ZImportSummaryView),
  nextCursor: z.string().nullable(),
});

export const ZImportAccepted = z.object({ id: z.string(), status: z.enum(IMPORT_STATUSES) });

export const ZImportCommitted = z.object({
  artifactIds: z.array(z.string()),
  /** What was left out or adjusted on the way in (an evidence URL that is not http(s), a trimmed field). */
  notes: z.array(z.object({ artifact: z.number(), message: z.string() })),
});
