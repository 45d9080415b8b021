import { markNotificationsRead } from '../../commands/mark-notifications-read.js';
import { countUnreadNotifications, queryNotifications } from '../../commands/query-notifications.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentNotification } from '../../presenters/present-notification.js';
import { ZNotificationListQuery, ZNotificationPage, ZNotificationParams, ZUnreadCount } from './schema.js';

export const notificationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/notifications',
    tag: 'notifications',
    summary: 'List notifications, newest first, with the unread count',
    auth: 'user',
    query: ZNotificationListQuery,
    response: { status: 200, schema: ZNotificationPage },
    async handler({ em, principal, input }) {
      const { rows, nextCursor, unreadCount } = await queryNotifications(em, {
        ...input.query,
        ownerId: principal.userId,
      });
      return { body: { items: rows.map(presentNotification), nextCursor, unreadCount } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/notifications/unread-count',
    tag: 'notifications',
    summary: 'Count unread notifications',
    auth: 'user',
    // The web app polls this; one indexed count should not spend the user's hourly request budget.
    rateLimited: false,
    response: { status: 200, schema: ZUnreadCount },
    async handler({ em, principal }) {
      return { body: { count: await countUnreadNotifications(em, principal.userId) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/notifications/read-all',
    tag: 'notifications',
    summary: 'Mark every notification read',
    auth: 'user',
    response: { status: 204 },
    async handler({ em, principal, services, requestId }) {
      await markNotificationsRead({ em, ownerId: principal.userId, now: services.clock(), requestId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/notifications/:id/read',
    tag: 'notifications',
    summary: 'Mark one notification read',
    auth: 'user',
    params: ZNotificationParams,
    ownedBy: 'notification',
    response: { status: 204 },
    async handler({ em, principal, services, input, requestId }) {
      await markNotificationsRead({
        em,
        ownerId: principal.userId,
        id: input.params.id,
        now: services.clock(),
        requestId,
      });
      return { status: 204 };
    },
  }),
];
