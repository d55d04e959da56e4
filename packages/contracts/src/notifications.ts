import { z } from 'zod';
import { PageQuery, Timestamp } from './common';

/**
 * In-app notifications for the signed-in user.
 * - mention: someone mentioned you in a comment;
 * - order_assigned / task_assigned: someone else assigned you an order or a task;
 * - task_due: one of your open tasks is due today. Created when you read your notifications (list or unread count)
 *   on or after the due date's morning, at most once per task and due date, so it needs no scheduler;
 * - document_received: a file arrived for a document of an order assigned to you.
 * Nobody is notified of their own actions.
 */
export const NOTIFICATION_KINDS = [
  'mention',
  'order_assigned',
  'task_assigned',
  'task_due',
  'document_received',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  /** One line, such as "Asha Rao mentioned you on ORD/2026-27/00042". */
  title: z.string(),
  /** A short excerpt (the comment, the task title); may be null. */
  body: z.string().nullable(),
  /** What to open. */
  orderId: z.number().int().nullable(),
  orderNumber: z.string().nullable(),
  taskId: z.number().int().nullable(),
  commentId: z.number().int().nullable(),
  actor: z.object({ id: z.number().int().nullable(), name: z.string() }).nullable(),
  isRead: z.boolean(),
  readAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z.object({
  items: z.array(Notification),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const ListNotificationsQuery = PageQuery.extend({
  /** true: unread only. Newest first. */
  unread: z.enum(['true', 'false']).optional(),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const UnreadCount = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkAllReadResult = z.object({ updated: z.number().int() });
export type MarkAllReadResult = z.infer<typeof MarkAllReadResult>;
