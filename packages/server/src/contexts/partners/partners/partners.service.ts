import type { PartnerStatement } from '@bizdash/contracts/order-money';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { makePayouts } from './payouts';
import { makePortal } from './portal';
import { buildStatement } from './statement';

export interface PartnersServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time and the settlement basis (the portal projects open orders' shares on it). */
  calendar: BusinessCalendar;
  /** The order stages' labels as the business named them, for the portal. */
  stageLabels: () => Promise<Partial<Record<string, string>>>;
}

export type PartnersService = ReturnType<typeof makePartnersService>;

/** Payouts to partners, the balance owed to each, partner statements and the partner portal (issue 5). */
export function makePartnersService(deps: PartnersServiceDeps) {
  const payouts = makePayouts(deps);
  const portal = makePortal({
    database: deps.database,
    calendar: deps.calendar,
    payouts,
    stageLabels: deps.stageLabels,
  });

  /** A partner's statement over [from, to] (dates inclusive), as the staff screens and downloads show it. */
  function statement(partnerId: number, from: string, to: string): Promise<PartnerStatement> {
    return buildStatement(deps.database.db, partnerId, from, to);
  }

  return {
    createPayout: payouts.createPayout,
    getPayout: payouts.getPayout,
    listPayouts: payouts.listPayouts,
    balances: payouts.balances,
    statement,
    portal,
  };
}
