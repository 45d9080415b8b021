import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Document } from './document.js';
import { User } from './user.js';

/** Which evidence went out in which file: what the link checker re-checks first. */
export const ExportLog = defineEntity({
  name: 'ExportLog',
  tableName: 'export_logs',
  indexes: [
    { name: 'export_logs_document_created_idx', properties: ['document', 'createdAt'] },
    { name: 'export_logs_evidence_gin_idx', properties: ['evidenceIds'], type: 'gin' },
    // The evidence scheduler reads the last week's exports on every tick.
    { name: 'export_logs_created_idx', properties: ['createdAt'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    document: () => p.manyToOne(Document).deleteRule('cascade'),
    version: p.integer(),
    format: p.string().length(20),
    evidenceIds: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type IExportLog = InferEntity<typeof ExportLog>;
