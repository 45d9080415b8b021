import { randomUUID } from 'node:crypto';
import type { TPipelinePortfolio } from '@dossier/core';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from './user.js';

/**
 * An uploaded resume or project document waiting to be parsed, then reviewed: the file itself is kept until
 * the proposal is committed or discarded, so a worker restart loses nothing.
 */
export const ImportJob = defineEntity({
  name: 'ImportJob',
  tableName: 'import_jobs',
  indexes: [{ name: 'import_jobs_owner_created_idx', properties: ['owner', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    status: p
      .enum(['queued', 'parsing', 'ready', 'failed', 'committed', 'discarded'] as const)
      .default('queued'),
    filename: p.string().length(300),
    mediaType: p.string().length(120),
    size: p.integer(),
    payload: p.blob().nullable(),
    proposal: p.json<TPipelinePortfolio>().nullable(),
    error: p.json<{ code: string; message: string }>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type IImportJob = InferEntity<typeof ImportJob>;
