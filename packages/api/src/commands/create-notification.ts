import type { EntityManager } from '@mikro-orm/postgresql';
import { Notification } from '../db/entities/index.js';

export interface CreateNotificationInput {
  em: EntityManager;
  ownerId: string;
  /** Dotted event name, e.g. `generation.succeeded`. */
  type: string;
  title: string;
  body?: string | null;
  /** Web-app path the notification opens, e.g. `/documents/<id>`. */
  link?: string | null;
}

/**
 * Creates one unread notification and flushes it (together with anything else pending on `em`, so a job can
 * persist its final status and the notification in one flush). Notifications are system-written, so no audit
 * event: the action that caused them is already audited. Over-long text is cut to the column sizes rather than
 * failing the caller's job over a cosmetic field.
 */
export async function createNotification({
  em,
  ownerId,
  type,
  title,
  body,
  link,
}: CreateNotificationInput): Promise<string> {
  const notification = em.create(Notification, {
    owner: ownerId,
    type: type.slice(0, 60),
    title: title.slice(0, 300),
    body: body ?? null,
    link: link ? link.slice(0, 500) : null,
    readAt: null,
  });
  await em.flush();
  return notification.id;
}
