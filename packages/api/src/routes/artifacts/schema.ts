import { EVIDENCE_KINDS } from '@dossier/core';
import { z } from 'zod';
import { EVIDENCE_STATUSES } from '../../db/entities/evidence-link.js';

// The kinds are core's: one list for detection, validation and storage.
export { EVIDENCE_KINDS };

/** `YYYY-MM-DD` or `YYYY-MM` (taken as the first of the month); must be a real calendar date. */
export const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'Must be a date as YYYY-MM-DD or YYYY-MM')
  .transform((s) => (s.length === 7 ? `${s}-01` : s))
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    // Year 0000 is a JavaScript date but not a PostgreSQL one (there is no year zero).
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && !s.startsWith('0000');
  }, 'Not a calendar date');

const ZText = (max: number) => z.string().trim().min(1).max(max);

export const ZEvidenceInput = z
  .object({
    url: z.string().trim().min(1).max(2048),
    title: z.string().trim().max(300).optional(),
    kind: z.enum(EVIDENCE_KINDS).optional(),
  })
  .strict();
export type TEvidenceInput = z.infer<typeof ZEvidenceInput>;

const artifactFields = {
  title: ZText(300),
  summary: z.string().trim().min(1).max(20_000),
  role: z.string().trim().max(200).nullish(),
  technologies: z.array(ZText(100)).max(100).default([]),
  collaborators: z.array(ZText(200)).max(100).default([]),
  outcomes: z.array(ZText(1000)).max(50).default([]),
  startDate: ZDate,
  endDate: ZDate.nullish(),
  visibility: z.enum(['private', 'public']).default('private'),
  labelIds: z.array(z.string().uuid()).max(50).default([]),
};

const datesInOrder = (v: { startDate?: string; endDate?: string | null }) =>
  !v.startDate || !v.endDate || v.endDate >= v.startDate;
const datesMessage = { message: 'endDate must not be before startDate', path: ['endDate'] };

export const ZArtifactCreate = z
  .object({ ...artifactFields, evidence: z.array(ZEvidenceInput).max(50).default([]) })
  .strict()
  .refine(datesInOrder, datesMessage);
export type TArtifactCreate = z.infer<typeof ZArtifactCreate>;

export const ZArtifactUpdate = z
  .object({
    title: artifactFields.title.optional(),
    summary: artifactFields.summary.optional(),
    role: artifactFields.role,
    technologies: z.array(ZText(100)).max(100).optional(),
    collaborators: z.array(ZText(200)).max(100).optional(),
    outcomes: z.array(ZText(1000)).max(50).optional(),
    startDate: ZDate.optional(),
    endDate: ZDate.nullish(),
    visibility: z.enum(['private', 'public']).optional(),
    labelIds: z.array(z.string().uuid()).max(50).optional(),
    baseRevision: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .optional()
      .describe(
        'The revision this edit is based on (from the artifact as read). When another edit has been accepted since, nothing is written: 409 EDIT_CONFLICT with the current revision.',
      ),
  })
  .strict()
  .refine(datesInOrder, datesMessage);
export type TArtifactUpdate = z.infer<typeof ZArtifactUpdate>;

export const ARTIFACT_SORTS = ['-startDate', 'startDate', 'title', '-updatedAt'] as const;

export const ZArtifactListQuery = z
  .object({
    label: z.string().uuid().optional(),
    skill: z.string().trim().min(1).max(100).optional(),
    evidenceStatus: z.enum(EVIDENCE_STATUSES).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    from: ZDate.optional(),
    to: ZDate.optional(),
    sort: z.enum(ARTIFACT_SORTS).default('-startDate'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type TArtifactListQuery = z.infer<typeof ZArtifactListQuery>;

export const ZArtifactParams = z.object({ id: z.string().uuid() });

export const ZEvidenceView = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string().nullable(),
  kind: z.enum(EVIDENCE_KINDS),
  status: z.enum(EVIDENCE_STATUSES),
  httpStatus: z.number().nullable(),
  finalUrl: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  consecutiveFailures: z.number(),
  /** The last check's explanation, e.g. `HTTP 404` or `bot wall`. */
  reason: z.string().nullable(),
  /** Failed checks are piling up, but not yet three over 48 hours (which makes the link `broken`). */
  failing: z.boolean(),
  /** For a broken link only: where an archived copy may be (a suggestion, never fetched by Dossier). */
  archiveUrl: z.string().nullable(),
  /** When the scheduler checks the link next; null for a link waiting for its first check. */
  nextCheckAt: z.string().nullable(),
});

export const ZArtifactView = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  role: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  technologies: z.array(z.string()),
  skills: z.array(z.object({ id: z.string(), name: z.string() })),
  collaborators: z.array(z.string()),
  outcomes: z.array(z.string()),
  visibility: z.enum(['private', 'public']),
  evidence: z.array(ZEvidenceView),
  labels: z.array(z.object({ id: z.string(), name: z.string(), colour: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Accepted edits so far, from 1; send it back as `baseRevision` to make an edit conditional. */
  revision: z.number().int(),
});

export const ZArtifactPage = z.object({ items: z.array(ZArtifactView), nextCursor: z.string().nullable() });
