import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Label } from './label.js';
import { User } from './user.js';

export const Artifact = defineEntity({
  name: 'Artifact',
  tableName: 'artifacts',
  indexes: [
    { name: 'artifacts_owner_start_idx', properties: ['owner', 'startDate', 'id'] },
    { name: 'artifacts_skills_gin_idx', properties: ['skills'], type: 'gin' },
    {
      name: 'artifacts_search_gin_idx',
      expression: `create index "artifacts_search_gin_idx" on "artifacts" using gin (to_tsvector('simple', "search_text"))`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    title: p.string().length(300),
    summary: p.text(),
    role: p.string().length(200).nullable(),
    startDate: p.string().columnType('date'),
    endDate: p.string().columnType('date').nullable(),
    technologies: p.array().default([]),
    /** Canonical skill ids derived from technologies and text (taxonomy ids, or `x:<key>` for unknown ones). */
    skills: p.array().default([]),
    collaborators: p.array().default([]),
    outcomes: p.array().default([]),
    visibility: p.enum(['private', 'public'] as const).default('private'),
    /** Denormalised text for full-text search (title, summary, role, technologies, outcomes). */
    searchText: p.text().default(''),
    labels: () => p.manyToMany(Label).pivotTable('artifact_labels').owner(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    /**
     * Counts accepted edits of what `PATCH /artifacts/:id` writes (fields and the label set): the ORM's version
     * column, so an update whose row changed since it was read fails instead of overwriting. Edits based on an
     * older revision are refused (`EDIT_CONFLICT`). Evidence checks and skill re-derivation leave it alone.
     */
    revision: p.integer().version(),
  },
});
export type IArtifact = InferEntity<typeof Artifact>;
