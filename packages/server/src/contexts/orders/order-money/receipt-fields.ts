import type { Receipt } from '@bizdash/contracts/order-money';
import type { CreatePaymentInput } from '@bizdash/contracts/payments';
import { toMoneyString } from '@bizdash/domain/money';
import type { Selectable } from 'kysely';
import { invalid } from '../orders/order-support';
import type { OrdersTable } from '../orders/orders.tables';

/** A receipt's own fields as stored, and what receipts.service.ts derives from them (audit view, payment). */

type OrderRow = Selectable<OrdersTable>;

export interface ReceiptFields {
  date: string;
  amount_paise: number;
  mode: Receipt['mode'];
  reference: string | null;
  cheque_number: string | null;
  cheque_date: string | null;
  note: string | null;
}

export function auditView(r: ReceiptFields): Record<string, unknown> {
  return {
    date: r.date,
    amount: toMoneyString(Number(r.amount_paise)),
    mode: r.mode,
    reference: r.reference,
    chequeNumber: r.cheque_number,
    chequeDate: r.cheque_date,
    note: r.note,
  };
}

/** Cheque details belong to cheques only; a cheque needs its number. */
export function normaliseCheque(r: ReceiptFields): ReceiptFields {
  if (r.mode !== 'cheque') return { ...r, cheque_number: null, cheque_date: null };
  if (!r.cheque_number) invalid('chequeNumber', 'is required for a cheque');
  return r;
}

/** The payment a receipt is in the one book: received from the order's client, same date, amount and mode. */
export function paymentInput(order: Pick<OrderRow, 'number' | 'client_id'>, r: ReceiptFields): CreatePaymentInput {
  return {
    direction: 'received',
    partyId: order.client_id,
    date: r.date,
    amount: toMoneyString(Number(r.amount_paise)),
    mode: r.mode,
    reference: r.reference ?? r.cheque_number ?? null,
    tdsAmount: '0',
    notes: r.note ? `Order ${order.number}: ${r.note}` : `Order ${order.number}`,
    allocations: [],
  };
}

export function receiptFields(r: ReceiptFields): ReceiptFields {
  return {
    date: r.date,
    amount_paise: Number(r.amount_paise),
    mode: r.mode,
    reference: r.reference,
    cheque_number: r.cheque_number,
    cheque_date: r.cheque_date,
    note: r.note,
  };
}
