import { z } from 'zod';
import { EVAL_RUN_STATUSES } from '../../db/entities/eval-run.js';

/** POST /eval/runs. Every field is optional: an empty body evaluates the server's own pipeline on `golden/`. */
export const ZEvalRunCreate = z.strictObject({
  /** A name for the configuration under test, shown in lists and charts. */
  configName: z.string().trim().min(1).max(200).optional(),
  /** A pipeline configuration (the `dossier.config.json` shape) to evaluate instead of the server's own. */
  pipelineConfig: z.record(z.string(), z.unknown()).optional(),
  /** Evaluate only the first N cases (a quick smoke run). */
  limit: z.number().int().min(1).max(100_000).optional(),
  /** Another run to compare this one with once both are done. */
  compareWith: z.string().uuid().optional(),
});
export type TEvalRunCreate = z.infer<typeof ZEvalRunCreate>;

export const ZEvalRunParams = z.object({ id: z.string().uuid() });
export const ZEvalRunPairParams = z.object({ id: z.string().uuid(), otherId: z.string().uuid() });

export const ZEvalRunListQuery = z.strictObject({
  status: z.enum(EVAL_RUN_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TEvalRunListQuery = z.infer<typeof ZEvalRunListQuery>;

export const ZEvalRunView = z.object({
  id: z.string(),
  status: z.enum(EVAL_RUN_STATUSES),
  configName: z.string().nullable(),
  limit: z.number().int().nullable(),
  compareWith: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** The report's `summary` (cases, metrics, byField, passed, failures) once the run succeeded. */
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TEvalRunView = z.infer<typeof ZEvalRunView>;

const ZPair = z.object({ a: z.number().nullable(), b: z.number().nullable(), delta: z.number().nullable() });

export const ZEvalComparison = z.object({
  a: z.object({ id: z.string(), configName: z.string().nullable(), finishedAt: z.string().nullable() }),
  b: z.object({ id: z.string(), configName: z.string().nullable(), finishedAt: z.string().nullable() }),
  /** Each summary metric's mean (or rate, or total) in A and in B, and B − A. */
  metrics: z.array(ZPair.extend({ metric: z.string() })),
  /** Cases in both runs, with the CV's keyword coverage and grounding in each. */
  perCase: z.array(
    z.object({ caseId: z.string(), field: z.string().nullable(), keywordCoverage: ZPair, grounding: ZPair }),
  ),
  onlyInA: z.array(z.string()),
  onlyInB: z.array(z.string()),
});
export type TEvalComparison = z.infer<typeof ZEvalComparison>;

export const ZEvalRunDetail = ZEvalRunView.extend({
  /** The full report (`EvalReport`) once the run succeeded. */
  report: z.record(z.string(), z.unknown()).nullable(),
  /** With `compareWith`, once both runs succeeded: the other run as A, this one as B. */
  comparison: ZEvalComparison.nullable(),
});

export const ZEvalRunPage = z.object({ items: z.array(ZEvalRunView), nextCursor: z.string().nullable() });
