import type {
  ListNotificationsQuery,
  MarkAllReadResult,
  Notification,
  NotificationKind,
  NotificationPage,
  UnreadCount,
} from '@bizdash/contracts/notifications';
import { AppError } from '@bizdash/domain/errors';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { excerpt, requireUser } from './order-support';
import {
  countUnread,
  existingDedupeKeys,
  findUserNotification,
  insertNotificationsOnce,
  markAllNotificationsRead,
  markNotificationRead,
  openTasksDue,
  pageOfNotifications,
} from './notifications.repo';
import type { NotificationRow } from './orders.tables';

export interface NotificationsServiceDeps {
  database: Database;
  clock: Clock;
  /** Business time: "due today" is today's date in the business's zone. */
  calendar: BusinessCalendar;
}

export type NotificationsService = ReturnType<typeof makeNotificationsService>;

/**
 * A user's inbox. Mentions, assignments and received documents are written by the change that causes them. "Task due
 * today" needs no scheduler: whenever the user reads the inbox (list or unread count), their open tasks due today
 * that have no such notice yet get one. A dedupe key (task and due date) makes this idempotent, so it is created
 * once per task and due date however often the inbox is read, and again if the due date moves.
 *
 * Read state is the user's own view, not a business record, so marking read is not written to the audit log.
 */
export function makeNotificationsService({ database, clock, calendar }: NotificationsServiceDeps) {
  function toNotification(row: NotificationRow & { order_number: string | null }): Notification {
    return {
      id: row.id,
      kind: row.kind as NotificationKind, // written only from NotificationKind
      title: row.title,
      body: row.body,
      orderId: row.order_id,
      orderNumber: row.order_number,
      taskId: row.task_id,
      commentId: row.comment_id,
      actor: row.actor_name === null ? null : { id: row.actor_id, name: row.actor_name },
      isRead: row.read_at !== null,
      readAt: row.read_at,
      createdAt: row.created_at,
    };
  }

  /** Creates the missing "due today" notices for a user's open tasks (see above). */
  async function generateDueToday(userId: number): Promise<void> {
    const today = await calendar.today();
    const keyOf = (taskId: number) => `task_due:${taskId}:${today}`;
    const due = await openTasksDue(database.db, userId, today);
    if (due.length === 0) return;
    const existing = await existingDedupeKeys(
      database.db,
      due.map((t) => keyOf(t.id)),
    );
    const have = new Set(existing.map((e) => e.dedupe_key));
    const missing = due.filter((t) => !have.has(keyOf(t.id)));
    if (missing.length === 0) return;
    const now = clock.now().toISOString();
    await database.transaction(async (tx) => {
      await insertNotificationsOnce(
        tx,
        missing.map((t) => ({
          user_id: userId,
          kind: 'task_due',
          title: t.order_number ? `Task due today on ${t.order_number}` : 'Task due today',
          body: excerpt(t.title),
          order_id: t.order_id,
          task_id: t.id,
          comment_id: null,
          actor_id: null,
          actor_name: null,
          dedupe_key: keyOf(t.id),
          read_at: null,
          created_at: now,
        })),
      );
    });
  }

  async function list(ctx: RequestContext, query: ListNotificationsQuery): Promise<NotificationPage> {
    const userId = requireUser(ctx);
    await generateDueToday(userId);
    const { rows, total } = await pageOfNotifications(database.db, userId, query);
    return {
      items: rows.map(toNotification),
      total,
      page: query.page,
      pageSize: query.pageSize,
      unreadCount: await countUnread(database.db, userId),
    };
  }

  async function unreadCount(ctx: RequestContext): Promise<UnreadCount> {
    const userId = requireUser(ctx);
    await generateDueToday(userId);
    return { count: await countUnread(database.db, userId) };
  }

  async function markRead(ctx: RequestContext, id: number): Promise<Notification> {
    const userId = requireUser(ctx);
    return database.transaction(async (tx) => {
      const row = await findUserNotification(tx, userId, id);
      // Someone else's notification is as good as missing.
      if (!row) throw new AppError('NOT_FOUND', `Notification ${id} not found`);
      if (row.read_at !== null) return toNotification(row);
      const now = clock.now().toISOString();
      await markNotificationRead(tx, id, now);
      return toNotification({ ...row, read_at: now });
    });
  }

  async function markAllRead(ctx: RequestContext): Promise<MarkAllReadResult> {
    const userId = requireUser(ctx);
    const now = clock.now().toISOString();
    return { updated: await markAllNotificationsRead(database.db, userId, now) };
  }

  return { list, unreadCount, markRead, markAllRead };
}
