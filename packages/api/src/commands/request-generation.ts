import type { EntityManager } from '@mikro-orm/postgresql';
import { sha256 } from '../crypto/tokens.js';
import {
  Generation,
  type GenerationInputs,
  type IGeneration,
  type IJobDescription,
  JobDescription,
} from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import { isTemplateGenerator } from '../pipeline/create-pipeline-host.js';
import { runGenerationJob } from '../queue/jobs/run-generation.js';
import type { TGenerateRequest } from '../routes/generations/schema.js';
import type { Services } from '../services/create-services.js';
import { createJobDescription } from './create-job-description.js';
import { recordAudit } from './record-audit.js';

/**
 * The same request is handed back instead of run again for this long: a succeeded generation (its document), or
 * one still queued or running (so a second click or a client's retry does not start, and pay for, another).
 */
export const REUSE_WINDOW_MS = 60 * 60 * 1000;

export type GenerationKind = 'cv' | 'cover-letter';

export type RequestGenerationResult =
  | { reused: false; generation: IGeneration }
  | { reused: true; id: string; status: 'succeeded'; documentId: string }
  | { reused: true; id: string; status: 'queued' | 'running'; documentId: null };

/** The job description a request names (it must be the caller's), or one made from the pasted text. */
async function resolveJobDescription({
  em,
  services,
  ownerId,
  input,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  input: TGenerateRequest;
  requestId?: string;
}): Promise<IJobDescription> {
  if (input.jobDescriptionId) {
    const found = await em.findOne(JobDescription, { id: input.jobDescriptionId, owner: ownerId });
    if (!found) throw notFound('Job description');
    return found;
  }
  const { jobDescription } = await createJobDescription({
    em,
    services,
    ownerId,
    input: { text: input.jobDescriptionText ?? '' },
    requestId,
  });
  return jobDescription;
}

/** Every id must name one of the user's own rows; an unknown one is 404, as elsewhere in the API. */
async function checkOwned(em: EntityManager, table: 'labels' | 'artifacts', ownerId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await em.execute<{ id: string }[]>(
    `select id from ${table} where owner_id = ? and id = any(?::uuid[])`,
    [ownerId, `{${unique.join(',')}}`],
  );
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id));
    const what = table === 'labels' ? 'Label' : 'Artifact';
    throw notFound(`${what} ${unique.find((id) => !found.has(id))}`);
  }
}

interface PortfolioState {
  artifacts_updated: Date | string | null;
  artifact_count: number | string;
  selected_count: number | string;
  evidence: Record<string, number> | null;
  evidence_updated: Date | string | null;
  label_links: number | string;
  user_updated: Date | string | null;
}

/**
 * What the generated content depends on besides the job and the options, in one statement: the artifacts'
 * latest change and count, evidence status counts, label membership and the profile. Any edit changes it.
 */
async function readPortfolioState(
  em: EntityManager,
  ownerId: string,
  include: string[],
  exclude: string[],
): Promise<PortfolioState> {
  const rows = await em.execute<PortfolioState[]>(
    `select
       (select max(a.updated_at) from artifacts a where a.owner_id = ?) as artifacts_updated,
       (select count(*) from artifacts a where a.owner_id = ?) as artifact_count,
       (select count(*) from artifacts a where a.owner_id = ?
          and (cardinality(?::uuid[]) = 0 or a.id = any(?::uuid[])) and not (a.id = any(?::uuid[]))) as selected_count,
       (select json_object_agg(s.status, s.n) from (
          select e.status, count(*) as n from evidence_links e where e.owner_id = ? group by e.status) s) as evidence,
       (select max(e.updated_at) from evidence_links e where e.owner_id = ?) as evidence_updated,
       (select coalesce(sum(hashtext(al.artifact_id::text || al.label_id::text)::bigint), 0)
          from artifact_labels al join artifacts a on a.id = al.artifact_id where a.owner_id = ?) as label_links,
       (select u.updated_at from users u where u.id = ?) as user_updated`,
    [
      ownerId,
      ownerId,
      ownerId,
      pgUuids(include),
      pgUuids(include),
      pgUuids(exclude),
      ownerId,
      ownerId,
      ownerId,
      ownerId,
    ],
  );
  return rows[0]!;
}

const pgUuids = (ids: string[]) => `{${ids.join(',')}}`;
const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The request's identity: the same job, portfolio state and options hash to the same value. */
export function computeRequestHash(props: {
  kind: GenerationKind;
  jobContentHash: string;
  state: PortfolioState;
  inputs: GenerationInputs;
}): string {
  const { state, inputs } = props;
  const evidence = Object.entries(state.evidence ?? {})
    .map(([k, v]) => `${k}=${Number(v)}`)
    .sort();
  return sha256(
    JSON.stringify({
      kind: props.kind,
      job: props.jobContentHash,
      portfolio: [
        isoOrNull(state.artifacts_updated),
        Number(state.artifact_count),
        evidence,
        isoOrNull(state.evidence_updated),
        String(state.label_links),
        isoOrNull(state.user_updated),
      ],
      // `force` is not part of the request's identity: it only decides whether a result is reused.
      options: {
        labelIds: [...new Set(inputs.labelIds)].sort(),
        include: [...new Set(inputs.include)].sort(),
        exclude: [...new Set(inputs.exclude)].sort(),
        generator: inputs.generator,
        tone: inputs.tone,
        length: inputs.length,
      },
    }),
  );
}

