import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { EvalReport, EvalSummary } from '../../eval/types.js';
import { User } from './user.js';

export const EVAL_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type EvalRunStatus = (typeof EVAL_RUN_STATUSES)[number];

/**
 * One golden-set evaluation requested by an administrator. Like a generation, the row exists before its queue
 * job (whose id is this row's id); the job writes progress as it goes and the report when it is done. The
 * summary is kept beside the report so that lists and trend charts never read the per-case results.
 */
export const EvalRun = defineEntity({
  name: 'EvalRun',
  tableName: 'eval_runs',
  indexes: [
    { name: 'eval_runs_created_idx', properties: ['createdAt', 'id'] },
    { name: 'eval_runs_status_updated_idx', properties: ['status', 'updatedAt'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** Runs outlive the administrator who started them. */
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    status: p.enum(EVAL_RUN_STATUSES).default('queued'),
    configName: p.string().length(200).nullable(),
    /** A pipeline configuration (the `dossier.config.json` shape) to evaluate instead of the server's own. */
    pipelineConfig: p.json<Record<string, unknown>>().nullable(),
    caseLimit: p.integer().nullable(),
    /** Another run this one is to be compared with once both are done. */
    compareWith: p.uuid().nullable(),
    progressDone: p.integer().default(0),
    progressTotal: p.integer().default(0),
    summary: p.json<EvalSummary>().nullable(),
    report: p.json<EvalReport>().nullable(),
    error: p.json<{ code: string; message: string }>().nullable(),
    cancelRequested: p.boolean().default(false),
    attempts: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type IEvalRun = InferEntity<typeof EvalRun>;
