import type { EntityManager } from '@mikro-orm/postgresql';
import { Notification } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';
import { recordAudit } from './record-audit.js';

/**
 * Marks one notification read, or every unread one when `id` is left out. Idempotent: an already-read
 * notification keeps the time it was first read.
 */
export async function markNotificationsRead({
  em,
  ownerId,
  id,
  now,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  id?: string;
  now: Date;
  requestId?: string;
}): Promise<number> {
  return em.transactional(async (tx) => {
    if (id !== undefined && (await tx.count(Notification, { id, owner: ownerId })) === 0) {
      throw notFound('Notification');
    }
    const updated = await tx.nativeUpdate(
      Notification,
      { owner: ownerId, readAt: null, ...(id !== undefined ? { id } : {}) },
      { readAt: now },
    );
    recordAudit({
      em: tx as EntityManager,
      actorId: ownerId,
      action: id !== undefined ? 'notification.read' : 'notification.read-all',
      entityType: 'notification',
      entityId: id ?? null,
      requestId,
      data: { updated },
    });
    return updated;
  });
}
