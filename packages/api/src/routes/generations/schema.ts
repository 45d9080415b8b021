import { z } from 'zod';
import { GENERATION_STATUSES } from '../../db/entities/generation.js';

export const GENERATOR_MODES = ['auto', 'llm', 'template'] as const;
export const TONES = ['formal', 'warm', 'concise'] as const;
export const LENGTHS = ['short', 'standard', 'long'] as const;

/**
 * POST /generate/cv and /generate/cover-letter. Exactly one of `jobDescriptionId` (a stored job description)
 * and `jobDescriptionText` (pasted text, parsed and stored on the way).
 */
export const ZGenerateRequest = z
  .strictObject({
    jobDescriptionId: z.string().uuid().optional(),
    jobDescriptionText: z.string().trim().min(1).max(100_000).optional(),
    labelIds: z.array(z.string().uuid()).max(50).default([]),
    include: z.array(z.string().uuid()).max(500).default([]),
    exclude: z.array(z.string().uuid()).max(500).default([]),
    generator: z.enum(GENERATOR_MODES).default('auto'),
    tone: z.enum(TONES).default('formal'),
    length: z.enum(LENGTHS).default('standard'),
    force: z.boolean().default(false),
  })
  .refine((v) => (v.jobDescriptionId === undefined) !== (v.jobDescriptionText === undefined), {
    message: 'Give exactly one of jobDescriptionId and jobDescriptionText',
    path: ['jobDescriptionId'],
  });
export type TGenerateRequest = z.infer<typeof ZGenerateRequest>;

export const ZGenerationAccepted = z.object({
  id: z.string(),
  status: z.enum(GENERATION_STATUSES),
  documentId: z.string().optional(),
  reused: z.boolean().optional(),
});

export const ZGenerationParams = z.object({ id: z.string().uuid() });

export const ZGenerationListQuery = z.strictObject({
  status: z.enum(GENERATION_STATUSES).optional(),
  kind: z.enum(['cv', 'cover-letter']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TGenerationListQuery = z.infer<typeof ZGenerationListQuery>;

export const ZGenerationView = z.object({
  id: z.string(),
  kind: z.enum(['cv', 'cover-letter']),
  status: z.enum(GENERATION_STATUSES),
  stage: z.string().nullable(),
  progress: z.number().int().min(0).max(100),
  timings: z.record(z.string(), z.number()),
  generator: z.string().nullable(),
  fallbackReason: z.string().nullable(),
  tokens: z.number().int(),
  cost: z.number(),
  documentId: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TGenerationView = z.infer<typeof ZGenerationView>;

export const ZGenerationPage = z.object({
  items: z.array(ZGenerationView),
  nextCursor: z.string().nullable(),
});
