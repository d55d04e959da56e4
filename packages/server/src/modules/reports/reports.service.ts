import type {
  Report,
  ReportColumn,
  ReportName,
  ReportQuery,
  ReportRecords,
  ReportRow,
  ReportRowsQuery,
} from '@bizdash/contracts/reports';
import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { monthsOf, ratio, type Period } from '@bizdash/domain/metrics/definitions';
import { toMoneyString } from '@bizdash/domain/money';
import { addDays } from '@bizdash/domain/orders/calendar';
import { can } from '@bizdash/domain/permissions';
import { sql, type RawBuilder } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { RequestContext } from '../../platform/request-context';
import type { AccountsService } from '../accounts/accounts.service';
import { businessCalendar, periodFrom } from '../dashboard/dashboard.service';
import { accountRecords, balanceSheetReport, profitAndLossReport } from './book-reports';
import {
  closedByDay,
  dateText,
  daysBetweenSql,
  localDaySql,
  receiptsByDay,
  settlementsByDay,
  spanOf,
  type Span,
} from './metrics-sql';

export interface ReportsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** The book: profit and loss and the balance sheet read from it. */
  accounts: AccountsService;
}

export type ReportsService = ReturnType<typeof makeReportsService>;

const money = (paise: number) => toMoneyString(Math.round(paise));
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const col = (key: string, label: string, kind: ReportColumn['kind'] = 'money'): ReportColumn => ({ key, label, kind });
const TITLES: Record<ReportName, string> = {
  revenue: 'Revenue by period',
  'partner-revenue': 'Partner revenue',
  'sales-register': 'Sales register',
  'purchase-register': 'Purchase register',
  'tax-liability': 'Tax liability by rate',
  'profit-and-loss': 'Profit and loss',
  'balance-sheet': 'Balance sheet',
  'party-ageing': 'Receivables and payables ageing',
  'order-turnaround': 'Order turnaround',
};
const SIGN = sql`case when i.type = 'credit_note' then -1 else 1 end`;
const AMOUNT_DUE = sql`case when o.stage_code = 'failed' then o.base_charges_paise else o.fees_paise end`;

/** A period key "from..to": what a row of a period-bucketed report hands to its drill-down. */
const INDIAN = new Intl.NumberFormat('en-IN');

/** Parties the on-screen ageing lists (largest balances first). */
const AGEING_TOP = 100;

/** The due-date buckets of an ageing as of a date: sums of `amount` by how overdue `due` (yyyy-mm-dd) is. */
function ageingBuckets(asOf: string, due: RawBuilder<unknown>, amount: RawBuilder<unknown>) {
  const d30 = addDays(asOf, -30);
  const d60 = addDays(asOf, -60);
  const d90 = addDays(asOf, -90);
  return sql`sum(case when ${due} >= ${asOf} then ${amount} else 0 end) as not_due,
    sum(case when ${due} < ${asOf} and ${due} >= ${d30} then ${amount} else 0 end) as b30,
    sum(case when ${due} < ${d30} and ${due} >= ${d60} then ${amount} else 0 end) as b60,
    sum(case when ${due} < ${d60} and ${due} >= ${d90} then ${amount} else 0 end) as b90,
    sum(case when ${due} < ${d90} then ${amount} else 0 end) as over90,
    sum(${amount}) as total`;
}

/** SQLite plans without statistics; the hint names the partial index of open documents by party. */
function openPartyIndex(database: Database): RawBuilder<unknown> {
  return database.dialect === 'sqlite' ? sql`indexed by invoices_open_party_idx` : sql``;
}

const periodKey = (p: Period) => `period:${p.from}..${p.to}`;

function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** Months or financial-year quarters (Apr–Jun = Q1) of a period, clipped to it. */
function buckets(period: Period, groupBy: 'month' | 'quarter'): { label: string; period: Period }[] {
  const months = monthsOf(period);
  const clip = (p: Period): Period => ({
    from: p.from < period.from ? period.from : p.from,
    to: p.to > period.to ? period.to : p.to,
  });
  if (groupBy === 'month') return months.map((m) => ({ label: m, period: clip(monthPeriod(m)) }));
  const out: { label: string; period: Period }[] = [];
  for (const m of months) {
    const month = Number(m.slice(5, 7));
    const fy = financialYearOf(`${m}-01`);
    const q = Math.floor(((month + 8) % 12) / 3) + 1;
    const label = `${fy.label} Q${q}`;
    const last = out[out.length - 1];
    if (last && last.label === label) last.period.to = clip(monthPeriod(m)).to;
    else out.push({ label, period: clip(monthPeriod(m)) });
  }
  return out;
}

