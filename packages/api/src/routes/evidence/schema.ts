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
