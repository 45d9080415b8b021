import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * Access tokens are stateless JWTs, so ending a session has to be told to every API process: one row per ended
 * session (its refresh-token family, the JWT's `sid`), or with no family every session of the user (the account
 * was deleted). Processes read the rows written since their last look (`createSessionRevocations`). A row is
 * only needed until the last access token it could concern has expired, then it is pruned; the user is a plain
 * id, not a foreign key, so the row outlives a deleted account.
 */
export const SessionRevocation = defineEntity({
  name: 'SessionRevocation',
  tableName: 'session_revocations',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    userId: p.uuid(),
    family: p.uuid().nullable(),
    revokedAt: p.datetime().index(),
    expiresAt: p.datetime().index(),
  },
});
export type ISessionRevocation = InferEntity<typeof SessionRevocation>;
