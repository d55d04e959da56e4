import type { Dashboard, DashboardQuery } from '@bizdash/contracts/dashboard';
import { AppError } from '@bizdash/domain/errors';
import { previousPeriod } from '@bizdash/domain/metrics/definitions';
import { can } from '@bizdash/domain/permissions';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { currentMonth, periodFrom } from '../reports/periods';
import { writeVersion } from './dashboard.repo';
import { periodFigures, type Figures } from './dashboard-figures';
import {
  overdueInvoicesList,
  overdueOrdersList,
  pendingApprovalsList,
  recentActivity,
  tasksOf,
} from './dashboard-lists';
import { FigureCache } from './figure-cache';

export interface DashboardServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  calendar: Pick<BusinessCalendar, 'current'>;
}

export type DashboardService = ReturnType<typeof makeDashboardService>;

/**
 * The dashboard: KPIs of a period with the previous period's values, charts, and the lists a person starts the
 * day with. Every figure follows @bizdash/domain/metrics; what the caller may not see is left out (null), never
 * shown as zero. The figures are in dashboard-figures.ts, the lists in dashboard-lists.ts, their queries in
 * dashboard.repo.ts.
 */
export function makeDashboardService(deps: DashboardServiceDeps) {
  const { database, calendar } = deps;
  const figureCache = new FigureCache<Figures>();

  async function get(ctx: RequestContext, query: DashboardQuery): Promise<Dashboard> {
    const role = ctx.actor.role;
    if (!role) throw new AppError('FORBIDDEN', 'The dashboard needs a signed-in role');
    const seeMoney = can(role, 'dashboard.money');
    const seePartners = seeMoney && can(role, 'payouts.read');
    const seeApprovals = can(role, 'settlements.approve');
    const { timeZone, today, settlementBasis: basis, fyStartMonth } = await calendar.current();
    const period = periodFrom(query, currentMonth(today));
    const previous = previousPeriod(period);

    // The period's figures (KPIs, charts, top parties) are cached per period and visibility, keyed by the
    // database's write version: any committed write (a trigger keeping the summaries included) invalidates them.
    const version = await writeVersion(database);
    const cacheKey = `${period.from}|${period.to}|${basis}|${fyStartMonth}|${seeMoney}|${seePartners}`;
    let figures = version === null ? undefined : figureCache.get(cacheKey, version);
    if (!figures) {
      figures = await periodFigures(database, period, previous, seeMoney, seePartners, fyStartMonth, timeZone);
      if (version !== null) figureCache.set(cacheKey, version, figures);
    }

    const [activity, myTasks, overdueOrders, overdueInvoices, pendingApprovals] = await Promise.all([
      recentActivity(database),
      tasksOf(database, ctx.actor.id),
      overdueOrdersList(database, today),
      seeMoney ? overdueInvoicesList(database, today) : null,
      seeApprovals ? pendingApprovalsList(database, seePartners) : null,
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

  return { get };
}
