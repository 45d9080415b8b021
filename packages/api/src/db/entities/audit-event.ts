import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * Audit events keep the actor as a plain id (not a foreign key) so the record of an account's deletion
 * survives the deletion itself.
 */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  indexes: [{ name: 'audit_events_actor_created_idx', properties: ['actorId', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    actorId: p.uuid().nullable(),
    action: p.string().length(80),
    entityType: p.string().length(40),
    entityId: p.string().length(80).nullable(),
    requestId: p.string().length(80).nullable(),
    data: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;