interface Filters {
  period: Period;
  span: Span;
  timeZone: string;
  today: string;
  basis: string;
  seePartners: boolean;
  query: ReportQuery;
}

/** Sums the money/count columns of report rows into a totals row. */
function totalsOf(columns: readonly ReportColumn[], rows: readonly ReportRow[], label: string) {
  const totals: Record<string, string | number | null> = {};
  columns.forEach((c, i) => {
    if (i === 0) totals[c.key] = label;
    else if (c.kind === 'money')
      totals[c.key] = money(rows.reduce((s, r) => s + Math.round(Number(r.cells[c.key] ?? 0) * 100), 0));
    else if (c.kind === 'count') totals[c.key] = rows.reduce((s, r) => s + Number(r.cells[c.key] ?? 0), 0);
    else totals[c.key] = null;
  });
  return totals;
}

/**
 * The reports: each one aggregates in SQL over the period (default: the current financial year) following the
 * metric definitions, returns rows with a drill key, and lists the records behind a row, paginated.
 */
export function makeReportsService(deps: ReportsServiceDeps) {
  const { database, clock } = deps;
  const { db } = database;

  async function filtersOf(ctx: RequestContext, query: ReportQuery): Promise<Filters> {
    const { timeZone, today, basis } = await businessCalendar(database, clock);
    const fy = financialYearOf(today);
    const period = periodFrom(query, { from: fy.start, to: fy.end });
    const role = ctx.actor.role;
    return {
      period,
      span: spanOf(period, timeZone),
      timeZone,
      today,
      basis,
      seePartners: role !== null && can(role, 'payouts.read'),
      query,
    };
  }

  function assertPartners(f: Filters) {
    if (!f.seePartners) throw new AppError('FORBIDDEN', 'Partner figures need payouts.read');
  }

  async function run(ctx: RequestContext, name: ReportName, query: ReportQuery): Promise<Report> {
    const f = await filtersOf(ctx, query);
    const body = await BUILDERS[name](f);
    return {
      name,
      title: TITLES[name],
      from: body.period?.from ?? f.period.from,
      to: body.period?.to ?? f.period.to,
      note: body.note ?? null,
      columns: body.columns,
      rows: body.rows,
      moreRows: body.moreRows ?? 0,
      totals: body.totals ?? totalsOf(body.columns, body.rows, 'Total'),
    };
  }

  type Built = {
    columns: ReportColumn[];
    rows: ReportRow[];
    note?: string;
    totals?: Record<string, string | number | null>;
    moreRows?: number;
    /** When the report covers other dates than the filters' period (the balance sheet: FY start to as-of). */
    period?: { from: string; to: string };
  };

  /** The balance sheet's date: as asked, else the end of the period or today, whichever comes first. */
  function asOfOf(f: Filters): string {
    if (f.query.asOf) return f.query.asOf;
    return f.period.to < f.today ? f.period.to : f.today;
  }

  const BUILDERS: Record<ReportName, (f: Filters) => Promise<Built>> = {
    async revenue(f) {
      const [closed, receipts, settlements] = await Promise.all([
        closedByDay(database, f.span),
        receiptsByDay(database, f.span),
        settlementsByDay(database, f.span),
      ]);
      const columns = [
        col('period', 'Period', 'text'),
        col('ordersClosed', 'Orders closed', 'count'),
        col('booked', 'Booked'),
        col('collected', 'Collected'),
        col('realized', 'Realized'),
        ...(f.seePartners ? [col('partnerShare', 'Partner share')] : []),
      ];
      const rows = buckets(f.period, f.query.groupBy).map((b) => {
        const sum = <R extends { day: string }>(rows: readonly R[], key: keyof R) =>
          rows.filter((r) => r.day >= b.period.from && r.day <= b.period.to).reduce((s, r) => s + Number(r[key]), 0);
        const cells: ReportRow['cells'] = {
          period: b.label,
          ordersClosed: sum(closed, 'closed'),
          booked: money(sum(closed, 'booked')),
          collected: money(sum(receipts, 'amount')),
          realized: money(sum(settlements, 'businessShare')),
        };
        if (f.seePartners) cells.partnerShare = money(sum(settlements, 'partnerShare'));
        return { key: periodKey(b.period), cells };
      });
      return { columns, rows, note: `Settlement basis: ${f.basis}` };
    },

    async 'partner-revenue'(f) {
      assertPartners(f);
      const r = await sql<Record<string, unknown>>`
        select p.id as id, p.name as name, t.orders as orders, t.revenue as revenue, t.expenses as expenses,
          t.partner_share as partner_share, t.business_share as business_share,
          coalesce((select sum(y.amount_paise) from payouts y where y.partner_id = p.id
                    and y.date >= ${f.period.from} and y.date <= ${f.period.to}), 0) as payouts
        from (
          select e.partner_id as partner_id, count(distinct o.id) as orders, sum(e.revenue_paise) as revenue,
            sum(e.expenses_paise) as expenses, sum(e.partner_share_paise) as partner_share,
            sum(e.business_share_paise) as business_share
          from orders o join settlement_entries e on e.order_id = o.id
          where o.closed_at >= ${f.span.fromTs} and o.closed_at < ${f.span.toTsExclusive}
            and o.stage_code in ('completed', 'failed') and e.partner_id is not null
          group by e.partner_id
        ) t join parties p on p.id = t.partner_id
        order by t.partner_share desc, p.id`.execute(db);
      const columns = [
        col('partner', 'Partner', 'text'),
        col('orders', 'Orders', 'count'),
        col('revenue', 'Revenue'),
        col('expenses', 'Expenses'),
        col('net', 'Net'),
        col('partnerShare', 'Partner share'),
        col('businessShare', 'Business share'),
        col('payouts', 'Payouts in period'),
      ];
      const rows = r.rows.map((x) => ({
        key: `partner:${n(x.id)}`,
        cells: {
          partner: String(x.name),
          orders: n(x.orders),
          revenue: money(n(x.revenue)),
          expenses: money(n(x.expenses)),
          net: money(n(x.revenue) - n(x.expenses)),
          partnerShare: money(n(x.partner_share)),
          businessShare: money(n(x.business_share)),
          payouts: money(n(x.payouts)),
        },
      }));
      return { columns, rows, note: `Settlements of orders closed in the period; basis: ${f.basis}` };
    },

    'sales-register': (f) => register(f, 'receivable'),
    'purchase-register': (f) => register(f, 'payable'),

    async 'tax-liability'(f) {
      const r = await sql<Record<string, unknown>>`
        select l.gst_rate_bp as rate, i.direction as direction,
          sum(${SIGN} * l.taxable_paise) as taxable,
          sum(${SIGN} * (l.cgst_paise + l.sgst_paise + l.igst_paise + l.cess_paise)) as tax
        from invoices i join invoice_lines l on l.invoice_id = i.id
        where i.status = 'issued' and i.date >= ${f.period.from} and i.date <= ${f.period.to}
          and not (i.direction = 'payable' and i.itc_eligibility = 'ineligible')
        group by l.gst_rate_bp, i.direction
        order by l.gst_rate_bp`.execute(db);
      const rates = [...new Set(r.rows.map((x) => n(x.rate)))].sort((a, b) => a - b);
      const get = (rate: number, direction: string, key: string) =>
        n(r.rows.find((x) => n(x.rate) === rate && x.direction === direction)?.[key]);
      const columns = [
        col('rate', 'GST rate', 'text'),
        col('outputTaxable', 'Output taxable value'),
        col('outputTax', 'Output tax'),
        col('inputTaxable', 'Input taxable value'),
        col('inputTax', 'Input tax credit'),
        col('net', 'Net payable'),
      ];
      const rows = rates.map((rate) => ({
        key: `rate:${rate}`,
        cells: {
          rate: `${(rate / 100).toFixed(rate % 100 === 0 ? 0 : 2)}%`,
          outputTaxable: money(get(rate, 'receivable', 'taxable')),
          outputTax: money(get(rate, 'receivable', 'tax')),
          inputTaxable: money(get(rate, 'payable', 'taxable')),
          inputTax: money(get(rate, 'payable', 'tax')),
          net: money(get(rate, 'receivable', 'tax') - get(rate, 'payable', 'tax')),
        },
      }));
      return { columns, rows, note: 'Issued documents, net of credit and debit notes; ITC-ineligible bills left out' };
    },

    'profit-and-loss': (f) => profitAndLossReport(deps.accounts, f.period),

    'balance-sheet': (f) => balanceSheetReport(deps.accounts, asOfOf(f)),

    async 'party-ageing'(f) {
      const asOf = f.period.to > f.today ? f.today : f.period.to;
      const direction = f.query.direction;
      const partyId = f.query.partyId ?? null;
      // On screen, today's ageing of every party shows the largest balances (a mature firm has tens of thousands
      // of parties owing something) with totals over all of them; exports and a single party list every row.
      const top = asOf >= f.today && partyId === null && f.query.format === 'json' ? (f.query.top ?? AGEING_TOP) : null;
      const [r, summary] = await Promise.all([
        ageingRows(direction, asOf, f.today, partyId, top),
        top === null ? null : ageingTotalsNow(direction, asOf),
      ]);
      const columns = [
        col('party', 'Party', 'text'),
        col('documents', 'Documents', 'count'),
        col('notDue', 'Not due'),
        col('days0to30', '0–30 days'),
        col('days31to60', '31–60 days'),
        col('days61to90', '61–90 days'),
        col('over90', 'Over 90 days'),
        col('total', 'Total'),
      ];
      const cellsOf = (x: Record<string, unknown>) => ({
        documents: n(x.documents),
        notDue: money(n(x.not_due)),
        days0to30: money(n(x.b30)),
        days31to60: money(n(x.b60)),
        days61to90: money(n(x.b90)),
        over90: money(n(x.over90)),
        total: money(n(x.total)),
      });
      const rows = r.map((x) => ({
        key: `party:${n(x.party_id)}`,
        cells: { party: String(x.party_name), ...cellsOf(x) },
      }));
      const what = direction === 'receivable' ? 'Receivables' : 'Payables';
      // Notes are read by people: dates as dd-mm-yyyy, counts with Indian grouping.
      const asOfText = asOf.split('-').reverse().join('-');
      if (summary === null) return { columns, rows, note: `${what} as of ${asOfText}, by due date` };
      const moreRows = Math.max(0, summary.parties - rows.length);
      return {
        columns,
        rows,
        moreRows,
        totals: { party: 'Total', ...cellsOf(summary.totals) },
        note:
          `${what} as of ${asOfText}, by due date` +
          (moreRows > 0
            ? `; the ${rows.length} largest of ${INDIAN.format(summary.parties)} parties (exports list all)`
            : ''),
      };
    },

    async 'order-turnaround'(f) {
      const byType = f.query.by === 'orderType';
      const group = byType ? sql`o.order_type_id` : sql`o.assignee_id`;
      const nameJoin = byType
        ? sql`left join order_types g on g.id = t.group_id`
        : sql`left join users g on g.id = t.group_id`;
      const day = localDaySql(database, 'o.closed_at', f.timeZone);
      const dueText = dateText(database, 'o.due_date');
      const r = await sql<Record<string, unknown>>`
        select t.group_id as group_id, g.name as name, t.completed as completed, t.failed as failed,
          t.days_sum as days_sum, t.with_due as with_due, t.on_time as on_time
        from (
          select ${group} as group_id,
            sum(case when o.stage_code = 'completed' then 1 else 0 end) as completed,
            sum(case when o.stage_code = 'failed' then 1 else 0 end) as failed,
            sum(case when o.stage_code = 'completed' then ${daysBetweenSql(database, 'o.created_at', 'o.closed_at')} else 0 end) as days_sum,
            sum(case when o.stage_code = 'completed' and o.due_date is not null then 1 else 0 end) as with_due,
            sum(case when o.stage_code = 'completed' and o.due_date is not null and ${day} <= ${dueText} then 1 else 0 end) as on_time
          from orders o
          where o.closed_at >= ${f.span.fromTs} and o.closed_at < ${f.span.toTsExclusive}
            and o.stage_code in ('completed', 'failed')
          group by ${group}
        ) t ${nameJoin}
        order by g.name, t.group_id`.execute(db);
      const columns = [
        col('group', byType ? 'Order type' : 'Assignee', 'text'),
        col('completed', 'Completed', 'count'),
        col('failed', 'Failed', 'count'),
        col('averageDays', 'Average days to complete', 'days'),
        col('onTimeRate', 'On time %', 'percent'),
      ];
      const rows = r.rows.map((x) => {
        const completed = n(x.completed);
        const bp = ratio(n(x.on_time), n(x.with_due)).bp;
        const id = x.group_id === null ? 'none' : String(n(x.group_id));
        return {
          key: `${byType ? 'type' : 'assignee'}:${id}`,
          cells: {
            group: x.name === null || x.name === undefined ? '(unassigned)' : String(x.name),
            completed,
            failed: n(x.failed),
            averageDays: completed === 0 ? null : (Math.round((n(x.days_sum) / completed) * 100) / 100).toFixed(2),
            onTimeRate: bp === null ? null : (bp / 100).toFixed(2),
          },
        };
      });
      return { columns, rows, note: 'Days from received to completed; on time = completed on or before the due date' };
    },
  };

  /**
   * Outstanding documents by party in due-date buckets. As of today it reads the balances kept on the documents
   * (a partial index of open documents by party); with `top`, only the parties with the largest balances (from the
   * per-party summary). As of a past date it takes off the payments and credit notes dated by then, aggregated
   * once per document (not a subquery per document).
   */
  async function ageingRows(
    direction: 'receivable' | 'payable',
    asOf: string,
    today: string,
    partyId: number | null,
    top: number | null,
  ) {
    const due = sql`coalesce(i.due_date, i.date)`;
    let parties = partyId ? sql`and i.party_id = ${partyId}` : sql``;
    if (top !== null) {
      const largest = await sql<{ party_id: number }>`
        select party_id from metric_open_parties where direction = ${direction} and documents <> 0
        order by balance desc, party_id limit ${top}`.execute(db);
      if (largest.rows.length === 0) return [];
      parties = sql`and i.party_id in (${sql.join(largest.rows.map((x) => Number(x.party_id)))})`;
    }
    const docs =
      asOf >= today
        ? sql`select i.party_id, ${due} as due, i.balance_due_paise as outstanding
            from invoices i ${openPartyIndex(database)}
            where i.status = 'issued' and i.type <> 'credit_note' and i.balance_due_paise > 0
              and i.direction = ${direction} ${parties}`
        : sql`select i.party_id, ${due} as due,
              i.grand_total_paise - coalesce(p.paid, 0) - coalesce(c.credited, 0) as outstanding
            from invoices i
            left join (select a.invoice_id, sum(a.amount_paise) as paid from payment_allocations a
                       join payments y on y.id = a.payment_id where y.date <= ${asOf} group by a.invoice_id) p
              on p.invoice_id = i.id
            left join (select x.original_invoice_id, sum(x.grand_total_paise) as credited from invoices x
                       where x.type = 'credit_note' and x.status = 'issued' and x.date <= ${asOf}
                         and x.original_invoice_id is not null group by x.original_invoice_id) c
              on c.original_invoice_id = i.id
            where i.status = 'issued' and i.direction = ${direction} and i.type <> 'credit_note'
              and i.date <= ${asOf} ${parties}`;
    const r = await sql<Record<string, unknown>>`
      select d.party_id as party_id, pa.name as party_name, count(*) as documents, ${ageingBuckets(asOf, sql`d.due`, sql`d.outstanding`)}
      from (${docs}) d join parties pa on pa.id = d.party_id
      where d.outstanding > 0
      group by d.party_id, pa.name
      order by sum(d.outstanding) desc, d.party_id`.execute(db);
    return r.rows;
  }

  /** Today's ageing totals over every party, from the open balances by due date (a row per day). */
  async function ageingTotalsNow(direction: 'receivable' | 'payable', asOf: string) {
    const [totals, parties] = await Promise.all([
      sql<Record<string, unknown>>`
        select sum(m.documents) as documents, ${ageingBuckets(asOf, sql`m.day`, sql`m.balance`)}
        from metric_open_due_days m where m.direction = ${direction}`.execute(db),
      sql<{ n: number }>`
        select count(*) as n from metric_open_parties where direction = ${direction} and documents <> 0`.execute(db),
    ]);
    return { totals: totals.rows[0] ?? {}, parties: Number(parties.rows[0]?.n ?? 0) };
  }

  async function register(f: Filters, direction: 'receivable' | 'payable'): Promise<Built> {
    const month = database.dialect === 'postgres' ? sql`to_char(i.date, 'YYYY-MM')` : sql`substr(i.date, 1, 7)`;
    const r = await sql<Record<string, unknown>>`
      select ${month} as month, count(*) as documents,
        sum(${SIGN} * i.taxable_paise) as taxable, sum(${SIGN} * i.cgst_paise) as cgst,
        sum(${SIGN} * i.sgst_paise) as sgst, sum(${SIGN} * i.igst_paise) as igst,
        sum(${SIGN} * i.cess_paise) as cess, sum(${SIGN} * i.grand_total_paise) as total
      from invoices i
      where i.status = 'issued' and i.direction = ${direction}
        and i.date >= ${f.period.from} and i.date <= ${f.period.to}
      group by 1
      order by 1`.execute(db);
    const columns = [
      col('month', 'Month', 'text'),
      col('documents', 'Documents', 'count'),
      col('taxable', 'Taxable value'),
      col('cgst', 'CGST'),
      col('sgst', 'SGST/UTGST'),
      col('igst', 'IGST'),
      col('cess', 'Cess'),
      col('total', 'Total'),
    ];
    const rows = r.rows.map((x) => ({
      key: periodKey(monthPeriod(String(x.month))),
      cells: {
        month: String(x.month),
        documents: n(x.documents),
        taxable: money(n(x.taxable)),
        cgst: money(n(x.cgst)),
        sgst: money(n(x.sgst)),
        igst: money(n(x.igst)),
        cess: money(n(x.cess)),
        total: money(n(x.total)),
      },
    }));
    return {
      columns,
      rows,
      note: 'Issued documents by month; credit notes negative, in the month of the note. Drill down for each document',
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Drill-down: the records behind a row

  const ORDER_COLUMNS = [
    col('number', 'Order', 'text'),
    col('title', 'Title', 'text'),
    col('client', 'Client', 'text'),
    col('stage', 'Stage', 'text'),
    col('closedOn', 'Closed on', 'date'),
    col('amountDue', 'Amount due'),
    col('received', 'Received'),
  ];
  const INVOICE_COLUMNS = [
    col('date', 'Date', 'date'),
    col('number', 'Number', 'text'),
    col('type', 'Type', 'text'),
    col('party', 'Party', 'text'),
    col('taxable', 'Taxable value'),
    col('tax', 'Tax'),
    col('total', 'Total'),
    col('balanceDue', 'Balance due'),
  ];

  function parseKey(key: string | undefined): { kind: string; value: string } {
    if (!key) return { kind: 'all', value: '' };
    const i = key.indexOf(':');
    if (i < 1) throw new AppError('VALIDATION_FAILED', 'key must look like kind:value', { field: 'key' });
    return { kind: key.slice(0, i), value: key.slice(i + 1) };
  }

  function keyId(value: string): number | null {
    if (value === 'none') return null;
    const id = Number(value);
    if (!Number.isInteger(id) || id <= 0)
      throw new AppError('VALIDATION_FAILED', 'key has no valid id', { field: 'key' });
    return id;
  }

  function keyPeriod(value: string, within: Period): Period {
    const [from, to] = value.split('..');
    if (!from || !to || from < within.from || to > within.to || from > to) {
      throw new AppError('VALIDATION_FAILED', 'key period must lie within from..to', { field: 'key' });
    }
    return { from, to };
  }

  async function rows(ctx: RequestContext, name: ReportName, query: ReportRowsQuery): Promise<ReportRecords> {
    const f = await filtersOf(ctx, { ...query, format: 'json' });
    const { kind, value } = parseKey(query.key);
    const page = { page: query.page, pageSize: query.pageSize };
    switch (name) {
      case 'revenue':
        return orderRecords(f, kind === 'period' ? keyPeriod(value, f.period) : f.period, {}, page);
      case 'partner-revenue':
        assertPartners(f);
        return orderRecords(f, f.period, kind === 'partner' ? { partnerId: keyId(value) } : {}, page);
      case 'order-turnaround':
        return orderRecords(
          f,
          f.period,
          kind === 'type' ? { orderTypeId: keyId(value) } : kind === 'assignee' ? { assigneeId: keyId(value) } : {},
          page,
        );
      case 'sales-register':
      case 'purchase-register':
        return invoiceRecords(
          kind === 'period' ? keyPeriod(value, f.period) : f.period,
          { direction: name === 'sales-register' ? 'receivable' : 'payable' },
          page,
        );
      case 'tax-liability':
        return invoiceRecords(f.period, kind === 'rate' ? { rateBp: Number(value) } : {}, page);
      case 'profit-and-loss':
        return accountRecords(deps.accounts, query.key, f.period, page);
      case 'balance-sheet': {
        const asOf = asOfOf(f);
        return accountRecords(
          deps.accounts,
          query.key,
          { from: f.period.from < asOf ? f.period.from : asOf, to: asOf },
          page,
        );
      }
      case 'party-ageing':
        return invoiceRecords(
          null,
          { direction: f.query.direction, outstanding: true, partyId: kind === 'party' ? keyId(value) : null },
          page,
        );
    }
  }

  async function orderRecords(
    f: Filters,
    period: Period,
    by: { partnerId?: number | null; orderTypeId?: number | null; assigneeId?: number | null },
    page: { page: number; pageSize: number },
  ): Promise<ReportRecords> {
    const span = spanOf(period, f.timeZone);
    let q = db
      .selectFrom('orders as o')
      .where('o.closed_at', '>=', span.fromTs)
      .where('o.closed_at', '<', span.toTsExclusive)
      .where('o.stage_code', 'in', ['completed', 'failed']);
    if (by.partnerId !== undefined) q = q.where('o.partner_id', by.partnerId === null ? 'is' : '=', by.partnerId);
    if (by.orderTypeId !== undefined) q = q.where('o.order_type_id', '=', by.orderTypeId ?? -1);
    if (by.assigneeId !== undefined) q = q.where('o.assignee_id', by.assigneeId === null ? 'is' : '=', by.assigneeId);
    const [count, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      q
        .innerJoin('parties as c', 'c.id', 'o.client_id')
        .select([
          'o.id',
          'o.number',
          'o.title',
          'o.stage_code',
          'o.amount_received_paise',
          'c.name',
          localDaySql(database, 'o.closed_at', f.timeZone).as('closed_on'),
          (AMOUNT_DUE as RawBuilder<number>).as('amount_due'),
        ])
        .orderBy('o.closed_at')
        .orderBy('o.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
    ]);
    return {
      entity: 'order',
      columns: ORDER_COLUMNS,
      total: n(count?.n),
      ...page,
      items: items.map((o) => ({
        id: n(o.id),
        cells: {
          number: o.number,
          title: o.title,
          client: o.name,
          stage: o.stage_code,
          closedOn: o.closed_on,
          amountDue: money(n(o.amount_due)),
          received: money(n(o.amount_received_paise)),
        },
      })),
    };
  }

  async function invoiceRecords(
    period: Period | null,
    by: {
      direction?: 'receivable' | 'payable';
      trading?: boolean;
      rateBp?: number;
      outstanding?: boolean;
      partyId?: number | null;
    },
    page: { page: number; pageSize: number },
  ): Promise<ReportRecords> {
    let q = db.selectFrom('invoices as i').where('i.status', '=', 'issued');
    if (period) q = q.where('i.date', '>=', period.from).where('i.date', '<=', period.to);
    if (by.direction) q = q.where('i.direction', '=', by.direction);
    if (by.trading) q = q.where('i.order_id', 'is', null);
    if (by.outstanding) q = q.where('i.type', '<>', 'credit_note').where('i.balance_due_paise', '>', 0);
    if (by.partyId) q = q.where('i.party_id', '=', by.partyId);
    if (by.rateBp !== undefined) {
      const rate = by.rateBp;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('invoice_lines as l')
            .select('l.id')
            .whereRef('l.invoice_id', '=', 'i.id')
            .where('l.gst_rate_bp', '=', rate),
        ),
      );
    }
    const [count, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      q
        .select([
          'i.id',
          'i.number',
          'i.type',
          'i.party_name',
          'i.taxable_paise',
          'i.total_tax_paise',
          'i.grand_total_paise',
          'i.balance_due_paise',
          dateText(database, 'i.date').as('date_text'),
        ])
        .orderBy('i.date')
        .orderBy('i.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
    ]);
    return {
      entity: 'invoice',
      columns: INVOICE_COLUMNS,
      total: n(count?.n),
      ...page,
      items: items.map((i) => {
        const sign = i.type === 'credit_note' ? -1 : 1;
        return {
          id: n(i.id),
          cells: {
            date: i.date_text,
            number: i.number,
            type: i.type,
            party: i.party_name,
            taxable: money(sign * n(i.taxable_paise)),
            tax: money(sign * n(i.total_tax_paise)),
            total: money(sign * n(i.grand_total_paise)),
            balanceDue: money(n(i.balance_due_paise)),
          },
        };
      }),
    };
  }

  return { run, rows };
}
