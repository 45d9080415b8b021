import type { EntityManager } from '@mikro-orm/postgresql';
import { Document } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';
import { recordAudit } from './record-audit.js';

/** Keeps a document: saved documents have no expiry, so the retention job never deletes them. Idempotent. */
export async function saveDocument({
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
  const document = await em.findOne(Document, { id, owner: ownerId });
  if (!document) throw notFound('Document');
  if (document.saved && document.expiresAt === null) return;
  document.saved = true;
  document.expiresAt = null;
  recordAudit({
    em,
    actorId: ownerId,
    action: 'document.save',
    entityType: 'document',
    entityId: id,
    requestId,
  });
  await em.flush();
}
