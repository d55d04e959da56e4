import type { Dashboard, Kpi, KpiKey } from '@bizdash/contracts/dashboard';
import { monthsOf, periodGrain, ratio, type Period } from '@bizdash/domain/metrics/definitions';
import { roundDiv, toMoneyString } from '@bizdash/domain/money';
import { STAGE_CODES } from '@bizdash/domain/orders/lifecycle';
import type { Database } from '../../../platform/db/database';
import { byMonth, total } from '../metric-summaries/period-figures';
import { periodSums } from '../metric-summaries/period-figures.repo';
import { outstandingNow } from '../reports/metrics.repo';
import { spanOf } from '../reports/periods';
import {
  partyNames,
  stageConfig as readStageConfig,
  topPartiesClosedIn,
  topPartiesOfMonths,
  topPartiesOfPeriod,
  type TopParty,
} from './dashboard.repo';

export type Figures = Pick<Dashboard, 'kpis' | 'charts'>;

const money = (paise: number) => toMoneyString(Math.round(paise));
const percent = (bp: number | null) => (bp === null ? null : (bp / 100).toFixed(2));
const days = (sum: number, count: number) => (count === 0 ? null : (Math.round((sum / count) * 100) / 100).toFixed(2));

/**
 * KPIs of the period and the previous one, and the charts: one query per summary table (closed orders with
 * their settlements, created orders, receipts, invoices), each a few dozen rows grouped by side and month.
 */
export async function periodFigures(
  database: Database,
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
    readStageConfig(database),
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
    seeMoney ? topParties(database, period, fyStartMonth, timeZone, 'client_id') : null,
    seePartners ? topParties(database, period, fyStartMonth, timeZone, 'partner_id') : null,
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
}

/**
 * Clients (or partners) by booked revenue of their orders closed in the period. A financial year or a run of
 * whole months reads the per-party summary (an index range for a year or a month); a custom range of days
 * aggregates its orders.
 */
async function topParties(
  database: Database,
  period: Period,
  fyStartMonth: number,
  timeZone: string,
  column: 'client_id' | 'partner_id',
) {
  const role = column === 'client_id' ? 'client' : 'partner';
  const grain = periodGrain(period, fyStartMonth);
  let top: TopParty[];
  if (grain.grain === 'fy' || (grain.grain === 'months' && grain.months.length === 1)) {
    const key = grain.grain === 'fy' ? grain.year : grain.months[0];
    top = await topPartiesOfPeriod(database, role, grain.grain === 'fy' ? 'fy' : 'month', key);
  } else if (grain.grain === 'months') {
    top = await topPartiesOfMonths(database, role, grain.months[0], grain.months[grain.months.length - 1]);
  } else {
    top = await topPartiesClosedIn(database, column, spanOf(period, timeZone));
  }
  if (top.length === 0) return [];
  const names = await partyNames(
    database,
    top.map((x) => Number(x.party_id)),
  );
  return top.map((x) => ({
    id: Number(x.party_id),
    name: names.find((p) => Number(p.id) === Number(x.party_id))?.name ?? '',
    amount: money(Number(x.amount)),
    orders: Number(x.orders),
  }));
}
