import type { EntityManager } from '@mikro-orm/postgresql';
import { newSecret, sha256 } from '../crypto/tokens.js';
import { ApiKey } from '../db/entities/index.js';
import { notFound } from '../errors/app-error.js';
import { recordAudit } from './record-audit.js';

export async function createApiKey({
  em,
  ownerId,
  name,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  name: string;
  requestId?: string;
}) {
  const key = newSecret('dsk_');
  const row = em.create(ApiKey, { owner: ownerId, name, prefix: key.slice(0, 12), keyHash: sha256(key) });
  recordAudit({
    em,
    actorId: ownerId,
    action: 'api-key.create',
    entityType: 'api-key',
    entityId: row.id,
    requestId,
  });
  await em.flush();
  return { id: row.id, name: row.name, prefix: row.prefix, key, createdAt: row.createdAt.toISOString() };
}

export async function revokeApiKey({
  em,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  ownerId: string;
  id: string;
  requestId?: string;
}) {
  const n = await em.nativeDelete(ApiKey, { id, owner: ownerId });
  if (!n) throw notFound('API key');
  recordAudit({
    em,
    actorId: ownerId,
    action: 'api-key.revoke',
    entityType: 'api-key',
    entityId: id,
    requestId,
  });
  await em.flush();
}
