import { z } from 'zod';

export const ZNotificationListQuery = z.strictObject({
  /** `true`: only unread; `false` or absent: all. */
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TNotificationListQuery = z.infer<typeof ZNotificationListQuery>;

export const ZNotificationParams = z.object({ id: z.string().uuid() });

export const ZNotificationView = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotificationView = z.infer<typeof ZNotificationView>;

export const ZNotificationPage = z.object({
  items: z.array(ZNotificationView),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});

export const ZUnreadCount = z.object({ count: z.number().int() });
