import type { RequestContext } from '../../../platform/request-context';
import type { Role } from '@bizdash/domain/permissions';
import type { InvoicesService } from '../../invoicing/index';
import type { MastersService } from '../../parties/index';
import type { OrdersService } from '../../orders/index';
import type { PartiesService } from '../../parties/index';
import type { PaymentsService } from '../../invoicing/index';
import type { Random } from './indian-data';

export const DAY = 86_400_000;

/** What each step of loading the demo firm works with: the services on the demo's clock, its randomness and time. */
export interface DemoWorld {
  random: Random;
  /** The real time of loading: the demo's year ends here. */
  realNow: number;
  /** Moves the demo's clock to `ms` (never past realNow). */
  at(ms: number): void;
  ownerCtx: RequestContext;
  masters: MastersService;
  parties: PartiesService;
  orders: OrdersService;
  payments: PaymentsService;
  invoices: InvoicesService;
}

/** A demo user who does the work, with the context they act in. */
export interface TeamMember {
  ctx: RequestContext;
  id: number;
  role: Role;
}

/** The calendar day in India of an instant. */
export function isoDay(ms: number): string {
  return new Date(ms + 330 * 60_000).toISOString().slice(0, 10);
}
