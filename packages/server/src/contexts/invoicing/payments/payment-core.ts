import type { Payment, PaymentSummary } from '@bizdash/contracts/payments';
import { AppError } from '@bizdash/domain/errors';
import { toMoneyString } from '@bizdash/domain/money';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database, Dialect, Executor } from '../../../platform/db/database';
import type { OrderLink } from '../invoices/order-link';
import * as repo from './payments.repo';
import type { PaymentRow } from './payments.tables';

export interface PaymentsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time, for the money reports' default dates. */
  calendar: BusinessCalendar;
  /** The orders context follows the figures of the documents a payment settles. */
  orderLink: Pick<OrderLink, 'documentChanged'>;
}

export const m = (paise: number | string) => toMoneyString(Number(paise));

/** Payments received settle receivable documents; payments made settle payable ones. */
export const DIRECTION_OF = { received: 'receivable', made: 'payable' } as const;

export function summaryOf(row: PaymentRow & { party_name: string }): Omit<PaymentSummary, 'settles'> {
  const settlement = Number(row.amount_paise) + Number(row.tds_paise);
  return {
    id: row.id,
    direction: row.direction,
    party: { id: row.party_id, name: row.party_name },
    date: row.date,
    amount: m(row.amount_paise),
    mode: row.mode,
    reference: row.reference,
    tdsAmount: m(row.tds_paise),
    notes: row.notes,
    allocatedAmount: m(row.allocated_paise),
    unallocatedAmount: m(settlement - Number(row.allocated_paise)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function auditView(row: PaymentRow): Record<string, unknown> {
  return {
    direction: row.direction,
    partyId: row.party_id,
    date: row.date,
    amount: m(row.amount_paise),
    tdsAmount: m(row.tds_paise),
    mode: row.mode,
    reference: row.reference,
    notes: row.notes,
  };
}

/** A payment with its allocations. */
export async function loadPayment(executor: Executor, id: number): Promise<Payment> {
  const row = await repo.paymentWithParty(executor, id);
  if (!row) throw new AppError('NOT_FOUND', `Payment ${id} not found`);
  const allocations = await repo.allocationsWithDocuments(executor, id);
  return {
    ...summaryOf(row),
    allocations: allocations.map((a) => ({
      invoiceId: a.invoice_id,
      invoiceType: a.type,
      invoiceNumber: a.number,
      invoiceDate: a.date,
      amount: m(a.amount_paise),
      createdAt: a.created_at,
    })),
  };
}

export async function lockPayment(tx: Transaction<DB>, dialect: Dialect, id: number): Promise<PaymentRow> {
  const row = await repo.lockPaymentRow(tx, dialect, id);
  if (!row) throw new AppError('NOT_FOUND', `Payment ${id} not found`);
  return row;
}
