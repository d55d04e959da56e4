import type { Dashboard, DashboardQuery, Kpi, KpiKey } from '@bizdash/contracts/dashboard';
import { AppError } from '@bizdash/domain/errors';
import {
  assertPeriod,
  monthsOf,
  periodGrain,
  previousPeriod,
  ratio,
  type Period,
} from '@bizdash/domain/metrics/definitions';
import { roundDiv, toMoneyString } from '@bizdash/domain/money';
import { STAGE_CODES, TERMINAL_STAGES } from '@bizdash/domain/orders/lifecycle';
import { can } from '@bizdash/domain/permissions';
import { sql } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { RequestContext } from '../../platform/request-context';
import { localDate } from '../invoices/settlement';
import { loadStageConfig } from '../orders/order-stages';
import {
  closedByDay,
  createdByDay,
  dateText,
  foldMonths,
  foldPeriod,
  invoicesByDay,
  openBalanceIndex,
  outstandingNow,
  receiptsByDay,
  settlementsByDay,
  spanOf,
} from '../reports/metrics-sql';

export interface DashboardServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

export type DashboardService = ReturnType<typeof makeDashboardService>;

const money = (paise: number) => toMoneyString(Math.round(paise));
const percent = (bp: number | null) => (bp === null ? null : (bp / 100).toFixed(2));
const days = (sum: number, count: number) => (count === 0 ? null : (Math.round((sum / count) * 100) / 100).toFixed(2));
const OPEN_STAGES = STAGE_CODES.filter((s) => !TERMINAL_STAGES.includes(s));
const LIST = 5;

