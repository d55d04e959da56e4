import { formatMoney } from '@bizdash/domain/money';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { firstEmail, type QueueMessageFn } from './email-queue';
import { displayDate, renderTemplate } from './email-templates';
import {
  businessName,
  dueTasksPage,
  hasRecentOverdueReminder,
  overdueDocuments,
  overduePartiesPage,
} from './email.repo';
import { templateText } from './templates';

/** A party gets at most one overdue reminder in this many days, however often the daily job runs. */
export const OVERDUE_REMINDER_INTERVAL_DAYS = 7;
const PAGE = 200;

export interface RemindersDeps {
  database: Database;
  clock: Clock;
  /** Business time: what is overdue and which tasks are due are judged by today's date. */
  calendar: BusinessCalendar;
  queueMessage: QueueMessageFn;
}

/** The daily reminder jobs' work: overdue payments to clients, due tasks to their assignees. */
export function makeReminders({ database, clock, calendar, queueMessage }: RemindersDeps) {
  /**
   * Overdue-payment reminders: one message per opted-in client with an email address and issued receivable
   * documents past their due date with a balance, at most once per OVERDUE_REMINDER_INTERVAL_DAYS. Balances are
   * summed in SQL; parties are walked a page at a time.
   */
  async function sendOverdueReminders(): Promise<number> {
    const today = await calendar.today();
    const since = new Date(clock.now().getTime() - OVERDUE_REMINDER_INTERVAL_DAYS * 86_400_000).toISOString();
    const business_name = await businessName(database.db);
    const template = await templateText(database.db, 'overdue_reminder');
    let queued = 0;
    let afterId = 0;
    for (;;) {
      const parties = await overduePartiesPage(database.db, today, afterId, PAGE);
      if (parties.length === 0) break;
      afterId = Number(parties[parties.length - 1]?.party_id ?? afterId);
      for (const party of parties) {
        const to = firstEmail(party.emails);
        if (!to) continue;
        if (await hasRecentOverdueReminder(database.db, Number(party.party_id), since)) continue;
        // The list in the message: the oldest overdue documents first, at most 50 lines.
        const docs = await overdueDocuments(database.db, Number(party.party_id), today, 50);
        const values = {
          business_name,
          party_name: party.name,
          total_overdue: formatMoney(Number(party.total)),
          invoice_count: String(Number(party.count)),
          invoice_list: docs
            .map(
              (d) => `${d.number ?? ''}  due ${displayDate(d.due_date)}  ${formatMoney(Number(d.balance_due_paise))}`,
            )
            .join('\n'),
          oldest_due_date: displayDate(party.oldest),
        };
        const id = await database.transaction((tx) =>
          queueMessage(tx, {
            kind: 'overdue_reminder',
            to,
            subject: renderTemplate(template.subject, values).text,
            body: renderTemplate(template.body, values).text,
            entity: 'party',
            entityId: Number(party.party_id),
            dedupeKey: `overdue:${party.party_id}:${today}`,
          }),
        );
        if (id !== null) queued += 1;
      }
    }
    return queued;
  }

  /**
   * Task-due reminders: open tasks due today or earlier with an active assignee, one message per task and due date
   * (a rescheduled task is reminded again; a missed day is caught up the next run).
   */
  async function sendTaskReminders(): Promise<number> {
    const today = await calendar.today();
    const business_name = await businessName(database.db);
    const template = await templateText(database.db, 'task_due');
    let queued = 0;
    let afterId = 0;
    for (;;) {
      const tasks = await dueTasksPage(database.db, today, afterId, PAGE);
      if (tasks.length === 0) break;
      afterId = Number(tasks[tasks.length - 1]?.id ?? afterId);
      for (const task of tasks) {
        const values = {
          business_name,
          assignee_name: task.assignee_name,
          task_title: task.title,
          due_date: displayDate(task.due_date),
          order_line: task.order_number ? `Order ${task.order_number}: ${task.order_title ?? ''}` : '',
        };
        const id = await database.transaction((tx) =>
          queueMessage(tx, {
            kind: 'task_due',
            to: task.email,
            subject: renderTemplate(template.subject, values).text,
            body: renderTemplate(template.body, values).text,
            entity: 'task',
            entityId: Number(task.id),
            dedupeKey: `task:${task.id}:${task.due_date ?? today}`,
          }),
        );
        if (id !== null) queued += 1;
      }
    }
    return queued;
  }

  return { sendOverdueReminders, sendTaskReminders };
}
