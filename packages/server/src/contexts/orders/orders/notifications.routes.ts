import { IdParams } from '@bizdash/contracts/common';
import {
  ListNotificationsQuery,
  MarkAllReadResult,
  Notification,
  NotificationPage,
  UnreadCount,
} from '@bizdash/contracts/notifications';
import type { Api } from '../../../platform/http/route-config';
import type { OrdersService } from './orders.service';

/** The signed-in user's own inbox: any signed-in user may read theirs. */
export function registerNotificationRoutes(app: Api, { orders }: { orders: OrdersService }) {
  const { notifications } = orders;
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: ListNotificationsQuery,
        response: { 200: NotificationPage },
      },
    },
    async (request) => notifications.list(request.ctx, request.query),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'How many of my notifications are unread', response: { 200: UnreadCount } },
    },
    async (request) => notifications.unreadCount(request.ctx),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Mark one notification read', params: IdParams, response: { 200: Notification } },
    },
    async (request) => notifications.markRead(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Mark all my notifications read', response: { 200: MarkAllReadResult } },
    },
    async (request) => notifications.markAllRead(request.ctx),
  );
}
