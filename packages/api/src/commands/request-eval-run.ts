import type { EntityManager } from '@mikro-orm/postgresql';
import { EvalRun, type IEvalRun } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import { RUN_EVAL_JOB } from '../queue/jobs/run-eval.js';
import type { TEvalRunCreate } from '../routes/eval/schema.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';

/**
 * Stores a queued evaluation run and queues its job with the run's id as the job id. The row exists before
 * the job, so a queue that forgets it loses nothing; a queue that refuses it marks the run failed and answers
 * 503.
 */
export async function requestEvalRun({
  em,
  services,
  actorId,
  input,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  actorId: string;
  input: TEvalRunCreate;
  requestId?: string;
}): Promise<IEvalRun> {
  if (input.compareWith && (await em.count(EvalRun, { id: input.compareWith })) === 0) {
    throw notFound(`Evaluation run ${input.compareWith}`);
  }
  const run = em.create(EvalRun, {
    createdBy: actorId,
    status: 'queued',
    configName: input.configName ?? null,
    pipelineConfig: input.pipelineConfig ?? null,
    caseLimit: input.limit ?? null,
    compareWith: input.compareWith ?? null,
  });
  recordAudit({
    em,
    actorId,
    action: 'eval.run.create',
    entityType: 'eval-run',
    entityId: run.id,
    requestId,
    data: {
      configName: input.configName ?? null,
      limit: input.limit ?? null,
      customConfig: input.pipelineConfig !== undefined,
    },
  });
  await em.flush();
  try {
    await services.queue.enqueue(RUN_EVAL_JOB, { runId: run.id }, { jobId: run.id });
  } catch (err) {
    services.logger.error(
      { runId: run.id, err: (err as Error).message },
      'evaluation run could not be queued',
    );
    const error = { code: 'UNAVAILABLE', message: 'The job queue is unavailable; start the run again' };
    await em.nativeUpdate(
      EvalRun,
      { id: run.id },
      { status: 'failed', error, finishedAt: services.clock(), updatedAt: new Date() },
    );
    throw new AppError('UNAVAILABLE', 'The job queue is unavailable; try again shortly', { cause: err });
  }
  return run;
}
