import type { EntityManager } from '@mikro-orm/postgresql';
import { Document, DocumentVersion } from '../db/entities/index.js';
import { withoutNul } from '../db/without-nul.js';
import type { PipelineResult } from '../pipeline/create-pipeline-host.js';
import type { Services } from '../services/create-services.js';
import { createNotification } from './create-notification.js';

export interface GenerationFailure {
  code: string;
  message: string;
}

/** Identifies one run of one generation: only the run holding the current attempt may finish it. */
export interface RunFence {
  services: Services;
  id: string;
  attempt: number;
  ownerId: string;
  kind: 'cv' | 'cover-letter';
  jobDescriptionId: string;
  /** The job description's heading as the run read it (null when it was deleted). */
  job: { title: string; company: string | null; contentHash: string } | null;
}

const KIND_LABEL = { cv: 'CV', 'cover-letter': 'Cover letter' } as const;

/** "CV — Backend Engineer at Acme" */
export function documentTitle(kind: 'cv' | 'cover-letter', title: string, company: string | null): string {
  const what = title.trim() || 'Untitled position';
  return `${KIND_LABEL[kind]} — ${company?.trim() ? `${what} at ${company.trim()}` : what}`.slice(0, 300);
}

class LostRun extends Error {}

/**
 * Records a successful run exactly once, in one transaction: the conditional status change comes first and
 * fences out any duplicate run (its update matches no row, and it rolls back before writing anything), then
 * the document and its first version, the daily token ledger and the notification.
 */
export async function completeGeneration({
  services,
  id,
  attempt,
  ownerId,
  kind,
  jobDescriptionId,
  job,
  result,
  note,
}: RunFence & { result: PipelineResult; note: string | null }): Promise<void> {
  const now = services.clock();
  const tokens = result.usage.inputTokens + result.usage.outputTokens;
  const cost = result.usage.costUsd;
  const timings = Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, Math.round(v)]));
  const fallbackReason = [note, result.fallbackReason].filter(Boolean).join('; ') || null;
  let documentId: string | undefined;
  try {
    await services.orm.em.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      const won = await em.execute<{ id: string }[]>(
        `update generations set status = 'succeeded', stage = 'done', progress = 100, timings = ?::jsonb,
           generator = ?, fallback_reason = ?, tokens = ?, cost = ?, error = null, finished_at = ?, updated_at = now()
         where id = ? and status = 'running' and attempts = ? returning id`,
        [JSON.stringify(timings), result.generator, fallbackReason, tokens, cost, now, id, attempt],
      );
      if (!won[0]) throw new LostRun();
      const title = documentTitle(kind, job?.title ?? '', job?.company ?? null);
      const expiresAt = new Date(now.getTime() + services.config.documentRetentionDays * 86_400_000);
      const document = em.create(Document, {
        owner: ownerId,
        kind,
        title,
        jobDescription: jobDescriptionId,
        jobDescriptionHash: job?.contentHash ?? '',
        currentVersion: 1,
        saved: false,
        expiresAt,
      });
      em.create(DocumentVersion, {
        document,
        number: 1,
        // A model's reply may carry NUL characters, which PostgreSQL cannot store.
        content: withoutNul(result.content),
        atsReport: withoutNul(result.ats),
        author: 'generator',
        generationId: id,
      });
      await em.flush();
      documentId = document.id;
      await em.execute('update generations set document_id = ? where id = ?', [document.id, id]);
      if (tokens > 0 || cost > 0) {
        await em.execute(
          `insert into token_usage (owner_id, day, tokens, cost) values (?, ?::date, ?, ?)
           on conflict (owner_id, day) do update
             set tokens = token_usage.tokens + excluded.tokens, cost = token_usage.cost + excluded.cost`,
          [ownerId, now.toISOString().slice(0, 10), tokens, cost],
        );
      }
      await createNotification({
        em,
        ownerId,
        type: 'generation.succeeded',
        title: `${title} is ready`,
        body: fallbackReason
          ? `Written by ${result.generator} (${fallbackReason}).`
          : `Written by ${result.generator}.`,
        link: `/documents/${document.id}`,
      });
    });
  } catch (err) {
    if (err instanceof LostRun) return;
    throw err;
  }
  await services.events.publish(id, { type: 'status', status: 'succeeded' });
  await services.events.publish(id, { type: 'done', status: 'succeeded', documentId: documentId ?? null });
}

/** Records a failure (with a notification) unless another run has taken the row. */
export async function failGeneration({
  services,
  id,
  attempt,
  ownerId,
  kind,
  job,
  failure,
}: RunFence & { failure: GenerationFailure }): Promise<void> {
  const error = { code: failure.code, message: failure.message.slice(0, 2_000) };
  let recorded = false;
  await services.orm.em.fork().transactional(async (tx) => {
    const em = tx as EntityManager;
    const won = await em.execute<{ id: string }[]>(
      `update generations set status = 'failed', error = ?::jsonb, finished_at = ?, updated_at = now()
       where id = ? and status = 'running' and attempts = ? returning id`,
      [JSON.stringify(error), services.clock(), id, attempt],
    );
    if (!won[0]) return;
    recorded = true;
    await createNotification({
      em,
      ownerId,
      type: 'generation.failed',
      title: `${documentTitle(kind, job?.title ?? '', job?.company ?? null)} could not be generated`,
      body: error.message,
      link: '/tailor',
    });
  });
  if (!recorded) return;
  await services.events.publish(id, { type: 'status', status: 'failed' });
  await services.events.publish(id, { type: 'done', status: 'failed', documentId: null, error });
}

/** A cancel that reached the run: the row ends cancelled (no notification: the user asked for it). */
export async function finishCancelled({ services, id, attempt }: RunFence): Promise<void> {
  const rows = await services.orm.em.fork().execute<{ id: string }[]>(
    `update generations set status = 'cancelled', finished_at = ?, updated_at = now()
       where id = ? and status = 'running' and attempts = ? returning id`,
    [services.clock(), id, attempt],
  );
  if (!rows[0]) return;
  await services.events.publish(id, { type: 'status', status: 'cancelled' });
  await services.events.publish(id, { type: 'done', status: 'cancelled', documentId: null });
}
