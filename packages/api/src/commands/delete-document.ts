import type { EntityManager } from '@mikro-orm/postgresql';
import { Document } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';
import { recordAudit } from './record-audit.js';

/** Deletes a document; its versions, export logs and share links go with it (ON DELETE CASCADE). */
export async function deleteDocument({
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
    const deleted = await tx.nativeDelete(Document, { id, owner: ownerId });
    if (!deleted) throw notFound('Document');
    recordAudit({
      em: tx,
      actorId: ownerId,
      action: 'document.delete',
      entityType: 'document',
      entityId: id,
      requestId,
    });
  });
}
