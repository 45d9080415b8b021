import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Document } from './document.js';
import { User } from './user.js';

/** A public read-only link; only the token's hash is stored. */
export const ShareLink = defineEntity({
  name: 'ShareLink',
  tableName: 'share_links',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    document: () => p.manyToOne(Document).deleteRule('cascade').index(),
    /** Null shares whatever the current version is. */
    version: p.integer().nullable(),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type IShareLink = InferEntity<typeof ShareLink>;
