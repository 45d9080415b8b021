import type { EntityManager } from '@mikro-orm/postgresql';
import { JobDescription } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';
import { recordAudit } from './record-audit.js';

/**
 * Deletes one of the user's job descriptions. The database cascades to its generations; documents made from it
 * keep their content and lose only the link.
 */
export async function deleteJobDescription({
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
  await em.transactional(async (tx) => {
    const deleted = await tx.nativeDelete(JobDescription, { id, owner: ownerId });
    if (deleted === 0) throw notFound('Job description');
    recordAudit({
      em: tx as EntityManager,
      actorId: ownerId,
      action: 'job-description.delete',
      entityType: 'job-description',
      entityId: id,
      requestId,
    });
  });
}
