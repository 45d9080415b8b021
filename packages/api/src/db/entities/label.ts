import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from './user.js';

export const Label = defineEntity({
  name: 'Label',
  tableName: 'labels',
  uniques: [{ properties: ['owner', 'nameKey'], name: 'labels_owner_name_key_unique' }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    name: p.string().length(80),
    /** Lower-cased, trimmed name: "Backend" and "backend " are the same label. */
    nameKey: p.string().length(80),
    description: p.text().nullable(),
    colour: p.string().length(7).default('#4f46e5'),
    skillFocus: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type ILabel = InferEntity<typeof Label>;
