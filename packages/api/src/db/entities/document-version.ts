import { randomUUID } from 'node:crypto';
import type { TAtsReport, TDocumentContent } from '@dossier/core';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Document } from './document.js';

export const DocumentVersion = defineEntity({
  name: 'DocumentVersion',
  tableName: 'document_versions',
  uniques: [{ properties: ['document', 'number'], name: 'document_versions_document_number_unique' }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    document: () => p.manyToOne(Document).deleteRule('cascade'),
    number: p.integer(),
    content: p.json<TDocumentContent>(),
    atsReport: p.json<TAtsReport>().nullable(),
    author: p.enum(['generator', 'user'] as const),
    generationId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type IDocumentVersion = InferEntity<typeof DocumentVersion>;
