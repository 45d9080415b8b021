import type { z } from 'zod';

export interface JobContext {
  jobId: string;
  attempt: number;
  signal: AbortSignal;
  reportProgress(percent: number, message?: string): void;
}

/**
 * A job is data plus a handler. Handlers must be idempotent: the job id is the id of the row the job works
 * on, so a retried or duplicated job finds the work already done.
 */
export interface JobDefinition<P = unknown> {
  id: string;
  version: number;
  payload: z.ZodType<P>;
  retries: number;
  /** Base backoff in ms; doubled per attempt. */
  backoffMs: number;
  timeoutMs: number;
  handler(payload: P, ctx: JobContext): Promise<void>;
}

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}
