import { DOCUMENT_KINDS, ZAtsReport, ZDocumentContent } from '@dossier/core';
import { z } from 'zod';

export const ZDocumentParams = z.object({ id: z.string().uuid() });
export const ZDocumentVersionParams = z.object({
  id: z.string().uuid(),
  n: z.coerce.number().int().min(1).max(2_147_483_647),
});

const ZBooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const ZVersionNumber = z.coerce.number().int().min(1).max(2_147_483_647);

export const ZDocumentListQuery = z
  .object({
    kind: z.enum(DOCUMENT_KINDS).optional(),
    saved: ZBooleanQuery.optional(),
    q: z.string().trim().min(1).max(200).optional(),
    jobDescriptionId: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type TDocumentListQuery = z.infer<typeof ZDocumentListQuery>;

export const ZDocumentUpdate = z
  .object({
    content: ZDocumentContent,
    baseVersion: z
      .number()
      .int()
      .min(1)
      .max(2_147_483_647)
      .optional()
      .describe(
        'The version this edit was made from. When a newer version has been saved since, nothing is written: 409 EDIT_CONFLICT with the current version.',
      ),
  })
  .strict();
export type TDocumentUpdate = z.infer<typeof ZDocumentUpdate>;

export const ZDocumentDiffQuery = z.object({ from: ZVersionNumber, to: ZVersionNumber }).strict();

export const ZDocumentSummary = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  currentVersion: z.number(),
  saved: z.boolean(),
  expiresAt: z.string().nullable(),
  jobDescriptionId: z.string().nullable(),
  atsScore: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZDocumentPage = z.object({
  items: z.array(ZDocumentSummary),
  nextCursor: z.string().nullable(),
});

export const ZDocumentVersionView = z.object({
  number: z.number(),
  content: ZDocumentContent,
  atsReport: ZAtsReport.nullable(),
  author: z.enum(['generator', 'user']),
  createdAt: z.string(),
});

export const ZDocumentView = ZDocumentSummary.extend({
  version: ZDocumentVersionView,
  evidence: z.record(
    z.string(),
    z.object({ status: z.string(), url: z.string(), lastCheckedAt: z.string().nullable() }),
  ),
});

export const ZDocumentVersionList = z.object({
  items: z.array(
    z.object({
      number: z.number(),
      author: z.enum(['generator', 'user']),
      atsScore: z.number().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const ZDocumentDiff = z.object({
  from: z.number(),
  to: z.number(),
  changes: z.array(
    z.object({
      sectionId: z.string().nullable(),
      itemId: z.string().nullable(),
      type: z.enum(['added', 'removed', 'changed']),
      before: z.unknown().optional(),
      after: z.unknown().optional(),
    }),
  ),
});
