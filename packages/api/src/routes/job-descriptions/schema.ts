import { ZParsedJob } from '@dossier/core';
import { z } from 'zod';

/**
 * POST /job-descriptions: exactly one of `text` (pasted) and `url` (fetched through the SSRF guard). The text
 * cap here is generous; the job parser enforces its own byte limit and answers 422 TOO_LARGE past it.
 */
export const ZJobDescriptionCreate = z
  .strictObject({
    text: z.string().trim().min(1).max(2_000_000).optional(),
    url: z.string().trim().min(1).max(2048).optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.url === undefined), {
    message: 'Give exactly one of text and url',
    path: ['text'],
  });
export type TJobDescriptionCreate = z.infer<typeof ZJobDescriptionCreate>;

export const ZJobDescriptionListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TJobDescriptionListQuery = z.infer<typeof ZJobDescriptionListQuery>;

export const ZJobDescriptionParams = z.object({ id: z.string().uuid() });

export const ZJobDescriptionView = z.object({
  id: z.string(),
  title: z.string(),
  company: z.string().nullable(),
  source: z.enum(['text', 'url']),
  sourceUrl: z.string().nullable(),
  contentHash: z.string(),
  parsed: ZParsedJob,
  createdAt: z.string(),
});
export type TJobDescriptionView = z.infer<typeof ZJobDescriptionView>;

export const ZJobDescriptionPage = z.object({
  items: z.array(ZJobDescriptionView),
  nextCursor: z.string().nullable(),
});
