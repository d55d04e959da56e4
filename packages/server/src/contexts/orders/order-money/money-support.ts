import { parseAmount, parseMoney } from '@bizdash/domain/money';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { FileStorage } from '../../../platform/storage/file-storage';
import type { PaymentsService } from '../../invoicing/index';
import { invalid } from '../orders/order-support';

export interface OrderMoneyServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time and the settlement basis. */
  calendar: BusinessCalendar;
  /** Where receipt and expense attachments go; without one, uploads answer INTERNAL. */
  storage?: FileStorage | undefined;
  /** Largest accepted upload in bytes (BIZDASH_UPLOAD_MAX_MB). */
  uploadMaxBytes?: number | undefined;
  /** Applying a receipt to the order's invoice records a payment through the payments module. */
  payments?: PaymentsService | undefined;
}

/** A positive amount in paise (the contract checks the shape; this checks the value). */
export function positivePaise(text: string, field: string): number {
  const paise = parseAmount(text, field);
  if (paise <= 0) invalid(field, 'must be above zero');
  return paise;
}

/** A percentage with up to two decimals as basis points ("40" → 4000), 0 to 10000. */
export function shareBpOf(text: string, field = 'sharePercent'): number {
  const bp = parseMoney(text, field);
  if (bp < 0 || bp > 10_000) invalid(field, 'must be between 0 and 100');
  return bp;
}
