import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { JobDescription } from './job-description.js';
import { User } from './user.js';

/** A generated CV or letter; its content lives in numbered versions. Unsaved documents expire. */
export const Document = defineEntity({
  name: 'Document',
  tableName: 'documents',
  indexes: [
    { name: 'documents_owner_updated_idx', properties: ['owner', 'updatedAt'] },
    { name: 'documents_expiry_idx', properties: ['saved', 'expiresAt'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    kind: p.enum(['cv', 'cover-letter'] as const),
    title: p.string().length(300),
    jobDescription: () => p.manyToOne(JobDescription).nullable().deleteRule('set null'),
    jobDescriptionHash: p.string().length(64),
    currentVersion: p.integer().default(1),
    saved: p.boolean().default(false),
    /** Null once saved: saved documents are exempt from retention. */
    expiresAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type IDocument = InferEntity<typeof Document>;
