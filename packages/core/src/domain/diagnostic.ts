import { z } from 'zod';

/** A non-fatal finding a plugin reports while it works; throwing is for fatal errors only. */
export const ZDiagnostic = z.object({
  ruleId: z.string().min(1),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().min(1),
  plugin: z.string().optional(),
  stage: z.string().optional(),
  ref: z
    .object({
      artifactId: z.string().optional(),
      sectionId: z.string().optional(),
      itemId: z.string().optional(),
    })
    .optional(),
});
export type TDiagnostic = z.infer<typeof ZDiagnostic>;
