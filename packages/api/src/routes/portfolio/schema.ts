import { z } from 'zod';

export const ZPortfolioExportQuery = z
  .object({ format: z.enum(['dossier', 'json-resume']).default('dossier') })
  .strict();
export type TPortfolioExportQuery = z.infer<typeof ZPortfolioExportQuery>;
