import { PipelineError, type TParsedJob, toPipelinePortfolio } from '@dossier/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GenerationInputs } from '../db/entities/index.js';
import { isTemplateGenerator, type PipelineResult, templateChain } from '../pipeline/create-pipeline-host.js';
import type { Services } from '../services/create-services.js';
import { exportPortfolio } from './export-portfolio.js';
import {
  completeGeneration,
  failGeneration,
  finishCancelled,
  type GenerationFailure,
} from './finish-generation.js';
import { createProgressThrottle } from './progress-throttle.js';

/** A running generation touches its row this often, so a dead worker's row goes stale quickly. */
export const HEARTBEAT_MS = 5_000;
/** A running row untouched this long belongs to a dead worker and may be taken over. */
export const STALE_RUNNING_MS = 15_000;
const CANCEL_POLL_MS = 500;
/** Progress is written to the row at most this often. */
const PROGRESS_WRITE_MS = 250;
/** Progress events go to the bus (and every open event stream) at most this often within a stage. */
const PROGRESS_EVENT_MS = 100;

type AbortWhy = 'cancel' | 'superseded' | 'timeout';
class RunAborted extends Error {
  override name = 'RunAborted';
  constructor(readonly why: AbortWhy) {
    super(`generation run stopped: ${why}`);
  }
}

