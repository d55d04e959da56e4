import type { EmailLogQuery } from '@bizdash/contracts/email';
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type {
  EmailLogRow,
  EmailLogTable,
  EmailSettingsTable,
  EmailTemplateKey,
  EmailTemplatesTable,
} from './email.tables';

export type EmailSettingsRow = Selectable<EmailSettingsTable>;
export type EmailTemplateRow = Selectable<EmailTemplatesTable>;

// ---------- settings ----------

/** The one SMTP settings row (id 1), or undefined before it is set up. */
export function findSettings(executor: Executor): Promise<EmailSettingsRow | undefined> {
  return executor.selectFrom('email_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Whether the SMTP settings row exists. */
export async function hasSettings(executor: Executor): Promise<boolean> {
  const row = await executor.selectFrom('email_settings').select('id').where('id', '=', 1).executeTakeFirst();
  return row !== undefined;
}

export async function saveSettings(
  executor: Executor,
  row: Omit<Insertable<EmailSettingsTable>, 'id'>,
  exists: boolean,
): Promise<void> {
  if (exists) await executor.updateTable('email_settings').set(row).where('id', '=', 1).execute();
  else
    await executor
      .insertInto('email_settings')
      .values({ id: 1, ...row })
      .execute();
}

// ---------- templates ----------

/** An edited template's text, or undefined when the key uses the built-in default. */
export function findTemplateText(
  executor: Executor,
  key: EmailTemplateKey,
): Promise<{ subject: string; body: string } | undefined> {
  return executor.selectFrom('email_templates').select(['subject', 'body']).where('key', '=', key).executeTakeFirst();
}

export function listTemplateRows(executor: Executor): Promise<EmailTemplateRow[]> {
  return executor.selectFrom('email_templates').selectAll().execute();
}

export async function saveTemplate(
  executor: Executor,
  key: EmailTemplateKey,
  text: { subject: string; body: string; updated_at: string },
): Promise<void> {
  const exists = await executor.selectFrom('email_templates').select('key').where('key', '=', key).executeTakeFirst();
  if (exists) {
    await executor
      .updateTable('email_templates')
      .set({ subject: text.subject, body: text.body, updated_at: text.updated_at })
      .where('key', '=', key)
      .execute();
  } else {
    await executor
      .insertInto('email_templates')
      .values({ key, subject: text.subject, body: text.body, updated_at: text.updated_at })
      .execute();
  }
}

/** Removes an edited template; the number of rows removed (0 when it was the default already). */
export async function deleteTemplate(executor: Executor, key: EmailTemplateKey): Promise<number> {
  const deleted = await executor.deleteFrom('email_templates').where('key', '=', key).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

// ---------- the send log ----------

/**
 * Writes a log row; its id, or null when `dedupe_key` was already used. ON CONFLICT DO NOTHING rather than catching
 * the violation: on PostgreSQL a failed insert aborts the caller's transaction.
 */
export async function insertLog(
  executor: Executor,
  row: Omit<Insertable<EmailLogTable>, 'id' | 'attempts'>,
): Promise<number | null> {
  const inserted = await executor
    .insertInto('email_log')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? Number(inserted.id) : null;
}

export function findLog(executor: Executor, id: number): Promise<EmailLogRow | undefined> {
  return executor.selectFrom('email_log').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A page of the log, newest first, with the count of all rows matching the filters. */
export async function listLogPage(
  executor: Executor,
  query: EmailLogQuery,
): Promise<{ rows: EmailLogRow[]; total: number }> {
  let q = executor.selectFrom('email_log');
  if (query.status) q = q.where('status', '=', query.status);
  if (query.kind) q = q.where('kind', '=', query.kind);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function markLogSent(executor: Executor, id: number, messageId: string, sentAt: string): Promise<void> {
  await executor
    .updateTable('email_log')
    .set((eb) => ({
      status: 'sent',
      error: null,
      message_id: messageId,
      sent_at: sentAt,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

export async function markLogFailed(executor: Executor, id: number, error: string): Promise<void> {
  await executor
    .updateTable('email_log')
    .set((eb) => ({
      status: 'failed',
      error,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

/** Whether a party was sent (or is being sent) an overdue reminder after `since`. */
export async function hasRecentOverdueReminder(executor: Executor, partyId: number, since: string): Promise<boolean> {
  const recent = await executor
    .selectFrom('email_log')
    .select('id')
    .where('kind', '=', 'overdue_reminder')
    .where('entity', '=', 'party')
    .where('entity_id', '=', String(partyId))
    .where('created_at', '>', since)
    .where('status', '<>', 'failed')
    .executeTakeFirst();
  return recent !== undefined;
}

// ---------- what messages are written from ----------

export async function businessName(executor: Executor): Promise<string> {
  const row = await executor.selectFrom('business').select('name').where('id', '=', 1).executeTakeFirst();
  return row?.name ?? '';
}

/** An invoice with what its email says and its party's addresses. */
export function findInvoiceForEmail(executor: Executor, invoiceId: number) {
  return executor
    .selectFrom('invoices')
    .innerJoin('parties', 'parties.id', 'invoices.party_id')
    .select([
      'invoices.id',
      'invoices.status',
      'invoices.direction',
      'invoices.number',
      'invoices.date',
      'invoices.due_date',
      'invoices.party_name',
      'invoices.grand_total_paise',
      'invoices.balance_due_paise',
      'parties.emails',
    ])
    .where('invoices.id', '=', invoiceId)
    .executeTakeFirst();
}

export function findPartyContact(executor: Executor, partyId: number) {
  return executor.selectFrom('parties').select(['name', 'emails']).where('id', '=', partyId).executeTakeFirst();
}

/** Email addresses of the active owners and admins. */
export async function adminEmails(executor: Executor): Promise<string[]> {
  const rows = await executor
    .selectFrom('users')
    .select('email')
    .where('role', 'in', ['owner', 'admin'])
    .where('is_active', '=', true)
    .execute();
  return rows.map((r) => r.email);
}

/**
 * A page (by party id, after `afterId`) of opted-in, unarchived clients with issued receivable documents past
 * their due date with a balance: the total, count and oldest due date summed in SQL.
 */
export function overduePartiesPage(executor: Executor, today: string, afterId: number, limit: number) {
  return executor
    .selectFrom('invoices')
    .innerJoin('parties', 'parties.id', 'invoices.party_id')
    .select((eb) => [
      'parties.id as party_id',
      'parties.name',
      'parties.emails',
      eb.fn.sum<number>('invoices.balance_due_paise').as('total'),
      eb.fn.count<number>('invoices.id').as('count'),
      eb.fn.min<string>('invoices.due_date').as('oldest'),
    ])
    .where('invoices.status', '=', 'issued')
    .where('invoices.direction', '=', 'receivable')
    .where('invoices.type', '<>', 'credit_note')
    .where('invoices.balance_due_paise', '>', 0)
    .where('invoices.due_date', '<', today)
    .where('parties.email_reminders', '=', true)
    .where('parties.archived_at', 'is', null)
    .where('parties.id', '>', afterId)
    .groupBy(['parties.id', 'parties.name', 'parties.emails'])
    .orderBy('parties.id')
    .limit(limit)
    .execute();
}

/** A party's overdue documents, the oldest first. */
export function overdueDocuments(executor: Executor, partyId: number, today: string, limit: number) {
  return executor
    .selectFrom('invoices')
    .select(['number', 'due_date', 'balance_due_paise'])
    .where('party_id', '=', partyId)
    .where('status', '=', 'issued')
    .where('direction', '=', 'receivable')
    .where('type', '<>', 'credit_note')
    .where('balance_due_paise', '>', 0)
    .where('due_date', '<', today)
    .orderBy('due_date')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A page (by task id, after `afterId`) of open tasks due by `today` with an active assignee. */
export function dueTasksPage(executor: Executor, today: string, afterId: number, limit: number) {
  return executor
    .selectFrom('tasks')
    .innerJoin('users', 'users.id', 'tasks.assignee_id')
    .leftJoin('orders', 'orders.id', 'tasks.order_id')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.due_date',
      'users.name as assignee_name',
      'users.email',
      'orders.number as order_number',
      'orders.title as order_title',
    ])
    .where('tasks.completed_at', 'is', null)
    .where('tasks.due_date', '<=', today)
    .where('users.is_active', '=', true)
    .where('tasks.id', '>', afterId)
    .orderBy('tasks.id')
    .limit(limit)
    .execute();
}
