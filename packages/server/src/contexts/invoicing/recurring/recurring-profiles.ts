import type {
  ListRecurringProfilesQuery,
  RecurringProfileDetail,
  RecurringProfilePage,
  SaveRecurringProfileInput,
} from '@bizdash/contracts/recurring';
import { nextRunDate } from '@bizdash/domain/recurrence';
import { AppError } from '@bizdash/domain/errors';
import { can } from '@bizdash/domain/permissions';
import { toMoneyString } from '@bizdash/domain/money';
import { toBool } from '../../../platform/db/columns';
import type { JobQueue } from '../../../platform/jobs/queue-types';
import type { RequestContext } from '../../../platform/request-context';
import {
  RECURRING_RUN_JOB,
  invoiceInput,
  ruleOf,
  toProfile,
  type ProfileRow,
  type RecurringServiceDeps,
} from './recurring-core';
import * as repo from './recurring.repo';

/** Recurring profiles: listed, read with their runs, saved (checked against the invoice engine) and deleted. */
export function makeRecurringProfiles(deps: RecurringServiceDeps) {
  const { database, audit, clock, queue, invoices } = deps;

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

  return { list, get, create, update, remove };
}
