import { z } from 'zod';
import { EVIDENCE_KINDS, ZEvidenceInput, ZEvidenceView } from '../artifacts/schema.js';

/** The same shape as one entry of an artifact's `evidence` on create; `status` and the check fields are the server's. */
export const ZEvidenceCreate = ZEvidenceInput;
export type TEvidenceCreate = z.infer<typeof ZEvidenceCreate>;

export const ZEvidenceUpdate = z
  .object({
    url: z.string().trim().min(1).max(2048).optional(),
    /** `null` or an empty string clears the title. */
    title: z.string().trim().max(300).nullable().optional(),
    kind: z.enum(EVIDENCE_KINDS).optional(),
  })
  .strict();
export type TEvidenceUpdate = z.infer<typeof ZEvidenceUpdate>;

export const ZEvidenceCollectionParams = z.object({ id: z.string().uuid() });
export type TEvidenceCollectionParams = z.infer<typeof ZEvidenceCollectionParams>;

export const ZEvidenceItemParams = z.object({ id: z.string().uuid(), evidenceId: z.string().uuid() });
export type TEvidenceItemParams = z.infer<typeof ZEvidenceItemParams>;

export { ZEvidenceView };
export const ZEvidenceList = z.object({ items: z.array(ZEvidenceView) });

/** `/evidence/:id/…`: an evidence link addressed by its own id. */
export const ZEvidenceLinkParams = z.object({ id: z.string().uuid() });
export type TEvidenceLinkParams = z.infer<typeof ZEvidenceLinkParams>;

export const ZEvidenceCheckResult = z.object({ evidence: ZEvidenceView });

export const ZEvidenceCheckList = z.object({
  items: z.array(
    z.object({
      at: z.string(),
      status: z.enum(['valid', 'redirected', 'unverifiable', 'broken', 'blocked']),
      httpStatus: z.number().nullable(),
      reason: z.string().nullable(),
      finalUrl: z.string().nullable(),
      validator: z.string().nullable(),
    }),
  ),
});

export const ZEvidenceHealthView = z.object({
  health: z.object({
    total: z.number(),
    checked: z.number(),
    verifiable: z.number(),
    valid: z.number(),
    redirected: z.number(),
    broken: z.number(),
    failing: z.number(),
    blocked: z.number(),
    unverifiable: z.number(),
    unchecked: z.number(),
    share: z.number().nullable(),
    target: z.number(),
  }),
  attention: z.array(ZEvidenceView.extend({ artifactId: z.string(), artifactTitle: z.string() })),
});
