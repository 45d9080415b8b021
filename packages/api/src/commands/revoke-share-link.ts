import type { EntityManager } from '@mikro-orm/postgresql';
import { ShareLink } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';
import { recordAudit } from './record-audit.js';

/** Revokes a share link of one of the caller's documents; revoking twice keeps the first revocation time. */
export async function revokeShareLink({
  em,
  services,
  ownerId,
  documentId,
  shareId,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  documentId: string;
  shareId: string;
  requestId?: string;
}): Promise<void> {
  const link = await em.findOne(ShareLink, { id: shareId, document: documentId, owner: ownerId });
  if (!link) throw notFound('Share link');
  if (link.revokedAt) return;
  link.revokedAt = services.clock();
  recordAudit({
    em,
    actorId: ownerId,
    action: 'share.revoke',
    entityType: 'share',
    entityId: shareId,
    requestId,
    data: { documentId },
  });
  await em.flush();
}
