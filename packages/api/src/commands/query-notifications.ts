import type { EntityManager } from '@mikro-orm/postgresql';
import { type INotification, Notification } from '../db/entities/index.js';
import type { TNotificationListQuery } from '../routes/notifications/schema.js';
import { decodeCreatedCursor, encodeCreatedCursor } from './keyset-cursor.js';

export const countUnreadNotifications = (em: EntityManager, ownerId: string) =>
  em.count(Notification, { owner: ownerId, readAt: null });

/** A user's notifications, newest first, keyset-paginated on (createdAt, id), with the unread count. */
export async function queryNotifications(
  em: EntityManager,
  q: TNotificationListQuery & { ownerId: string },
): Promise<{ rows: INotification[]; nextCursor: string | null; unreadCount: number }> {
  const after = q.cursor ? decodeCreatedCursor(q.cursor) : undefined;
  const [rows, unreadCount] = await Promise.all([
    em.find(
      Notification,
      {
        owner: q.ownerId,
        ...(q.unread ? { readAt: null } : {}),
        ...(after
          ? {
              $or: [
                { createdAt: { $lt: after.createdAt } },
                { createdAt: after.createdAt, id: { $lt: after.id } },
              ],
            }
          : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: q.limit + 1 },
    ),
    countUnreadNotifications(em, q.ownerId),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > q.limit && last ? encodeCreatedCursor(last.createdAt, last.id) : null,
    unreadCount,
  };
}
