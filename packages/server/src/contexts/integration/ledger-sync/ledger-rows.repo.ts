import type { Executor } from '../../../platform/db/database';

// The records the ledger projection (ledger-rows.ts) reads at write time, one query per kind of ledger row.

/** An invoice (any direction or status) as the Sales and Purchases sheets show it. */
export function findInvoiceSource(executor: Executor, id: number) {
  return executor
    .selectFrom('invoices')
    .select([
      'id',
      'type',
      'direction',
      'status',
      'number',
      'supplier_number',
      'date',
      'party_name',
      'party_gstin',
      'taxable_paise',
      'total_tax_paise',
      'grand_total_paise',
      'balance_due_paise',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A payment with its party name. */
export function findPaymentSource(executor: Executor, id: number) {
  return executor
    .selectFrom('payments')
    .innerJoin('parties', 'parties.id', 'payments.party_id')
    .select([
      'payments.id',
      'payments.direction',
      'payments.date',
      'parties.name as party_name',
      'payments.amount_paise',
      'payments.tds_paise',
      'payments.mode',
      'payments.reference',
      'payments.allocated_paise',
    ])
    .where('payments.id', '=', id)
    .executeTakeFirst();
}

/** An order receipt with its client and order number. */
export function findReceiptSource(executor: Executor, id: number) {
  return executor
    .selectFrom('order_receipts')
    .innerJoin('orders', 'orders.id', 'order_receipts.order_id')
    .innerJoin('parties', 'parties.id', 'orders.client_id')
    .select([
      'order_receipts.id',
      'order_receipts.date',
      'parties.name as party_name',
      'order_receipts.amount_paise',
      'order_receipts.mode',
      'order_receipts.reference',
      'orders.number as order_number',
    ])
    .where('order_receipts.id', '=', id)
    .executeTakeFirst();
}

/** A partner payout with the partner name. */
export function findPayoutSource(executor: Executor, id: number) {
  return executor
    .selectFrom('payouts')
    .innerJoin('parties', 'parties.id', 'payouts.partner_id')
    .select([
      'payouts.id',
      'payouts.date',
      'parties.name as party_name',
      'payouts.amount_paise',
      'payouts.mode',
      'payouts.reference',
    ])
    .where('payouts.id', '=', id)
    .executeTakeFirst();
}

/** An order with its client name. */
export function findOrderSource(executor: Executor, id: number) {
  return executor
    .selectFrom('orders')
    .innerJoin('parties', 'parties.id', 'orders.client_id')
    .select([
      'orders.id',
      'orders.number',
      'orders.title',
      'parties.name as client_name',
      'orders.stage_code',
      'orders.fees_paise',
      'orders.amount_due_paise',
      'orders.amount_received_paise',
      'orders.due_date',
    ])
    .where('orders.id', '=', id)
    .executeTakeFirst();
}

/** A settlement entry with its order number and partner name. */
export function findSettlementSource(executor: Executor, id: number) {
  return executor
    .selectFrom('settlement_entries')
    .innerJoin('orders', 'orders.id', 'settlement_entries.order_id')
    .leftJoin('parties', 'parties.id', 'settlement_entries.partner_id')
    .select([
      'settlement_entries.id',
      'orders.number as order_number',
      'parties.name as partner_name',
      'settlement_entries.kind',
      'settlement_entries.status',
      'settlement_entries.revenue_paise',
      'settlement_entries.expenses_paise',
      'settlement_entries.net_paise',
      'settlement_entries.partner_share_paise',
      'settlement_entries.approved_on',
    ])
    .where('settlement_entries.id', '=', id)
    .executeTakeFirst();
}
