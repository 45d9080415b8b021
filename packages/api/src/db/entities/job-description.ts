import { randomUUID } from 'node:crypto';
import type { TParsedJob } from '@dossier/core';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from './user.js';

/** A job description, parsed once and stored with the hash of its text so the same posting is reused. */
export const JobDescription = defineEntity({
  name: 'JobDescription',
  tableName: 'job_descriptions',
  uniques: [{ properties: ['owner', 'contentHash'], name: 'job_descriptions_owner_hash_unique' }],
  indexes: [{ name: 'job_descriptions_owner_created_idx', properties: ['owner', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    source: p.enum(['text', 'url'] as const),
    sourceUrl: p.text().nullable(),
    title: p.string().length(300),
    company: p.string().length(300).nullable(),
    text: p.text(),
    /** SHA-256 of the normalised text. */
    contentHash: p.string().length(64),
    parsed: p.json<TParsedJob>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type IJobDescription = InferEntity<typeof JobDescription>;
