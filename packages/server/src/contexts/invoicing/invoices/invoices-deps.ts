import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { PaymentsService } from '../payments/payments.service';
import type { OrderLink } from './order-link';

export interface InvoicesServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: today's date decides what is overdue. */
  calendar: BusinessCalendar;
  /** Issuing an order's invoice applies the order's advances (its receipts' unallocated payments) to it. */
  payments?: PaymentsService | undefined;
  /** The orders context: an order follows its invoices' figures and applies its advances when one is issued. */
  orderLink: OrderLink;
}
