import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Document } from './document.js';
import { JobDescription } from './job-description.js';
import { User } from './user.js';

export const GENERATION_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export interface GenerationInputs {
  labelIds: string[];
  include: string[];
  exclude: string[];
  generator: 'auto' | 'llm' | 'template';
  tone: 'formal' | 'warm' | 'concise';
  length: 'short' | 'standard' | 'long';
  force: boolean;
}

/**
 * One request for a CV or letter. The row is written before its queue job (whose id is this row's id), so a
 * lost Redis never loses work: the reconciler re-enqueues what the queue forgot.
 */
export const Generation = defineEntity({
  name: 'Generation',
  tableName: 'generations',
  indexes: [
    { name: 'generations_owner_created_idx', properties: ['owner', 'createdAt'] },
    { name: 'generations_status_updated_idx', properties: ['status', 'updatedAt'] },
    { name: 'generations_owner_request_idx', properties: ['owner', 'requestHash', 'createdAt'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    kind: p.enum(['cv', 'cover-letter'] as const),
    jobDescription: () => p.manyToOne(JobDescription).deleteRule('cascade'),
    inputs: p.json<GenerationInputs>(),
    /** Hash of the job description, the portfolio state and the options: the same request is served once an hour. */
    requestHash: p.string().length(64),
    status: p.enum(GENERATION_STATUSES).default('queued'),
    stage: p.string().length(40).nullable(),
    progress: p.integer().default(0),
    timings: p.json<Record<string, number>>().defaultRaw(`'{}'`),
    generator: p.string().length(100).nullable(),
    fallbackReason: p.text().nullable(),
    tokens: p.integer().default(0),
    cost: p.double().default(0),
    error: p.json<{ code: string; message: string }>().nullable(),
    document: () => p.manyToOne(Document).nullable().deleteRule('set null'),
    attempts: p.integer().default(0),
    cancelRequested: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type IGeneration = InferEntity<typeof Generation>;
