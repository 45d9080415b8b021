import type { EvalProgress, EvalReport } from '../eval/types.js';
import type { Services } from '../services/create-services.js';

/** How often a running evaluation writes its progress and looks for a cancel request. */
export const EVAL_PROGRESS_INTERVAL_MS = 500;

const MAX_ERROR_MESSAGE = 2000;

class RunCancelled extends Error {
  override name = 'RunCancelled';
}

interface ClaimedRun {
  config_name: string | null;
  pipeline_config: Record<string, unknown> | null;
  case_limit: number | null;
}

/**
 * Runs one evaluation. The run row carries the state, so the job is idempotent: a finished or cancelled run
 * is left alone, and every write is conditional on the row still running. Progress from the harness is kept
 * in memory and written at most every `intervalMs`, in a beat that also marks the run alive and reads the
 * cancel flag (so a cancel reaches the harness within that time, as an aborted signal). Failures of the harness are recorded on the run,
 * never thrown: an evaluation that failed once fails the same way again.
 */
export async function runEvalRun({
  services,
  runId,
  signal,
  intervalMs = EVAL_PROGRESS_INTERVAL_MS,
}: {
  services: Services;
  runId: string;
  signal: AbortSignal;
  intervalMs?: number;
}): Promise<void> {
  const em = services.orm.em.fork();
  const [claimed] = await em.execute<ClaimedRun[]>(
    `update eval_runs set status = 'running', started_at = coalesce(started_at, ?), attempts = attempts + 1,
       updated_at = now()
     where id = ? and status in ('queued', 'running') and not cancel_requested
     returning config_name, pipeline_config, case_limit`,
    [services.clock(), runId],
  );
  if (!claimed) {
    // Finished, gone, or asked to stop before this attempt began.
    await finish(services, runId, 'cancelled', null, { onlyIfCancelRequested: true });
    return;
  }

  const controller = new AbortController();
  const onJobAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onJobAbort, { once: true });
  // Held in an object: the harness's callback sets it, which flow analysis would not see on a plain `let`.
  const progress: { latest: EvalProgress | null } = { latest: null };
  let writing: Promise<void> = Promise.resolve();
  // Every beat touches the row (so the reconciler knows the run is alive), writes new progress if any, and
  // reads the cancel flag.
  const flush = async () => {
    const current = progress.latest;
    const [row] = await em.execute<Array<{ cancel_requested: boolean }>>(
      `update eval_runs set progress_done = coalesce(?, progress_done), progress_total = coalesce(?, progress_total),
         updated_at = now()
       where id = ? and status = 'running' returning cancel_requested`,
      [current?.done ?? null, current?.total ?? null, runId],
    );
    if (row?.cancel_requested && !controller.signal.aborted) {
      controller.abort(new RunCancelled('The run was cancelled'));
    }
  };
  const timer = setInterval(() => {
    writing = writing
      .then(flush)
      .catch((err) =>
        services.logger.warn({ job: 'eval.run', runId, err: (err as Error).message }, 'progress not saved'),
      );
  }, intervalMs);

  let report: EvalReport | null = null;
  let failure: unknown = null;
  try {
    report = await services.evaluation.run({
      goldenDir: services.config.goldenDir,
      ...(claimed.pipeline_config ? { pipelineConfig: claimed.pipeline_config } : {}),
      ...(claimed.config_name ? { configName: claimed.config_name } : {}),
      ...(claimed.case_limit ? { limit: claimed.case_limit } : {}),
      signal: controller.signal,
      onProgress: (p) => {
        progress.latest = { done: p.done, total: p.total, caseId: p.caseId };
      },
    });
  } catch (err) {
    failure = err;
  } finally {
    clearInterval(timer);
    signal.removeEventListener('abort', onJobAbort);
    await writing;
  }

  const reason = controller.signal.aborted ? controller.signal.reason : null;
  if (reason instanceof RunCancelled) {
    await finish(services, runId, 'cancelled', null);
    return;
  }
  if (report && !failure) {
    const total = progress.latest?.total ?? report.cases?.length ?? 0;
    await em.execute(
      `update eval_runs set status = 'succeeded', report = ?::jsonb, summary = ?::jsonb, error = null,
         progress_done = ?, progress_total = ?, config_name = coalesce(config_name, ?), finished_at = ?,
         updated_at = now()
       where id = ? and status = 'running'`,
      [
        JSON.stringify(report),
        JSON.stringify(report.summary ?? null),
        total,
        total,
        report.config?.name ?? null,
        services.clock(),
        runId,
      ],
    );
    services.logger.info(
      { job: 'eval.run', runId, cases: report.summary?.cases, passed: report.summary?.passed },
      'evaluation finished',
    );
    return;
  }
  const error = describeFailure(failure, signal.aborted);
  services.logger.warn({ job: 'eval.run', runId, code: error.code, err: error.message }, 'evaluation failed');
  await finish(services, runId, 'failed', error);
}

function describeFailure(err: unknown, timedOut: boolean): { code: string; message: string } {
  if (timedOut) return { code: 'TIMEOUT', message: 'The evaluation ran past its time limit' };
  const message = err instanceof Error && err.message ? err.message : 'The evaluation failed';
  return { code: 'EVALUATION_FAILED', message: message.slice(0, MAX_ERROR_MESSAGE) };
}

async function finish(
  services: Services,
  runId: string,
  status: 'failed' | 'cancelled',
  error: { code: string; message: string } | null,
  opts: { onlyIfCancelRequested?: boolean } = {},
): Promise<void> {
  await services.orm.em.fork().execute(
    `update eval_runs set status = ?, error = ?::jsonb, finished_at = ?, updated_at = now()
       where id = ? and status in ('queued', 'running')${opts.onlyIfCancelRequested ? ' and cancel_requested' : ''}`,
    [status, error ? JSON.stringify(error) : null, services.clock(), runId],
  );
}
