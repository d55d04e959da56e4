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
import type { Database, Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { excerpt, requireUser } from './order-support';
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
  function selectNotifications(executor: Executor) {
    return executor
      .selectFrom('notifications')
      .leftJoin('orders', 'orders.id', 'notifications.order_id')
      .selectAll('notifications')
      .select('orders.number as order_number');
  }

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
    const due = await database.db
      .selectFrom('tasks')
      .leftJoin('orders', 'orders.id', 'tasks.order_id')
      .select(['tasks.id', 'tasks.title', 'tasks.order_id', 'orders.number as order_number'])
      .where('tasks.assignee_id', '=', userId)
      .where('tasks.due_date', '=', today)
      .where('tasks.completed_at', 'is', null)
      .execute();
    if (due.length === 0) return;
    const existing = await database.db
      .selectFrom('notifications')
      .select('dedupe_key')
      .where(
        'dedupe_key',
        'in',
        due.map((t) => keyOf(t.id)),
      )
      .execute();
    const have = new Set(existing.map((e) => e.dedupe_key));
    const missing = due.filter((t) => !have.has(keyOf(t.id)));
    if (missing.length === 0) return;
    const now = clock.now().toISOString();
    await database.transaction(async (tx) => {
      await tx
        .insertInto('notifications')
        .values(
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
        )
        // Two tabs reading at once must not fail: the second insert of a key is simply skipped.
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
    });
  }

  async function countUnread(userId: number): Promise<number> {
    const row = await database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function list(ctx: RequestContext, query: ListNotificationsQuery): Promise<NotificationPage> {
    const userId = requireUser(ctx);
    await generateDueToday(userId);
    let base = database.db.selectFrom('notifications').where('user_id', '=', userId);
    if (query.unread === 'true') base = base.where('read_at', 'is', null);
    if (query.unread === 'false') base = base.where('read_at', 'is not', null);
    const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    let rows = selectNotifications(database.db).where('notifications.user_id', '=', userId);
    if (query.unread === 'true') rows = rows.where('notifications.read_at', 'is', null);
    if (query.unread === 'false') rows = rows.where('notifications.read_at', 'is not', null);
    const page = await rows
      .orderBy('notifications.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: page.map(toNotification),
      total: Number(countRow.total),
      page: query.page,
      pageSize: query.pageSize,
      unreadCount: await countUnread(userId),
    };
  }

  async function unreadCount(ctx: RequestContext): Promise<UnreadCount> {
    const userId = requireUser(ctx);
    await generateDueToday(userId);
    return { count: await countUnread(userId) };
  }

  async function markRead(ctx: RequestContext, id: number): Promise<Notification> {
    const userId = requireUser(ctx);
    return database.transaction(async (tx) => {
      const row = await selectNotifications(tx)
        .where('notifications.id', '=', id)
        .where('notifications.user_id', '=', userId)
        .executeTakeFirst();
      // Someone else's notification is as good as missing.
      if (!row) throw new AppError('NOT_FOUND', `Notification ${id} not found`);
      if (row.read_at !== null) return toNotification(row);
      const now = clock.now().toISOString();
      await tx.updateTable('notifications').set({ read_at: now }).where('id', '=', id).execute();
      return toNotification({ ...row, read_at: now });
    });
  }

  async function markAllRead(ctx: RequestContext): Promise<MarkAllReadResult> {
    const userId = requireUser(ctx);
    const now = clock.now().toISOString();
    const result = await database.db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return { updated: Number(result.numUpdatedRows) };
  }

  return { list, unreadCount, markRead, markAllRead };
}
