import { z } from 'zod';

export const ZAtsFinding = z.object({
  ruleId: z.string().min(1),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().min(1),
  /** What to do about it, in one sentence. */
  fix: z.string().min(1),
  /** Section or item id, when the finding is about one. */
  ref: z.string().nullable().default(null),
});
export type TAtsFinding = z.infer<typeof ZAtsFinding>;

export const ZAtsResult = z.object({
  checker: z.string(),
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  findings: z.array(ZAtsFinding),
  /** Checker-specific figures (coverage ratios, keyword lists, page counts). */
  details: z.record(z.string(), z.unknown()).default({}),
});
export type TAtsResult = z.infer<typeof ZAtsResult>;

/** The combined report over every ATS checker: weighted score, pass at ≥ 75. */
export const ZAtsReport = z.object({
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  results: z.array(ZAtsResult),
});
export type TAtsReport = z.infer<typeof ZAtsReport>;

export const ATS_PASS_SCORE = 75;