interface ClaimedRow {
  attempts: number;
  cancel_requested: boolean;
  owner_id: string;
  kind: 'cv' | 'cover-letter';
  inputs: GenerationInputs;
  job_description_id: string;
  /** The job description's parsed form and heading, read in the same statement (null once it is deleted). */
  job_parsed: TParsedJob | null;
  job_title: string | null;
  job_company: string | null;
  job_content_hash: string | null;
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A row that is `running` when a job arrives belongs either to a live run elsewhere (a duplicate job) or to a
 * dead worker (a redelivered job). Waits until the heartbeats stop, or the row settles; true when it may be
 * claimed.
 */
async function waitUntilClaimable(em: EntityManager, id: string, signal: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + STALE_RUNNING_MS * 2;
  for (;;) {
    const [row] = await em.execute<{ status: string; age_ms: number | string }[]>(
      `select status, extract(epoch from (now() - updated_at)) * 1000 as age_ms from generations where id = ?`,
      [id],
    );
    if (!row || TERMINAL.has(row.status)) return false;
    if (row.status === 'queued' || Number(row.age_ms) >= STALE_RUNNING_MS) return true;
    if (Date.now() > deadline || signal.aborted) return false;
    await sleep(1_000);
  }
}

/** Takes the row for this run: queued, or running but stale. The attempt number fences out older runs. */
async function claim(em: EntityManager, id: string, startedAt: Date): Promise<ClaimedRow | undefined> {
  const rows = await em.execute<ClaimedRow[]>(
    `update generations set status = 'running', attempts = attempts + 1, started_at = ?, updated_at = now(),
       stage = null, progress = 0, error = null, finished_at = null
     where id = ? and (status = 'queued' or (status = 'running' and updated_at < now() - ? * interval '1 millisecond'))
     returning attempts, cancel_requested, owner_id, kind, inputs, job_description_id,
       (select parsed from job_descriptions j where j.id = job_description_id) as job_parsed,
       (select title from job_descriptions j where j.id = job_description_id) as job_title,
       (select company from job_descriptions j where j.id = job_description_id) as job_company,
       (select content_hash from job_descriptions j where j.id = job_description_id) as job_content_hash`,
    [startedAt, id, STALE_RUNNING_MS],
  );
  return rows[0];
}

/**
 * Watches a run from outside the pipeline: a cancel event on the bus, or the row (polled every 500 ms) saying
 * cancel, or saying another run took it over. Also beats the row's heart so the run is not taken for dead.
 */
function watchRun(props: {
  services: Services;
  id: string;
  attempt: number;
  controller: AbortController;
}): () => void {
  const { services, id, attempt, controller } = props;
  const em = services.orm.em.fork();
  const unsubscribe = services.events.subscribe(id, (event) => {
    if (event.type === 'cancel') controller.abort(new RunAborted('cancel'));
  });
  let ticks = 0;
  let busy = false;
  const beatEvery = Math.max(1, Math.round(HEARTBEAT_MS / CANCEL_POLL_MS));
  const timer = setInterval(async () => {
    if (busy || controller.signal.aborted) return;
    busy = true;
    ticks += 1;
    try {
      const rows = await em.execute<{ cancel_requested: boolean }[]>(
        ticks % beatEvery === 0
          ? `update generations set updated_at = now() where id = ? and status = 'running' and attempts = ?
             returning cancel_requested`
          : `select cancel_requested from generations where id = ? and status = 'running' and attempts = ?`,
        [id, attempt],
      );
      if (!rows[0]) controller.abort(new RunAborted('superseded'));
      else if (rows[0].cancel_requested) controller.abort(new RunAborted('cancel'));
    } catch (err) {
      services.logger.warn({ generationId: id, err: (err as Error).message }, 'generation watch failed');
    } finally {
      busy = false;
    }
  }, CANCEL_POLL_MS);
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}

async function tokensSpentToday(services: Services, ownerId: string): Promise<number> {
  const day = services.clock().toISOString().slice(0, 10);
  const rows = await services.orm.em
    .fork()
    .execute<{ tokens: number }[]>('select tokens from token_usage where owner_id = ? and day = ?::date', [
      ownerId,
      day,
    ]);
  return rows[0]?.tokens ?? 0;
}

type ChainChoice = { chain: string[]; note: string | null } | { failure: GenerationFailure };

/** The generator chain for the requested mode, the daily budget taken into account. */
function chooseChain(
  services: Services,
  kind: 'cv' | 'cover-letter',
  mode: GenerationInputs['generator'],
  budgetLeft: number,
): ChainChoice {
  const hostChain = services.pipeline.config.generators[kind];
  const models = hostChain.filter((n) => !isTemplateGenerator(n));
  const templates = templateChain(services.pipeline.config, kind);
  if (mode === 'template') return { chain: templates, note: null };
  if (mode === 'llm') {
    if (models.length === 0) {
      return { failure: { code: 'UPSTREAM_FAILED', message: 'No language model generator is configured' } };
    }
    if (budgetLeft <= 0) {
      return { failure: { code: 'BUDGET_EXCEEDED', message: "Today's token budget is spent" } };
    }
    return { chain: models, note: null };
  }
  if (models.length > 0 && budgetLeft <= 0) {
    return { chain: templates, note: 'daily token budget spent: the template generator wrote this' };
  }
  return { chain: hostChain, note: null };
}

function describeFailure(error: unknown, mode: GenerationInputs['generator']): GenerationFailure {
  if (error instanceof PipelineError) {
    if (error.code === 'NO_GENERATOR' && mode === 'llm') {
      const overBudget = error.reasons.some((r) => r.includes('over token budget'));
      return {
        code: overBudget ? 'BUDGET_EXCEEDED' : 'UPSTREAM_FAILED',
        message: `The language model failed and no fallback was allowed: ${error.reasons.join('; ')}`,
      };
    }
    return { code: error.code, message: error.message };
  }
  return { code: 'INTERNAL', message: 'The generation failed unexpectedly' };
}

/**
 * Runs one generation to a terminal state. Idempotent: a finished row is left alone, a row another live run
 * holds is left to it, and only the latest claimant may record a result (see `completeGeneration`).
 * Infrastructure errors are rethrown for the queue to retry, except on the final attempt, which records them.
 */
export async function runGeneration({
  services,
  generationId: id,
  signal,
  finalAttempt,
}: {
  services: Services;
  generationId: string;
  /** The job's own signal (its timeout). */
  signal: AbortSignal;
  finalAttempt: boolean;
}): Promise<void> {
  const em = services.orm.em.fork();
  // The usual case, a queued row, is taken at once; otherwise its status says whether to wait for it.
  let row = await claim(em, id, services.clock());
  if (!row) {
    const [current] = await em.execute<{ status: string }[]>('select status from generations where id = ?', [
      id,
    ]);
    if (!current || TERMINAL.has(current.status)) return;
    if (current.status === 'running' && !(await waitUntilClaimable(em, id, signal))) return;
    row = await claim(em, id, services.clock());
    if (!row) return;
  }
  const attempt = row.attempts;
  const fence = {
    id,
    attempt,
    ownerId: row.owner_id,
    kind: row.kind,
    job: row.job_content_hash
      ? { title: row.job_title ?? '', company: row.job_company, contentHash: row.job_content_hash }
      : null,
    jobDescriptionId: row.job_description_id,
  };
  if (row.cancel_requested) {
    await finishCancelled({ services, ...fence });
    return;
  }
  await services.events.publish(id, { type: 'status', status: 'running' });

  const controller = new AbortController();
  const onJobAbort = () => controller.abort(new RunAborted('timeout'));
  if (signal.aborted) onJobAbort();
  signal.addEventListener('abort', onJobAbort, { once: true });
  const stopWatching = watchRun({ services, id, attempt, controller });
  const progressEm = services.orm.em.fork();
  const progress = createProgressThrottle(
    async ({ stage, percent }) => {
      await progressEm.execute(
        `update generations set stage = ?, progress = ?, updated_at = now()
         where id = ? and status = 'running' and attempts = ?`,
        [stage.slice(0, 40), percent, id, attempt],
      );
    },
    { intervalMs: PROGRESS_WRITE_MS },
  );
  const progressEvents = createProgressThrottle(
    ({ stage, percent, message }) =>
      services.events.publish(id, { type: 'progress', stage, percent, message }),
    { intervalMs: PROGRESS_EVENT_MS, eagerStages: true },
  );

  const mode = row.inputs.generator;
  let result: PipelineResult | undefined;
  let failure: unknown;
  let note: string | null = null;
  try {
    // Only a chain that may call a model looks at the day's token ledger.
    const budgetLeft =
      mode === 'template'
        ? Number.POSITIVE_INFINITY
        : services.config.llmDailyTokens - (await tokensSpentToday(services, row.owner_id));
    const choice = chooseChain(services, row.kind, mode, budgetLeft);
    if ('failure' in choice) {
      await failGeneration({ services, ...fence, failure: choice.failure });
      return;
    }
    note = choice.note;
    if (!row.job_parsed) throw new PipelineError('INVALID_INPUT', 'the job description no longer exists');
    const portfolio = toPipelinePortfolio(await exportPortfolio({ em, services, ownerId: row.owner_id }));
    const include = new Set(row.inputs.include);
    const exclude = new Set(row.inputs.exclude);
    portfolio.artifacts = portfolio.artifacts.filter(
      (a) => (include.size === 0 || include.has(a.id)) && !exclude.has(a.id),
    );
    result = await services.pipeline.run(
      {
        kind: row.kind,
        job: row.job_parsed,
        portfolio,
        labelIds: row.inputs.labelIds,
        options: { tone: row.inputs.tone, length: row.inputs.length },
        exportFormats: [],
      },
      {
        signal: controller.signal,
        onProgress: (p) => {
          const step = {
            stage: p.stage,
            percent: Math.max(0, Math.min(99, Math.round(p.percent))),
            message: p.message,
          };
          progress.push(step);
          progressEvents.push(step);
        },
        configOverride: {
          generators: { ...services.pipeline.config.generators, [row.kind]: choice.chain },
        },
        llmBudget: {
          userId: row.owner_id,
          userDailyRemaining: async (userId) =>
            services.config.llmDailyTokens - (await tokensSpentToday(services, userId)),
        },
      },
    );
  } catch (error) {
    failure = error;
  } finally {
    stopWatching();
    signal.removeEventListener('abort', onJobAbort);
    await Promise.all([progress.close(), progressEvents.close()]);
  }

  if (result) {
    await completeGeneration({ services, ...fence, result, note });
    return;
  }
  const why = controller.signal.aborted ? (controller.signal.reason as RunAborted).why : undefined;
  if (why === 'superseded') return;
  if (why === 'cancel') {
    await finishCancelled({ services, ...fence });
    return;
  }
  if (why === 'timeout') {
    await failGeneration({
      services,
      ...fence,
      failure: { code: 'TIMEOUT', message: 'The generation took too long and was stopped' },
    });
    return;
  }
  if (!(failure instanceof PipelineError) && !finalAttempt) {
    // Infrastructure trouble: hand the row back so the queue's retry claims it at once.
    await em
      .execute(
        `update generations set status = 'queued', updated_at = now() where id = ? and status = 'running' and attempts = ?`,
        [id, attempt],
      )
      .catch(() => {});
    throw failure;
  }
  if (!(failure instanceof PipelineError)) {
    services.logger.error({ generationId: id, err: (failure as Error)?.message }, 'generation failed');
  }
  await failGeneration({ services, ...fence, failure: describeFailure(failure, mode) });
}
