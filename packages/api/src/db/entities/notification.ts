import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from './user.js';

export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  indexes: [{ name: 'notifications_owner_read_created_idx', properties: ['owner', 'readAt', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    type: p.string().length(60),
    title: p.string().length(300),
    body: p.text().nullable(),
    /** Where the web app takes the user, e.g. `/documents/<id>`. */
    link: p.string().length(500).nullable(),
    readAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type INotification = InferEntity<typeof Notification>;
