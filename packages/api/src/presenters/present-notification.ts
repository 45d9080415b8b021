import type { INotification } from '../db/entities/index.js';
import type { TNotificationView } from '../routes/notifications/schema.js';

export function presentNotification(row: INotification): TNotificationView {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body ?? null,
    link: row.link ?? null,
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
