import { z } from 'zod';
import { ZArtifactView } from '../artifacts/schema.js';
import { ZDocumentSummary } from '../documents/schema.js';
import { ZLabelView } from '../labels/schema.js';

export const ZTrashParams = z.object({ id: z.string().uuid() });

/** Artifact ids for the bulk routes (1–500). */
export const ZTrashIds = z.object({ ids: z.array(z.string().uuid()).min(1).max(500) }).strict();

/** The artifact's own fields as GET /artifacts/:id has them, the evidence in short, and when it goes for good. */
export const ZDeletedArtifactView = ZArtifactView.pick({
  id: true,
  title: true,
  summary: true,
  role: true,
  startDate: true,
  endDate: true,
  technologies: true,
  collaborators: true,
  outcomes: true,
  visibility: true,
  labels: true,
}).extend({
  evidence: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      title: z.string().nullable(),
      kind: z.string(),
      status: z.string(),
    }),
  ),
  deletedAt: z.string(),
  purgeAfter: z.string(),
});

/** A trashed label: the label's fields, `artifactCount` the artifacts that carried it, and when it goes for good. */
export const ZDeletedLabelView = ZLabelView.extend({ deletedAt: z.string(), purgeAfter: z.string() });

/** A trashed document: the document list's fields, how many versions it had, and when it goes for good. */
export const ZDeletedDocumentView = ZDocumentSummary.extend({
  versions: z.number().int(),
  deletedAt: z.string(),
  purgeAfter: z.string(),
});
