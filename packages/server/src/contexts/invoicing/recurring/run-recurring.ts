import type { RecurringInvoiceTemplate, RecurringTickResult } from '@bizdash/contracts/recurring';
import { dueRunDates, nextRunDate } from '@bizdash/domain/recurrence';
import { isAppError } from '@bizdash/domain/errors';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import { isUniqueViolation } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import { systemContext, type RequestContext } from '../../../platform/request-context';
import type { InvoicesService } from '../invoices/invoices.service';
import {
  firstEmail,
  invoiceInput,
  problemText,
  ruleOf,
  type ProfileRow,
  type RecurringServiceDeps,
} from './recurring-core';
import * as repo from './recurring.repo';
import { savepointDatabase } from './savepoint-database';

/** A run found made by someone else (another worker, an earlier attempt): its invoice is rolled back. */
class RunAlreadyMade extends Error {}

/** Runs per transaction of a scheduler pass: one commit (one disk flush) per batch instead of two per invoice. */
const BATCH_SIZE = 25;

/** The scheduler's pass over due profiles: each run makes (and maybe issues and emails) one invoice, once. */
export function makeRecurringRuns(deps: RecurringServiceDeps) {
  const { database, clock, calendar, invoicesOver, email } = deps;

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

  return { runDue };
}
