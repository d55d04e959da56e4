import type { Report, ReportName, ReportQuery, ReportRecords, ReportRowsQuery } from '@bizdash/contracts/reports';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { can } from '@bizdash/domain/permissions';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { AccountsService } from '../../ledger/index';
import { balanceSheetReport, profitAndLossReport } from './book-reports';
import { orderTurnaroundReport } from './order-turnaround-report';
import { partnerRevenueReport } from './partner-revenue-report';
import { partyAgeingReport } from './party-ageing-report';
import { periodFrom, spanOf } from './periods';
import { registerReport } from './register-report';
import { asOfOf, totalsOf, type Built, type Filters } from './report-common';
import { reportRecords } from './report-records';
import { revenueReport } from './revenue-report';
import { taxLiabilityReport } from './tax-liability-report';

export interface ReportsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  calendar: Pick<BusinessCalendar, 'current'>;
  /** The book: profit and loss and the balance sheet read from it. */
  accounts: AccountsService;
}

export type ReportsService = ReturnType<typeof makeReportsService>;

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

/**
 * The reports: each one aggregates in SQL over the period (default: the current financial year) following the
 * metric definitions, returns rows with a drill key, and lists the records behind a row, paginated. One file per
 * report (*-report.ts, book-reports.ts), its queries in the *.repo.ts files; this composes them.
 */
export function makeReportsService(deps: ReportsServiceDeps) {
  const { database, calendar, accounts } = deps;

  const BUILDERS: Record<ReportName, (f: Filters) => Promise<Built>> = {
    revenue: (f) => revenueReport(database, f),
    'partner-revenue': (f) => partnerRevenueReport(database, f),
    'sales-register': (f) => registerReport(database, f, 'receivable'),
    'purchase-register': (f) => registerReport(database, f, 'payable'),
    'tax-liability': (f) => taxLiabilityReport(database, f),
    'profit-and-loss': (f) => profitAndLossReport(accounts, f.period),
    'balance-sheet': (f) => balanceSheetReport(accounts, asOfOf(f)),
    'party-ageing': (f) => partyAgeingReport(database, f),
    'order-turnaround': (f) => orderTurnaroundReport(database, f),
  };

  async function filtersOf(ctx: RequestContext, query: ReportQuery): Promise<Filters> {
    const { timeZone, today, settlementBasis: basis } = await calendar.current();
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

  async function rows(ctx: RequestContext, name: ReportName, query: ReportRowsQuery): Promise<ReportRecords> {
    const f = await filtersOf(ctx, { ...query, format: 'json' });
    return reportRecords(database, accounts, f, name, query);
  }

  return { run, rows };
}
