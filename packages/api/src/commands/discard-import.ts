import type { EntityManager } from '@mikro-orm/postgresql';
import { ImportJob } from '../db/entities/index.js';
import { AppError, notFound } from '../errors/app-error.js';
import { recordAudit } from './record-audit.js';

/**
 * Drops an import the user does not want: the file and the proposal are deleted, the row stays (discarded)
 * as the record of the upload. Discarding twice is a no-op; a committed import cannot be discarded (409).
 * A parse still running finds the row discarded and writes nothing.
 */
export async function discardImport({
  em,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  id: string;
  requestId?: string;
}): Promise<void> {
  const job = await em.findOne(ImportJob, { id, owner: ownerId }, { fields: ['id', 'status'] });
  if (!job) throw notFound('Import');
  if (job.status === 'discarded') return;
  if (job.status === 'committed') throw new AppError('CONFLICT', 'A committed import cannot be discarded');
  const changed = await em.nativeUpdate(
    ImportJob,
    { id, owner: ownerId, status: { $nin: ['committed', 'discarded'] } },
    { status: 'discarded', payload: null, proposal: null, updatedAt: new Date() },
  );
  if (!changed) {
    // Committed (or discarded) between the read and the write: the same answers as above.
    const now = await em.fork().findOne(ImportJob, { id }, { fields: ['status'] });
    if (now?.status === 'committed') throw new AppError('CONFLICT', 'A committed import cannot be discarded');
    return;
  }
  recordAudit({
    em,
    actorId: ownerId,
    action: 'import.discard',
    entityType: 'import',
    entityId: id,
    requestId,
  });
  await em.flush();
}
