import { z } from 'zod';

export const EXPORT_FORMATS = ['pdf', 'docx', 'md', 'html', 'txt', 'json-resume'] as const;

export const ZExportParams = z.object({ documentId: z.string().uuid() });

export const ZExportRequest = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    /** A version number; the current version when left out. */
    version: z.number().int().min(1).max(2_147_483_647).optional(),
    /**
     * Evidence links the link checker found broken or blocked: `include` them as they are (the default), `mark`
     * them as unavailable, or `omit` them. `keep` is the older name of `include`.
     */
    brokenEvidence: z.enum(['include', 'keep', 'mark', 'omit']).optional(),
  })
  .strict();
export type TExportRequest = z.infer<typeof ZExportRequest>;

export const ZExportLogList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      format: z.string(),
      version: z.number(),
      evidenceIds: z.array(z.string()),
      createdAt: z.string(),
    }),
  ),
});
