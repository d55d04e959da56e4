import type { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import type {
  ListRecurringProfilesQuery,
  RecurringInvoiceTemplate,
  RecurringProfile,
  RecurringProfileDetail,
  RecurringProfilePage,
  RecurringTickResult,
  SaveRecurringProfileInput,
} from '@bizdash/contracts/recurring';
import { dueRunDates, nextRunDate, type Recurrence } from '@bizdash/domain/recurrence';
import { AppError, isAppError } from '@bizdash/domain/errors';
import { can } from '@bizdash/domain/permissions';
import { toMoneyString } from '@bizdash/domain/money';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import { sql, type Transaction } from 'kysely';
import { isUniqueViolation, type Database } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import { toBool } from '../../../platform/db/columns';
import type { JobQueue } from '../../../platform/jobs/queue-types';
import { systemContext, type RequestContext } from '../../../platform/request-context';
import type { InvoiceMailer } from '../invoices/invoice-mailer';
import type { InvoicesService } from '../invoices/invoices.service';
import * as repo from './recurring.repo';

export const RECURRING_RUN_JOB = 'recurring.run';
/** The daily schedule's name in job_schedules; its first check after a restart catches up missed runs. */
export const RECURRING_SCHEDULE = 'recurring.daily';
/** Local time (business time zone) of the daily pass: early, so the day's invoices exist when work starts. */
const DAILY_AT = '06:00';

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

export type RecurringService = ReturnType<typeof makeRecurringService>;

type ProfileRow = NonNullable<Awaited<ReturnType<typeof repo.getProfile>>>;

/** A run found made by someone else (another worker, an earlier attempt): its invoice is rolled back. */
class RunAlreadyMade extends Error {}

/** Runs per transaction of a scheduler pass: one commit (one disk flush) per batch instead of two per invoice. */
const BATCH_SIZE = 25;

/**
 * A Database whose transactions are savepoints inside `tx`. A service written against Database (the invoices service)
 * then works unchanged inside a batch: each create or issue commits or rolls back on its own (a refused issue undoes
 * only itself) while the batch commits once; the ledger's before-commit hook runs at that one real commit.
 */
function savepointDatabase(database: Database, tx: Transaction<DB>): Database {
  let next = 0;
  return {
    db: tx,
    dialect: database.dialect,
    async transaction(fn) {
      const name = sql.raw(`recurring_${++next}`);
      await sql`savepoint ${name}`.execute(tx);
      try {
        const result = await fn(tx);
        await sql`release savepoint ${name}`.execute(tx);
        return result;
      } catch (error) {
        await sql`rollback to savepoint ${name}`.execute(tx);
        await sql`release savepoint ${name}`.execute(tx);
        throw error;
      }
    },
    setBeforeCommit() {
      throw new Error('A batch has no hooks of its own: the enclosing transaction runs them');
    },
    async destroy() {
      throw new Error('A batch cannot close the database');
    },
  };
}

function ruleOf(
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

function firstEmail(emailsJson: string): string | null {
  try {
    const list: unknown = JSON.parse(emailsJson);
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : null;
  } catch {
    return null;
  }
}

function problemText(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function toProfile(row: ProfileRow): RecurringProfile {
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

/**
 * Recurring invoices (issue 20): profiles that draft (and optionally issue and email) a sales invoice on a schedule.
 * Invoices are made through the invoices service's own create and issue, so they are priced, numbered, audited and
 * posted exactly as invoices made by hand.
 */
export function makeRecurringService(deps: RecurringServiceDeps) {
  const { database, audit, clock, calendar, queue, invoices, invoicesOver, email } = deps;

  /** The invoice input of one run. */
  function invoiceInput(partyId: number, template: RecurringInvoiceTemplate, date: string): CreateInvoiceInput {
    return { ...template, type: 'sales', partyId, date };
  }

  async function getRow(id: number): Promise<ProfileRow> {
    const row = await repo.getProfile(database.db, id);
    if (!row) throw new AppError('NOT_FOUND', `Recurring profile ${id} not found`);
    return row;
  }

  async function list(query: ListRecurringProfilesQuery): Promise<RecurringProfilePage> {
    const { rows, total } = await repo.listProfiles(database.db, {
      q: query.q,
      active: query.active === undefined ? undefined : query.active === 'true',
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(toProfile), total, page: query.page, pageSize: query.pageSize };
  }

  async function get(id: number): Promise<RecurringProfileDetail> {
    const row = await getRow(id);
    const runs = await repo.runsOf(database.db, id);
    return {
      ...toProfile(row),
      runs: runs.map((r) => ({
        id: Number(r.id),
        runDate: String(r.run_date),
        status: r.status,
        error: r.error,
        emailedTo: r.emailed_to,
        invoice:
          r.invoice_id === null || r.invoice_status === null
            ? null
            : {
                id: Number(r.invoice_id),
                number: r.invoice_number,
                status: r.invoice_status,
                grandTotal: toMoneyString(Number(r.invoice_total_paise ?? 0)),
              },
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }

  /**
   * Refuses a profile whose invoice the engine would refuse (unknown party, bad line, wrong kind for the party):
   * better at saving than at 6 in the morning of its first run.
   */
  async function validate(ctx: RequestContext, input: SaveRecurringProfileInput): Promise<string | null> {
    // A profile that issues on its own issues in the saver's name: only someone who may issue can ask for it.
    if (input.autoIssue && (ctx.actor.role === null || !can(ctx.actor.role, 'invoices.issue'))) {
      throw new AppError('FORBIDDEN', 'Only a role that may issue invoices can make a profile issue them', {
        field: 'autoIssue',
      });
    }
    const first = nextRunDate(ruleOf(rowOfSchedule(input)), null);
    await invoices.preview(invoiceInput(input.partyId, input.invoice, first ?? input.startDate));
    return first;
  }

  function rowOfSchedule(input: SaveRecurringProfileInput) {
    return {
      frequency: input.frequency,
      day_of_month: input.dayOfMonth,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      max_runs: input.maxRuns ?? null,
    };
  }

  /** The job that runs due profiles, queued once (a second save while it waits adds nothing). */
  function queuePass(executor: Parameters<JobQueue['enqueue']>[0]) {
    return queue.enqueue(executor, { type: RECURRING_RUN_JOB, payload: {}, idempotencyKey: 'recurring:run' });
  }

  async function create(ctx: RequestContext, input: SaveRecurringProfileInput): Promise<RecurringProfileDetail> {
    const first = await validate(ctx, input);
    const id = await database.transaction(async (tx) => {
      const now = clock.now().toISOString();
      const id = await repo.insertProfile(tx, {
        name: input.name,
        party_id: input.partyId,
        template: JSON.stringify(input.invoice),
        ...rowOfSchedule(input),
        auto_issue: input.autoIssue,
        auto_email: input.autoEmail,
        is_active: input.isActive,
        next_run_date: first,
        last_run_date: null,
        created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
        created_at: now,
        updated_at: now,
      });
      await audit.record(tx, ctx, {
        action: 'recurring_invoice.created',
        entity: 'recurring_invoice',
        entityId: id,
        changes: {
          name: { before: null, after: input.name },
          partyId: { before: null, after: input.partyId },
          frequency: { before: null, after: input.frequency },
          startDate: { before: null, after: input.startDate },
        },
      });
      // A profile whose first run is today (or already past) runs now, not tomorrow morning.
      if (input.isActive) await queuePass(tx);
      return id;
    });
    return get(id);
  }

  async function update(
    ctx: RequestContext,
    id: number,
    input: SaveRecurringProfileInput,
  ): Promise<RecurringProfileDetail> {
    const before = await getRow(id);
    await validate(ctx, input);
    await database.transaction(async (tx) => {
      const { last } = await repo.runStats(tx, id);
      const next = nextRunDate(ruleOf(rowOfSchedule(input)), last);
      await repo.updateProfile(tx, id, {
        name: input.name,
        party_id: input.partyId,
        template: JSON.stringify(input.invoice),
        ...rowOfSchedule(input),
        auto_issue: input.autoIssue,
        auto_email: input.autoEmail,
        is_active: input.isActive,
        next_run_date: next,
        updated_at: clock.now().toISOString(),
      });
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const pairs: [string, unknown, unknown][] = [
        ['name', before.name, input.name],
        ['partyId', Number(before.party_id), input.partyId],
        ['frequency', before.frequency, input.frequency],
        ['dayOfMonth', Number(before.day_of_month), input.dayOfMonth],
        ['startDate', String(before.start_date), input.startDate],
        ['endDate', before.end_date === null ? null : String(before.end_date), input.endDate ?? null],
        ['maxRuns', before.max_runs === null ? null : Number(before.max_runs), input.maxRuns ?? null],
        ['autoIssue', toBool(before.auto_issue), input.autoIssue],
        ['autoEmail', toBool(before.auto_email), input.autoEmail],
        ['isActive', toBool(before.is_active), input.isActive],
        ['invoice', before.template, JSON.stringify(input.invoice)],
      ];
      for (const [field, b, a] of pairs) if (b !== a) changes[field] = { before: b, after: a };
      await audit.record(tx, ctx, {
        action: 'recurring_invoice.updated',
        entity: 'recurring_invoice',
        entityId: id,
        changes,
      });
      if (input.isActive) await queuePass(tx);
    });
    return get(id);
  }

  /** Deletes a profile and its run history; the invoices it made stay. */
  async function remove(ctx: RequestContext, id: number): Promise<void> {
    const before = await getRow(id);
    await database.transaction(async (tx) => {
      await repo.deleteProfile(tx, id);
      await audit.record(tx, ctx, {
        action: 'recurring_invoice.deleted',
        entity: 'recurring_invoice',
        entityId: id,
        changes: { name: { before: before.name, after: null } },
      });
    });
  }

  type RunOutcome = 'issued' | 'created' | 'failed' | 'skipped';
  /** What runOne leaves for after the batch commits: the email of an issued invoice. */
  interface Made {
    outcome: RunOutcome;
    email?: { runId: number; invoiceId: number; to: string };
  }

  /**
   * One run inside a batch's transaction `tx`: the invoice and its run row together (the unique run row rolls back
   * a duplicate), then the issue, recorded on the run when refused (the draft stays for a person to finish).
   */
  async function runOne(
    tx: Transaction<DB>,
    batchInvoices: Pick<InvoicesService, 'create' | 'createIssued' | 'issue'>,
    ctx: RequestContext,
    profile: ProfileRow,
    runDate: string,
  ): Promise<Made> {
    const profileId = Number(profile.id);
    // Cheap check first; the unique key below is what actually guarantees once.
    if (await repo.runOfDate(tx, profileId, runDate)) return { outcome: 'skipped' };
    const template = JSON.parse(profile.template) as RecurringInvoiceTemplate;
    const at = clock.now().toISOString();
    const input = invoiceInput(Number(profile.party_id), template, runDate);
    const claim = (status: 'draft' | 'issued') => async (inner: Transaction<DB>, id: number) => {
      const claimed = await repo.claimRun(inner, {
        profile_id: profileId,
        run_date: runDate,
        invoice_id: id,
        status,
        error: null,
        emailed_to: null,
        created_at: at,
        updated_at: at,
      });
      if (!claimed) throw new RunAlreadyMade();
    };
    if (toBool(profile.auto_issue)) {
      // The usual case in one step (priced once, not reloaded). A refusal undoes it all and the two steps below run
      // instead, so a refused issue still leaves its draft and records why, exactly as before.
      try {
        const { id } = await batchInvoices.createIssued(ctx, input, claim('issued'));
        return await issuedRun(tx, profile, runDate, id);
      } catch (error) {
        if (error instanceof RunAlreadyMade || isUniqueViolation(error)) return { outcome: 'skipped' };
        if (!isAppError(error)) throw error;
      }
    }
    let invoiceId: number;
    try {
      const invoice = await batchInvoices.create(ctx, input, claim('draft'));
      invoiceId = invoice.id;
    } catch (error) {
      if (error instanceof RunAlreadyMade || isUniqueViolation(error)) return { outcome: 'skipped' };
      // A rule refused the invoice (party archived, month locked): record the run as failed and move on, so one
      // broken profile does not stall the schedule. Anything else (the database) fails the job, which retries.
      if (!isAppError(error)) throw error;
      const claimed = await repo.claimRun(tx, {
        profile_id: profileId,
        run_date: runDate,
        invoice_id: null,
        status: 'failed',
        error: problemText(error).slice(0, 2000),
        emailed_to: null,
        created_at: at,
        updated_at: at,
      });
      return { outcome: claimed ? 'failed' : 'skipped' };
    }
    if (!toBool(profile.auto_issue)) return { outcome: 'created' };
    const run = await repo.runOfDate(tx, profileId, runDate);
    const runId = Number(run?.id ?? 0);
    try {
      await batchInvoices.issue(ctx, invoiceId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      await repo.updateRun(tx, runId, { error: problemText(error).slice(0, 2000), updated_at: at });
      return { outcome: 'created' };
    }
    await repo.updateRun(tx, runId, { status: 'issued', updated_at: at });
    return issuedRun(tx, profile, runDate, invoiceId);
  }

  /** An issued run's outcome, with its email when the profile sends one. */
  async function issuedRun(
    tx: Transaction<DB>,
    profile: ProfileRow,
    runDate: string,
    invoiceId: number,
  ): Promise<Made> {
    const to = firstEmail(profile.party_emails);
    if (!toBool(profile.auto_email) || !to) return { outcome: 'issued' };
    const run = await repo.runOfDate(tx, Number(profile.id), runDate);
    return { outcome: 'issued', email: { runId: Number(run?.id ?? 0), invoiceId, to } };
  }

  /** Queues an issued run's email (after its batch committed: the email service opens its own transaction). */
  async function emailRun(
    { runId, invoiceId, to }: { runId: number; invoiceId: number; to: string },
    ctx: RequestContext,
  ) {
    try {
      await email.sendInvoice(ctx, invoiceId, { to });
      await repo.updateRun(database.db, runId, { emailed_to: to, updated_at: clock.now().toISOString() });
    } catch (error) {
      if (!isAppError(error)) throw error;
      await repo.updateRun(database.db, runId, {
        error: `Not emailed: ${problemText(error)}`.slice(0, 2000),
        updated_at: clock.now().toISOString(),
      });
    }
  }

  /**
   * The scheduler's pass: every run due up to the business's today, across all profiles, in date order (numbers
   * follow dates, so a catch-up after downtime issues January's invoices before February's), each dated its own
   * run date. Safe to run from several workers at once: each run happens once.
   */
  async function runDue(): Promise<RecurringTickResult> {
    const ctx = systemContext('recurring invoices');
    const today = await calendar.today();
    const profiles = await repo.dueProfiles(database.db, today);
    const work: { profile: ProfileRow; date: string }[] = [];
    for (const profile of profiles) {
      const from = String(profile.next_run_date);
      for (const date of dueRunDates(ruleOf(profile), today)) if (date >= from) work.push({ profile, date });
    }
    work.sort((a, b) => a.date.localeCompare(b.date) || Number(a.profile.id) - Number(b.profile.id));
    const result: RecurringTickResult = { created: 0, issued: 0, failed: 0, skipped: 0 };
    const touched = new Map<number, ProfileRow>();
    for (let i = 0; i < work.length; i += BATCH_SIZE) {
      const batch = work.slice(i, i + BATCH_SIZE);
      const emails = await database.transaction(async (tx) => {
        const batchInvoices = invoicesOver(savepointDatabase(database, tx));
        const toEmail: NonNullable<Made['email']>[] = [];
        for (const { profile, date } of batch) {
          const made = await runOne(tx, batchInvoices, ctx, profile, date);
          result[made.outcome]++;
          if (made.email) toEmail.push(made.email);
          touched.set(Number(profile.id), profile);
        }
        return toEmail;
      });
      for (const message of emails) await emailRun(message, ctx);
    }
    if (touched.size > 0) {
      await database.transaction(async (tx) => {
        for (const profile of touched.values()) {
          const { last, count } = await repo.runStats(tx, Number(profile.id));
          await repo.updateProfile(tx, Number(profile.id), {
            last_run_date: last,
            run_count: count,
            next_run_date: nextRunDate(ruleOf(profile), last),
          });
        }
      });
    }
    return result;
  }

  queue.register(RECURRING_RUN_JOB, async () => {
    await runDue();
  });
  queue.schedule(RECURRING_SCHEDULE, { type: RECURRING_RUN_JOB, dailyAt: DAILY_AT });

  return { list, get, create, update, remove, runDue };
}
