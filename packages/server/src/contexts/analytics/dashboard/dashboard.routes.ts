import { Dashboard, DashboardQuery } from '@bizdash/contracts/dashboard';
import type { Api } from '../../../platform/http/route-config';
import type { DashboardService } from './dashboard.service';

/** The dashboard: one request for the whole page, so it loads in one round trip. */
export function registerDashboardRoutes(app: Api, services: { dashboard: DashboardService }) {
  const { dashboard } = services;
  app.get(
    '/api/v1/dashboard',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary:
          'KPIs of a period (default this month) with the previous period, charts, activity, my tasks, overdue ' +
          'orders and invoices, pending settlement approvals; money only with dashboard.money, partner figures ' +
          'only with payouts.read',
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    async (request) => dashboard.get(request.ctx, request.query),
  );
}
