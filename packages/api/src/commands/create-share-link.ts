import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ShareLink } from '../db/entities/index.js';
import type { Services } from '../services/create-services.js';
import { findDocumentVersion } from './query-documents.js';
import { recordAudit } from './record-audit.js';

/** SHA-256 of a share token, hex: the only form in which a token is stored. */
export const hashShareToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const DAY_MS = 86_400_000;

/**
 * Creates a public read-only link to a document: a 32-byte random token (base64url) that is returned once and
 * stored only as its hash. Without `version` the link follows the current version.
 */
export async function createShareLink({
  em,
  services,
  ownerId,
  documentId,
  version,
  expiresInDays,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  documentId: string;
  version?: number;
  expiresInDays: number;
  requestId?: string;
}): Promise<{ id: string; token: string; expiresAt: Date }> {
  // 404 for someone else's document, or for a version it does not have.
  if (version !== undefined) await findDocumentVersion(em, { ownerId, documentId, number: version });
  else await findDocumentVersion(em, { ownerId, documentId });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(services.clock().getTime() + expiresInDays * DAY_MS);
  const link = em.create(ShareLink, {
    owner: ownerId,
    document: documentId,
    version: version ?? null,
    tokenHash: hashShareToken(token),
    expiresAt,
    revokedAt: null,
  });
  recordAudit({
    em,
    actorId: ownerId,
    action: 'share.create',
    entityType: 'share',
    entityId: link.id,
    requestId,
    data: { documentId, version: version ?? null, expiresAt: expiresAt.toISOString() },
  });
  await em.flush();
  return { id: link.id, token, expiresAt };
}
