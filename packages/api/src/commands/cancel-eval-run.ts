import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, notFound } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';

/**
 * Asks a run to stop. A queued run is cancelled on the spot (its job then finds it so and does nothing); a
 * running one gets the flag, which its job reads with every progress write and aborts the harness on.
 * Cancelling a cancelled run again is a no-op; a finished one is a conflict.
 */
export async function cancelEvalRun({
  em,
  services,
  actorId,
  id,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  actorId: string;
  id: string;
  requestId?: string;
}): Promise<{ status: string }> {
  // One statement, so a worker claiming the row at the same moment either sees the flag or finds it cancelled.
  const rows = await em.execute<{ status: string }[]>(
    `update eval_runs set cancel_requested = true, updated_at = now(),
       status = case when status = 'queued' then 'cancelled' else status end,
       finished_at = case when status = 'queued' then ? else finished_at end
     where id = ? and status in ('queued', 'running')
     returning status`,
    [services.clock(), id],
  );
  const updated = rows[0];
  if (!updated) {
    const [row] = await em.execute<{ status: string }[]>('select status from eval_runs where id = ?', [id]);
    if (!row) throw notFound('Evaluation run');
    if (row.status === 'cancelled') return { status: 'cancelled' };
    throw new AppError('CONFLICT', `The evaluation run has already ${row.status}`, {
      details: { status: row.status },
    });
  }
  recordAudit({ em, actorId, action: 'eval.run.cancel', entityType: 'eval-run', entityId: id, requestId });
  await em.flush();
  return updated;
}