/**
 * Asks for a CV or cover letter. The same request within the reuse window returns the earlier generation, done
 * or still under way (unless `force`); a new one counts against the hourly generation budget, is written as a
 * queued row and committed, and only then queued (job id = row id). If queueing fails the row stays queued and
 * the reconciler queues it later.
 */
export async function requestGeneration({
  em,
  services,
  ownerId,
  kind,
  input,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  kind: GenerationKind;
  input: TGenerateRequest;
  requestId?: string;
}): Promise<RequestGenerationResult> {
  const { config, pipeline, rateLimiter, clock, queue, logger } = services;
  if (input.generator === 'llm' && pipeline.config.generators[kind].every(isTemplateGenerator)) {
    throw new AppError(
      'UNPROCESSABLE',
      'No language model is configured on this server; use generator "auto"',
    );
  }
  await checkOwned(em, 'labels', ownerId, input.labelIds);
  await checkOwned(em, 'artifacts', ownerId, [...input.include, ...input.exclude]);
  const job = await resolveJobDescription({ em, services, ownerId, input, requestId });
  const inputs: GenerationInputs = {
    labelIds: [...new Set(input.labelIds)],
    include: [...new Set(input.include)],
    exclude: [...new Set(input.exclude)],
    generator: input.generator,
    tone: input.tone,
    length: input.length,
    force: input.force,
  };
  const state = await readPortfolioState(em, ownerId, inputs.include, inputs.exclude);
  if (Number(state.selected_count) === 0) {
    throw new AppError(
      'UNPROCESSABLE',
      'There are no artifacts to draw on: add some, or widen the selection',
    );
  }
  const requestHash = computeRequestHash({ kind, jobContentHash: job.contentHash, state, inputs });

  if (input.force) return createGeneration();
  // Identical requests are decided one at a time (a transaction-scoped lock on the owner and the request's
  // hash), so of two that arrive together the second finds the first's row.
  const found = await em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${ownerId}:${requestHash}`]);
    const since = new Date(clock().getTime() - REUSE_WINDOW_MS);
    const rows = await tx.execute<{ id: string; status: string; document_id: string | null }[]>(
      `select g.id, g.status, g.document_id from generations g left join documents d on d.id = g.document_id
       where g.owner_id = ? and g.request_hash = ? and g.created_at > ?
         and (g.status in ('queued', 'running') or (g.status = 'succeeded' and d.id is not null))
       order by g.created_at desc limit 1`,
      [ownerId, requestHash, since],
    );
    const row = rows[0];
    if (row) return row;
    return { created: await insertGeneration(tx as EntityManager) };
  });
  if ('created' in found) return enqueue(found.created);
  if (found.status === 'succeeded') {
    return { reused: true, id: found.id, status: 'succeeded', documentId: found.document_id! };
  }
  return { reused: true, id: found.id, status: found.status as 'queued' | 'running', documentId: null };

  /** Counts against the hourly budget and writes the queued row (with its audit event) through `target`. */
  async function insertGeneration(target: EntityManager): Promise<IGeneration> {
    const decision = await rateLimiter.consume(`gen:${ownerId}`, config.generationsPerHour, 3600);
    if (!decision.allowed) {
      throw new AppError('RATE_LIMITED', `At most ${config.generationsPerHour} generations an hour`, {
        retryAfter: decision.retryAfter,
      });
    }
    const generation = target.create(Generation, {
      owner: ownerId,
      kind,
      jobDescription: job.id,
      inputs,
      requestHash,
      status: 'queued',
      stage: null,
      progress: 0,
      timings: {},
      generator: null,
      fallbackReason: null,
      tokens: 0,
      cost: 0,
      error: null,
      document: null,
      attempts: 0,
      cancelRequested: false,
      startedAt: null,
      finishedAt: null,
    });
    recordAudit({
      em: target,
      actorId: ownerId,
      action: 'generation.request',
      entityType: 'generation',
      entityId: generation.id,
      requestId,
      data: { kind, jobDescriptionId: job.id, generator: inputs.generator, force: inputs.force },
    });
    await target.flush();
    return generation;
  }

  async function createGeneration(): Promise<RequestGenerationResult> {
    return enqueue(await insertGeneration(em));
  }

  /** Queues a committed row (job id = row id); if that fails the reconciler queues it later. */
  async function enqueue(generation: IGeneration): Promise<RequestGenerationResult> {
    try {
      await queue.enqueue(runGenerationJob, { generationId: generation.id }, { jobId: generation.id });
    } catch (err) {
      logger.warn(
        { generationId: generation.id, err: (err as Error).message },
        'generation not queued; the reconciler will queue it',
      );
    }
    return { reused: false, generation };
  }
}