/** The business's zone, today in it and its settlement basis: every dashboard and report starts here. */
export async function businessCalendar(database: Database, clock: Clock) {
  const row = await database.db
    .selectFrom('business')
    .select(['timezone', 'settlement_basis', 'fy_start_month'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const timeZone = row?.timezone ?? 'Asia/Kolkata';
  return {
    timeZone,
    today: localDate(clock.now(), timeZone),
    basis: row?.settlement_basis ?? 'contracted',
    fyStartMonth: Number(row?.fy_start_month ?? 4),
  };
}

/** The month of `today` when the caller gives no period; a lone from or to is refused naming the missing one. */
export function periodFrom(query: { from?: string | undefined; to?: string | undefined }, fallback: Period): Period {
  if (!query.from && !query.to) return fallback;
  if (!query.from) throw new AppError('VALIDATION_FAILED', 'from is required with to', { field: 'from' });
  if (!query.to) throw new AppError('VALIDATION_FAILED', 'to is required with from', { field: 'to' });
  const period = assertPeriod({ from: query.from, to: query.to });
  // Two financial years and a bit: the comparison doubles the span, and the day buckets stay bounded.
  if (Date.parse(period.to) - Date.parse(period.from) > 800 * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', 'a period spans at most 800 days', { field: 'to' });
  }
  return period;
}

export function currentMonth(today: string): Period {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 7)}-01`, to: end };
}

/**
 * The dashboard: KPIs of a period with the previous period's values, charts, and the lists a person starts the
 * day with. Every figure follows @bizdash/domain/metrics; what the caller may not see is left out (null), never
 * shown as zero.
 */
export function makeDashboardService(deps: DashboardServiceDeps) {
  const { database, clock } = deps;
  const { db } = database;

  async function get(ctx: RequestContext, query: DashboardQuery): Promise<Dashboard> {
    const role = ctx.actor.role;
    if (!role) throw new AppError('FORBIDDEN', 'The dashboard needs a signed-in role');
    const seeMoney = can(role, 'dashboard.money');
    const seePartners = seeMoney && can(role, 'payouts.read');
    const seeApprovals = can(role, 'settlements.approve');
    const { timeZone, today, basis, fyStartMonth } = await businessCalendar(database, clock);
    const period = periodFrom(query, currentMonth(today));
    const previous = previousPeriod(period);
    const span = spanOf({ from: previous.from, to: period.to }, timeZone);

    const [closed, created, receipts, settlements, invoices, balances] = await Promise.all([
      closedByDay(database, span),
      createdByDay(database, span),
      seeMoney ? receiptsByDay(database, span) : [],
      seeMoney ? settlementsByDay(database, span) : [],
      seeMoney ? invoicesByDay(database, span) : [],
      seeMoney ? outstandingNow(database) : null,
    ]);

    const kpis: Kpi[] = [];
    const add = (key: KpiKey, kind: Kpi['kind'], value: (p: Period) => string | null, snapshot = false) =>
      kpis.push({ key, kind, value: value(period), previous: snapshot ? null : value(previous) });
    const closedIn = (p: Period) =>
      foldPeriod(closed, p, ['closed', 'booked', 'completed', 'withDue', 'onTime', 'completionDaysSum']);
    const createdIn = (p: Period) => foldPeriod(created, p, ['created', 'unrealized', 'pipeline']);
    const settledIn = (p: Period) =>
      foldPeriod(settlements, p, ['revenue', 'expenses', 'partnerShare', 'businessShare']);
    const side = (p: Period, direction: 'receivable' | 'payable') =>
      foldPeriod(
        invoices.filter((i) => i.direction === direction),
        p,
        ['taxable', 'tax', 'eligibleTax', 'tradingTaxable'],
      );

    add('ordersClosed', 'count', (p) => String(closedIn(p).closed));
    add('ordersCreated', 'count', (p) => String(createdIn(p).created));
    add('averageCompletionDays', 'days', (p) => days(closedIn(p).completionDaysSum, closedIn(p).completed));
    add('onTimeRate', 'percent', (p) => percent(ratio(closedIn(p).onTime, closedIn(p).withDue).bp));
    if (seeMoney) {
      add('bookedRevenue', 'money', (p) => money(closedIn(p).booked));
      add('collected', 'money', (p) => money(foldPeriod(receipts, p, ['amount']).amount));
      add('realizedRevenue', 'money', (p) => money(settledIn(p).businessShare));
      if (seePartners) add('partnerShare', 'money', (p) => money(settledIn(p).partnerShare));
      add('unrealizedRevenue', 'money', (p) => money(createdIn(p).unrealized));
      add('pipeline', 'money', (p) => money(createdIn(p).pipeline));
      add('averageOrderValue', 'money', (p) => {
        const c = closedIn(p);
        return c.closed === 0 ? null : money(roundDiv(c.booked, c.closed));
      });
      add('sales', 'money', (p) => money(side(p, 'receivable').taxable));
      add('purchases', 'money', (p) => money(side(p, 'payable').taxable));
      add('outputTax', 'money', (p) => money(side(p, 'receivable').tax));
      add('inputTaxCredit', 'money', (p) => money(side(p, 'payable').eligibleTax));
      add('netGstPayable', 'money', (p) => money(side(p, 'receivable').tax - side(p, 'payable').eligibleTax));
      add('receivables', 'money', () => money(balances?.receivables ?? 0), true);
      add('payables', 'money', () => money(balances?.payables ?? 0), true);
    }

    const months = monthsOf(period);
    const closedMonths = foldMonths(closed, period, ['booked']);
    const receiptMonths = foldMonths(receipts, period, ['amount']);
    const outMonths = foldMonths(
      invoices.filter((i) => i.direction === 'receivable'),
      period,
      ['tax'],
    );
    const inMonths = foldMonths(
      invoices.filter((i) => i.direction === 'payable'),
      period,
      ['eligibleTax'],
    );
    const stages = new Map<string, number>();
    for (const row of created) {
      if (row.day < period.from || row.day > period.to) continue;
      stages.set(row.stage, (stages.get(row.stage) ?? 0) + row.created);
    }

    const [topClients, topPartners, activity, myTasks, overdueOrders, overdueInvoices, pendingApprovals] =
      await Promise.all([
        seeMoney ? topParties('client_id') : null,
        seePartners ? topParties('partner_id') : null,
        recentActivity(),
        tasksOf(ctx.actor.id),
        overdueOrdersList(today),
        seeMoney ? overdueInvoicesList(today) : null,
        seeApprovals ? pendingApprovalsList(seePartners) : null,
      ]);

    // The business's own stage names, as the board shows them.
    const stageConfig = await loadStageConfig(database.db);
    return {
      period,
      previousPeriod: previous,
      settlementBasis: basis,
      kpis,
      charts: {
        monthly: seeMoney
          ? months.map((month) => ({
              month,
              booked: money(closedMonths.get(month)?.booked ?? 0),
              collected: money(receiptMonths.get(month)?.amount ?? 0),
            }))
          : null,
        ordersByStage: STAGE_CODES.map((stage) => ({
          stage,
          label: stageConfig.labels[stage],
          count: stages.get(stage) ?? 0,
        })).filter((s) => s.count > 0),
        gstByMonth: seeMoney
          ? months.map((month) => {
              const out = outMonths.get(month)?.tax ?? 0;
              const input = inMonths.get(month)?.eligibleTax ?? 0;
              return {
                month,
                outputTax: money(out),
                inputTaxCredit: money(input),
                netPayable: money(out - input),
              };
            })
          : null,
        topClients,
        topPartners,
      },
      activity,
      myTasks,
      overdueOrders,
      overdueInvoices,
      pendingApprovals,
    };

    /**
     * Clients (or partners) by booked revenue of their orders closed in the period. A financial year or a run of
     * whole months reads the per-party summary (an index range for a year or a month); a custom range of days
     * aggregates its orders.
     */
    async function topParties(column: 'client_id' | 'partner_id') {
      const role = column === 'client_id' ? 'client' : 'partner';
      const grain = periodGrain(period, fyStartMonth);
      let top: { party_id: number; amount: number; orders: number }[];
      if (grain.grain === 'fy' || (grain.grain === 'months' && grain.months.length === 1)) {
        const key = grain.grain === 'fy' ? grain.year : grain.months[0];
        top = (
          await sql<{ party_id: number; amount: number; orders: number }>`
            select party_id, amount, orders from metric_party_periods
            where role = ${role} and grain = ${grain.grain === 'fy' ? 'fy' : 'month'} and period = ${key}
              and orders <> 0
            order by amount desc, party_id limit ${LIST}`.execute(db)
        ).rows;
      } else if (grain.grain === 'months') {
        top = (
          await sql<{ party_id: number; amount: number; orders: number }>`
            select party_id, sum(amount) as amount, sum(orders) as orders from metric_party_periods
            where role = ${role} and grain = 'month' and period >= ${grain.months[0]}
              and period <= ${grain.months[grain.months.length - 1]}
            group by party_id having sum(orders) <> 0
            order by sum(amount) desc, party_id limit ${LIST}`.execute(db)
        ).rows;
      } else {
        const current = spanOf(period, timeZone);
        top = (
          await sql<{ party_id: number; amount: number; orders: number }>`
            select o.${sql.raw(column)} as party_id,
              sum(case when o.stage_code = 'failed' then o.base_charges_paise else o.fees_paise end) as amount,
              count(*) as orders
            from orders o
            where o.closed_at >= ${current.fromTs} and o.closed_at < ${current.toTsExclusive}
              and o.stage_code in ('completed', 'failed') and o.${sql.raw(column)} is not null
            group by o.${sql.raw(column)}
            order by amount desc, party_id
            limit ${LIST}`.execute(db)
        ).rows;
      }
      if (top.length === 0) return [];
      const names = await db
        .selectFrom('parties')
        .select(['id', 'name'])
        .where(
          'id',
          'in',
          top.map((x) => Number(x.party_id)),
        )
        .execute();
      return top.map((x) => ({
        id: Number(x.party_id),
        name: names.find((p) => Number(p.id) === Number(x.party_id))?.name ?? '',
        amount: money(Number(x.amount)),
        orders: Number(x.orders),
      }));
    }
  }

  /** The latest things that happened on orders (their timelines), newest first. */
  async function recentActivity() {
    const rows = await db
      .selectFrom('order_events as e')
      .innerJoin('orders as o', 'o.id', 'e.order_id')
      .select(['e.id', 'e.at', 'e.kind', 'e.actor_name', 'e.order_id', 'o.number'])
      .orderBy('e.id', 'desc')
      .limit(10)
      .execute();
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      actorName: r.actor_name,
      orderId: Number(r.order_id),
      orderNumber: r.number,
    }));
  }

  async function tasksOf(userId: number | null) {
    if (userId === null) return { total: 0, items: [] };
    const base = db.selectFrom('tasks as t').where('t.assignee_id', '=', userId).where('t.completed_at', 'is', null);
    const [count, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      base
        .leftJoin('orders as o', 'o.id', 't.order_id')
        .select(['t.id', 't.title', 't.order_id', 'o.number', dateText(database, 't.due_date').as('due')])
        .orderBy(sql`case when t.due_date is null then 1 else 0 end`)
        .orderBy('t.due_date')
        .orderBy('t.id')
        .limit(LIST)
        .execute(),
    ]);
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => ({
        id: Number(r.id),
        title: r.title,
        dueDate: r.due ?? null,
        orderId: r.order_id === null ? null : Number(r.order_id),
        orderNumber: r.number ?? null,
      })),
    };
  }

  async function overdueOrdersList(today: string) {
    const base = db.selectFrom('orders as o').where('o.stage_code', 'in', OPEN_STAGES).where('o.due_date', '<', today);
    // The oldest five of each open stage, each an ordered range of orders_stage_due_idx, then the oldest five of
    // those: sorting every overdue order of a mature firm (45k at a million orders) took 250 ms.
    const perStage = OPEN_STAGES.map(
      (stage) => sql`select * from (select id, due_date from orders
        where stage_code = ${stage} and due_date < ${today} order by due_date, id limit ${LIST}) s`,
    );
    const [count, oldest] = await Promise.all([
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      sql<{ id: number }>`select id from (${sql.join(perStage, sql` union all `)}) x
        order by due_date, id limit ${LIST}`.execute(db),
    ]);
    const ids = oldest.rows.map((r) => Number(r.id));
    const rows =
      ids.length === 0
        ? []
        : await db
            .selectFrom('orders as o')
            .innerJoin('parties as c', 'c.id', 'o.client_id')
            .select([
              'o.id',
              'o.number',
              'o.title',
              'o.stage_code',
              'c.name',
              dateText(database, 'o.due_date').as('due'),
            ])
            .where('o.id', 'in', ids)
            .orderBy('o.due_date')
            .orderBy('o.id')
            .execute();
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => ({
        id: Number(r.id),
        number: r.number,
        title: r.title,
        stage: r.stage_code,
        dueDate: r.due,
        clientName: r.name,
      })),
    };
  }

  async function overdueInvoicesList(today: string) {
    // The list reads the partial index of documents with a balance; the count, the open balances by due date (a
    // row per day; counting 300k index entries took 26 ms at a million invoices).
    const filter = sql`i.status = 'issued' and i.direction = 'receivable' and i.type <> 'credit_note'
      and i.balance_due_paise > 0 and i.due_date < ${today}`;
    const [count, rows] = await Promise.all([
      sql<{ n: number }>`select sum(documents) as n from metric_open_due_days
        where direction = 'receivable' and basis = 'due' and day < ${today}`.execute(db),
      sql<{ id: number; number: string | null; party_name: string; balance_due_paise: number; due: string }>`
        select i.id, i.number, i.party_name, i.balance_due_paise, ${dateText(database, 'i.due_date')} as due
        from invoices i ${openBalanceIndex(database)} where ${filter}
        order by i.due_date, i.id limit ${LIST}`.execute(db),
    ]);
    return {
      total: Number(count.rows[0]?.n ?? 0),
      items: rows.rows.map((r) => ({
        id: Number(r.id),
        number: r.number,
        partyName: r.party_name,
        dueDate: r.due,
        balanceDue: money(Number(r.balance_due_paise)),
      })),
    };
  }

  async function pendingApprovalsList(seePartners: boolean) {
    // Orders without a partner need no approval (issue 18): they are not in the queue.
    const base = db
      .selectFrom('settlement_entries as e')
      .where('e.status', '=', 'draft')
      .where('e.partner_id', 'is not', null);
    const [count, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      base
        .innerJoin('orders as o', 'o.id', 'e.order_id')
        .leftJoin('parties as p', 'p.id', 'e.partner_id')
        .select(['e.id', 'e.order_id', 'e.kind', 'e.partner_share_paise', 'o.number', 'p.name'])
        .orderBy('e.created_at')
        .orderBy('e.id')
        .limit(LIST)
        .execute(),
    ]);
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => ({
        id: Number(r.id),
        orderId: Number(r.order_id),
        orderNumber: r.number,
        partnerName: seePartners ? (r.name ?? null) : null,
        kind: r.kind,
        // Approving is a manager's job; the share itself is partner money, shown only with payouts.read.
        partnerShare: seePartners ? money(Number(r.partner_share_paise)) : null,
      })),
    };
  }

  return { get };
}
