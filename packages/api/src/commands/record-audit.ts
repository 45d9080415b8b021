import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent } from '../db/entities/index.js';

export interface AuditInput {
  em: EntityManager;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  requestId?: string | null;
  data?: Record<string, unknown>;
}

/** Every mutation leaves an audit event; it is persisted with the mutation's own flush. */
export function recordAudit({
  em,
  actorId,
  action,
  entityType,
  entityId,
  requestId,
  data,
}: AuditInput): void {
  em.create(AuditEvent, {
    actorId,
    action,
    entityType,
    entityId: entityId ?? null,
    requestId: requestId ?? null,
    data: data ?? {},
  });
}
