import { z } from 'zod';
import { IsoDate, MoneyString, Timestamp } from './common';
import { classified, classifiedBy } from './visibility';

/** The dashboard over a period (business-local dates, inclusive); defaults to the current month. */
export const DashboardQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const KPI_KEYS = [
  'ordersClosed',
  'ordersCreated',
  'averageCompletionDays',
  'onTimeRate',
  'bookedRevenue',
  'collected',
  'realizedRevenue',
  'partnerShare',
  'unrealizedRevenue',
  'pipeline',
  'averageOrderValue',
  'sales',
  'purchases',
  'outputTax',
  'inputTaxCredit',
  'netGstPayable',
  'receivables',
  'payables',
] as const;
export const KpiKey = z.enum(KPI_KEYS);
export type KpiKey = z.infer<typeof KpiKey>;

/**
 * One figure with the previous period's value. money: decimal string; count: integer as string; days: decimal
 * string; percent: percentage with two decimals ("87.50"). Null when there is nothing to average. Balances
 * (receivables, payables) are as of now and carry no previous value.
 */
/** A money KPI is money as a whole (the partner share: payouts); a role that may not read it gets no such KPI. */
export const Kpi = classifiedBy(
  z.object({
    key: KpiKey,
    kind: z.enum(['money', 'count', 'days', 'percent']),
    value: z.string().nullable(),
    previous: z.string().nullable(),
  }),
  {
    classOfValue: (kpi) => {
      const { key, kind } = kpi as { key?: unknown; kind?: unknown };
      if (key === 'partnerShare') return 'payouts';
      return kind === 'money' ? 'money' : null;
    },
  },
);
export type Kpi = z.infer<typeof Kpi>;

export const DashboardPeriod = z.object({ from: IsoDate, to: IsoDate });

export const MonthlyRevenuePoint = z.object({ month: z.string(), booked: MoneyString, collected: MoneyString });
export const GstMonthPoint = z.object({
  month: z.string(),
  outputTax: MoneyString,
  inputTaxCredit: MoneyString,
  netPayable: MoneyString,
});
/** Orders received in the period by their current stage: the code and the business's label for it. */
export const StageCount = z.object({ stage: z.string(), label: z.string(), count: z.number().int() });
export const TopParty = z.object({
  id: z.number().int(),
  name: z.string(),
  amount: MoneyString,
  orders: z.number().int(),
});

export const ActivityItem = z.object({
  at: Timestamp,
  kind: z.string(),
  actorName: z.string().nullable(),
  orderId: z.number().int(),
  orderNumber: z.string(),
});
export const DashboardTask = z.object({
  id: z.number().int(),
  title: z.string(),
  dueDate: IsoDate.nullable(),
  orderId: z.number().int().nullable(),
  orderNumber: z.string().nullable(),
});
export const OverdueOrder = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  stage: z.string(),
  dueDate: IsoDate,
  clientName: z.string(),
});
export const OverdueInvoice = z.object({
  id: z.number().int(),
  number: z.string().nullable(),
  partyName: z.string(),
  dueDate: IsoDate,
  balanceDue: MoneyString,
});
export const PendingApproval = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  orderNumber: z.string(),
  partnerName: z.string().nullable(),
  kind: z.enum(['settlement', 'adjustment']),
  /** Null without payouts.read. */
  partnerShare: MoneyString.nullable(),
});

const listOf = <T extends z.ZodType>(item: T) => z.object({ total: z.number().int(), items: z.array(item) });

/**
 * What the caller may see of the dashboard: KPIs and charts without money for staff (dashboard.money), partner
 * figures only with payouts.read. A section the caller may not see is null, never zero.
 */
export const Dashboard = z.object({
  period: DashboardPeriod,
  previousPeriod: DashboardPeriod,
  settlementBasis: z.enum(['contracted', 'collected']),
  kpis: z.array(Kpi),
  charts: z.object({
    // Money charts are hidden whole (null) from roles that may not read them (issue 16).
    monthly: classified('money', z.array(MonthlyRevenuePoint)).nullable(),
    ordersByStage: z.array(StageCount),
    gstByMonth: classified('money', z.array(GstMonthPoint)).nullable(),
    topClients: classified('money', z.array(TopParty)).nullable(),
    topPartners: classified('payouts', z.array(TopParty)).nullable(),
  }),
  activity: z.array(ActivityItem),
  myTasks: listOf(DashboardTask),
  overdueOrders: listOf(OverdueOrder),
  overdueInvoices: classified('money', listOf(OverdueInvoice)).nullable(),
  pendingApprovals: listOf(PendingApproval).nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;
