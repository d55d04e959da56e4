import type { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import type { RecurringInvoiceTemplate, RecurringProfile } from '@bizdash/contracts/recurring';
import { isAppError } from '@bizdash/domain/errors';
import type { Recurrence } from '@bizdash/domain/recurrence';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { JobQueue } from '../../../platform/jobs/queue-types';
import type { InvoiceMailer } from '../invoices/invoice-mailer';
import type { InvoicesService } from '../invoices/invoices.service';
import type * as repo from './recurring.repo';

/** The recurring invoices module's shared parts: its dependencies, the job's name and the profile's views. */

export const RECURRING_RUN_JOB = 'recurring.run';
/** The daily schedule's name in job_schedules; its first check after a restart catches up missed runs. */
export const RECURRING_SCHEDULE = 'recurring.daily';

export interface RecurringServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: a profile's runs fall due by today's date. */
  calendar: BusinessCalendar;
  queue: JobQueue;
  invoices: Pick<InvoicesService, 'preview'>;
  /**
   * The invoices service over a given Database: the scheduler passes one whose transactions are savepoints of its
   * batch's transaction, so many invoices share one commit (each still made by the service's own create and issue).
   */
  invoicesOver: (database: Database) => Pick<InvoicesService, 'create' | 'createIssued' | 'issue'>;
  email: InvoiceMailer;
}

export type ProfileRow = NonNullable<Awaited<ReturnType<typeof repo.getProfile>>>;

/** The invoice input of one run. */
export function invoiceInput(partyId: number, template: RecurringInvoiceTemplate, date: string): CreateInvoiceInput {
  return { ...template, type: 'sales', partyId, date };
}

export function ruleOf(
  row: Pick<ProfileRow, 'frequency' | 'day_of_month' | 'start_date' | 'end_date' | 'max_runs'>,
): Recurrence {
  return {
    frequency: row.frequency,
    dayOfMonth: Number(row.day_of_month),
    startDate: String(row.start_date),
    endDate: row.end_date === null ? null : String(row.end_date),
    maxRuns: row.max_runs === null ? null : Number(row.max_runs),
  };
}

export function firstEmail(emailsJson: string): string | null {
  try {
    const list: unknown = JSON.parse(emailsJson);
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : null;
  } catch {
    return null;
  }
}

export function problemText(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function toProfile(row: ProfileRow): RecurringProfile {
  // Written from a validated RecurringInvoiceTemplate by this module only.
  const template = JSON.parse(row.template) as RecurringInvoiceTemplate;
  return {
    id: Number(row.id),
    name: row.name,
    party: { id: Number(row.party_id), name: row.party_name, email: firstEmail(row.party_emails) },
    frequency: row.frequency,
    dayOfMonth: Number(row.day_of_month),
    startDate: String(row.start_date),
    endDate: row.end_date === null ? null : String(row.end_date),
    maxRuns: row.max_runs === null ? null : Number(row.max_runs),
    autoIssue: toBool(row.auto_issue),
    autoEmail: toBool(row.auto_email),
    isActive: toBool(row.is_active),
    nextRunDate: row.next_run_date === null ? null : String(row.next_run_date),
    lastRunDate: row.last_run_date === null ? null : String(row.last_run_date),
    runCount: Number(row.run_count),
    invoice: {
      ...template,
      lines: template.lines.map((l) => ({
        itemId: l.itemId ?? null,
        description: l.description,
        hsnSac: l.hsnSac,
        quantity: l.quantity,
        unit: l.unit,
        rate: l.rate,
        discount: l.discount ?? null,
        gstRate: l.gstRate,
        cessRate: l.cessRate,
        cessPerUnit: l.cessPerUnit,
        taxability: l.taxability ?? null,
      })),
    },
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
