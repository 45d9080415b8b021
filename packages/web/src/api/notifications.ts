import { api } from './client';
import type { NotificationPage } from './tailoring-types';

export function listNotifications(
  query: { unread?: boolean; cursor?: string } = {},
  signal?: AbortSignal,
): Promise<NotificationPage> {
  return api.get<NotificationPage>('/notifications', { query, ...(signal ? { signal } : {}) });
}

export async function fetchUnreadCount(signal?: AbortSignal): Promise<number> {
  const answer = await api.get<{ count: number }>('/notifications/unread-count', signal ? { signal } : {});
  return typeof answer?.count === 'number' ? answer.count : 0;
}

export function markNotificationRead(id: string): Promise<void> {
  return api.post(`/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllNotificationsRead(): Promise<void> {
  return api.post('/notifications/read-all');
}
