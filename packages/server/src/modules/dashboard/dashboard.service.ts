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
import { byMonth, periodSums, total } from '../metric-summaries/period-figures';
import { dateText, openBalanceIndex, outstandingNow, spanOf } from '../reports/metrics-sql';

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

type Figures = Pick<Dashboard, 'kpis' | 'charts'>;

/**
 * The figures of recently asked periods, each with the write version it was computed at. Bounded (a handful of
 * periods and roles are asked in practice; an entry is a few kilobytes), least recently used out first.
 */
export class FigureCache<T> {
  readonly #entries = new Map<string, { version: string; value: T }>();
  constructor(readonly max = 32) {}
  get(key: string, version: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }
  set(key: string, version: string, value: T): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { version, value });
  }
  get size(): number {
    return this.#entries.size;
  }
}

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
  const figureCache = new FigureCache<Figures>();

  async function get(ctx: RequestContext, query: DashboardQuery): Promise<Dashboard> {
    const role = ctx.actor.role;
    if (!role) throw new AppError('FORBIDDEN', 'The dashboard needs a signed-in role');
    const seeMoney = can(role, 'dashboard.money');
    const seePartners = seeMoney && can(role, 'payouts.read');
    const seeApprovals = can(role, 'settlements.approve');
    const { timeZone, today, basis, fyStartMonth } = await businessCalendar(database, clock);
    const period = periodFrom(query, currentMonth(today));
    const previous = previousPeriod(period);

    // The period's figures (KPIs, charts, top parties) are cached per period and visibility, keyed by the
    // database's write version: any committed write (a trigger keeping the summaries included) invalidates them.
    const version = await writeVersion();
    const cacheKey = `${period.from}|${period.to}|${basis}|${fyStartMonth}|${seeMoney}|${seePartners}`;
    let figures = version === null ? undefined : figureCache.get(cacheKey, version);
    if (!figures) {
      figures = await periodFigures(period, previous, seeMoney, seePartners, fyStartMonth, timeZone);
      if (version !== null) figureCache.set(cacheKey, version, figures);
    }

    const [activity, myTasks, overdueOrders, overdueInvoices, pendingApprovals] = await Promise.all([
      recentActivity(),
      tasksOf(ctx.actor.id),
      overdueOrdersList(today),
      seeMoney ? overdueInvoicesList(today) : null,
      seeApprovals ? pendingApprovalsList(seePartners) : null,
    ]);

    return {
      period,
      previousPeriod: previous,
      settlementBasis: basis,
      kpis: figures.kpis,
      charts: figures.charts,
      activity,
      myTasks,
      overdueOrders,
      overdueInvoices,
      pendingApprovals,
    };
  }

  /**
   * SQLite's write version: total_changes() counts every row this connection wrote (triggers included) and
   * data_version changes when another connection (the CLI, a worker process) commits. Either moving means the
   * summaries may have changed. Null on PostgreSQL: other servers write the same database and it has no cheap
   * change counter, so its dashboard is computed every time (four summary reads, still independent of data size).
   */
  async function writeVersion(): Promise<string | null> {
    if (database.dialect !== 'sqlite') return null;
    const r = await sql<{ t: number; v: number }>`
      select total_changes() as t, (select data_version from pragma_data_version) as v`.execute(db);
    const row = r.rows[0];
    return row ? `${row.t}:${row.v}` : null;
  }

  /**
   * KPIs of the period and the previous one, and the charts: one query per summary table (closed orders with
   * their settlements, created orders, receipts, invoices), each a few dozen rows grouped by side and month.
   */
  async function periodFigures(
    period: Period,
    previous: Period,
    seeMoney: boolean,
    seePartners: boolean,
    fyStartMonth: number,
    timeZone: string,
  ): Promise<Figures> {
    const [closed, created, receipts, invoices, balances, stageConfig] = await Promise.all([
      periodSums(database, 'metric_closed_days', period, previous),
      periodSums(database, 'metric_created_days', period, previous),
      seeMoney ? periodSums(database, 'metric_receipt_days', period, previous) : [],
      seeMoney ? periodSums(database, 'metric_invoice_days', period, previous) : [],
      seeMoney ? outstandingNow(database) : null,
      // The business's own stage names, as the board shows them.
      loadStageConfig(database.db),
    ]);
    const receivable = { name: 'direction', value: 'receivable' };
    const payable = { name: 'direction', value: 'payable' };

    const kpis: Kpi[] = [];
    const add = (key: KpiKey, kind: Kpi['kind'], value: (cur: boolean) => string | null, snapshot = false) =>
      kpis.push({ key, kind, value: value(true), previous: snapshot ? null : value(false) });
    const c = (cur: boolean, column: string) => total(closed, cur, column);
    const cr = (cur: boolean, column: string) => total(created, cur, column);
    const out = (cur: boolean, column: string) => total(invoices, cur, column, receivable);
    const inp = (cur: boolean, column: string) => total(invoices, cur, column, payable);

    add('ordersClosed', 'count', (cur) => String(c(cur, 'closed')));
    add('ordersCreated', 'count', (cur) => String(cr(cur, 'created')));
    add('averageCompletionDays', 'days', (cur) => days(c(cur, 'completion_seconds') / 86_400, c(cur, 'completed')));
    add('onTimeRate', 'percent', (cur) => percent(ratio(c(cur, 'on_time'), c(cur, 'with_due')).bp));
    if (seeMoney) {
      add('bookedRevenue', 'money', (cur) => money(c(cur, 'booked')));
      add('collected', 'money', (cur) => money(total(receipts, cur, 'amount')));
      add('realizedRevenue', 'money', (cur) => money(c(cur, 'business_share')));
      if (seePartners) add('partnerShare', 'money', (cur) => money(c(cur, 'partner_share')));
      add('unrealizedRevenue', 'money', (cur) => money(cr(cur, 'unrealized')));
      add('pipeline', 'money', (cur) => money(cr(cur, 'pipeline')));
      add('averageOrderValue', 'money', (cur) =>
        c(cur, 'closed') === 0 ? null : money(roundDiv(c(cur, 'booked'), c(cur, 'closed'))),
      );
      add('sales', 'money', (cur) => money(out(cur, 'taxable')));
      add('purchases', 'money', (cur) => money(inp(cur, 'taxable')));
      add('outputTax', 'money', (cur) => money(out(cur, 'tax')));
      add('inputTaxCredit', 'money', (cur) => money(inp(cur, 'eligible_tax')));
      add('netGstPayable', 'money', (cur) => money(out(cur, 'tax') - inp(cur, 'eligible_tax')));
      add('receivables', 'money', () => money(balances?.receivables ?? 0), true);
      add('payables', 'money', () => money(balances?.payables ?? 0), true);
    }

    const months = monthsOf(period);
    const closedMonths = byMonth(closed, 'booked');
    const receiptMonths = byMonth(receipts, 'amount');
    const outMonths = byMonth(invoices, 'tax', receivable);
    const inMonths = byMonth(invoices, 'eligible_tax', payable);
    const stages = new Map<string, number>();
    for (const row of created) {
      if (!row.current) continue;
      const stage = row.keys.stage_code ?? '';
      stages.set(stage, (stages.get(stage) ?? 0) + (row.sums.created ?? 0));
    }
    const [topClients, topPartners] = await Promise.all([
      seeMoney ? topParties('client_id') : null,
      seePartners ? topParties('partner_id') : null,
    ]);

    return {
      kpis,
      charts: {
        monthly: seeMoney
          ? months.map((month) => ({
              month,
              booked: money(closedMonths.get(month) ?? 0),
              collected: money(receiptMonths.get(month) ?? 0),
            }))
          : null,
        ordersByStage: STAGE_CODES.map((stage) => ({
          stage,
          label: stageConfig.labels[stage],
          count: stages.get(stage) ?? 0,
        })).filter((s) => s.count > 0),
        gstByMonth: seeMoney
          ? months.map((month) => {
              const o = outMonths.get(month) ?? 0;
              const i = inMonths.get(month) ?? 0;
              return { month, outputTax: money(o), inputTaxCredit: money(i), netPayable: money(o - i) };
            })
          : null,
        topClients,
        topPartners,
      },
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
        // Undated last, as NULLS LAST: an ordered range of tasks_open_assignee_due_idx, no sort of every open task.
        .orderBy('t.due_date', (ob) => ob.asc().nullsLast())
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
