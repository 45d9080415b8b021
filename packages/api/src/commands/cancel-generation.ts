import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, notFound } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';

/**
 * Asks a generation to stop. A queued one is cancelled on the spot (its job will find it so and do nothing);
 * a running one gets the flag and a cancel event, and its run aborts the current stage. Cancelling a cancelled
 * generation again is a no-op; a finished one is a conflict.
 */
export async function cancelGeneration({
  em,
  services,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  id: string;
  requestId?: string;
}): Promise<{ status: string }> {
  // One statement, so a worker claiming the row at the same moment either sees the flag or finds it cancelled.
  const rows = await em.execute<{ status: string }[]>(
    `update generations set cancel_requested = true, updated_at = now(),
       status = case when status = 'queued' then 'cancelled' else status end,
       finished_at = case when status = 'queued' then ? else finished_at end
     where id = ? and owner_id = ? and status in ('queued', 'running')
     returning status`,
    [services.clock(), id, ownerId],
  );
  const updated = rows[0];
  if (!updated) {
    const [row] = await em.execute<{ status: string }[]>(
      'select status from generations where id = ? and owner_id = ?',
      [id, ownerId],
    );
    if (!row) throw notFound('Generation');
    if (row.status === 'cancelled') return { status: 'cancelled' };
    throw new AppError('CONFLICT', `The generation has already ${row.status}`, {
      details: { status: row.status },
    });
  }
  recordAudit({
    em,
    actorId: ownerId,
    action: 'generation.cancel',
    entityType: 'generation',
    entityId: id,
    requestId,
  });
  await em.flush();
  await services.events.publish(id, { type: 'cancel' });
  if (updated.status === 'cancelled') {
    await services.events.publish(id, { type: 'status', status: 'cancelled' });
    await services.events.publish(id, { type: 'done', status: 'cancelled', documentId: null });
  }
  return updated;
}
