import { z } from 'zod';
import { ZAtsResult } from '../domain/ats-report.js';
import { ZDiagnostic } from '../domain/diagnostic.js';
import { ZDocumentContent } from '../domain/document-content.js';
import { ZParsedJob } from '../domain/job-description.js';
import { ZPipelinePortfolio } from '../domain/pipeline-artifact.js';

// What the runner (and the contract kit) accept from each kind of plugin. Plugins are third-party code, so
// nothing they return is trusted until it passes these.

export const ZParserOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: ZParsedJob }),
  z.object({ type: z.literal('portfolio'), portfolio: ZPipelinePortfolio }),
]);

export const ZMatchReason = z.object({
  kind: z.string().min(1),
  detail: z.string(),
  weight: z.number().finite(),
});

export const ZArtifactScore = z.object({
  artifactId: z.string().min(1),
  score: z.number().min(0).max(1),
  reasons: z.array(ZMatchReason),
  matchedSkills: z.array(z.string()),
  matchedKeywords: z.array(z.string()),
});
export const ZArtifactScores = z.array(ZArtifactScore);

export const ZLlmUsage = z.object({
  inputTokens: z.number().min(0),
  outputTokens: z.number().min(0),
  costUsd: z.number().min(0),
});

export const ZGenerateOutput = z.object({
  content: ZDocumentContent,
  usage: ZLlmUsage.optional(),
  model: z.string().optional(),
});

export const ZExportOutput = z.object({
  bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength > 0, 'must not be empty'),
  mediaType: z.string().min(1),
  extension: z.string().min(1),
});

export const ZAtsCheckOutput = ZAtsResult.omit({ checker: true });

export const ZEvidenceVerdict = z.object({
  status: z.enum(['valid', 'redirected', 'unverifiable', 'broken', 'blocked']),
  httpStatus: z.number().int().nullable(),
  finalUrl: z.string().nullable(),
  reason: z.string().nullable(),
  retryAfterMs: z.number().int().nonnegative().optional(),
});

/** A diagnostic as a plugin hands it to `ctx.report` (the runner adds plugin and stage). */
export const ZReportedDiagnostic = ZDiagnostic.omit({ plugin: true, stage: true });

export const ZGenerateOptions = z.strictObject({
  tone: z.enum(['formal', 'warm', 'concise']).default('formal'),
  length: z.enum(['short', 'standard', 'long']).default('standard'),
  maxArtifacts: z.number().int().min(1).max(50).default(6),
});

/** A job description not yet parsed. */
export const ZRawJob = z.strictObject({
  text: z.string().min(1),
  mediaType: z.string().min(1).optional(),
});

/** First lines of a zod error, `path: message`, for error messages that name a plugin. */
export function summarizeZodError(error: z.ZodError, max = 3): string {
  const lines = error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const more = lines.length > max ? ` (+${lines.length - max} more)` : '';
  return lines.slice(0, max).join('; ') + more;
}
