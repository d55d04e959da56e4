import type { Expense, OrderMoneySummary, Receipt, SettlementEntry } from '@bizdash/contracts/order-money';
import { toMoneyString } from '@bizdash/domain/money';
import type { Executor } from '../../../platform/db/database';

const m = (paise: number | string | bigint) => toMoneyString(Number(paise));

function ref(id: number | null, name: string | null) {
  return id === null ? null : { id, name: name ?? `#${id}` };
}

/** Receipts and expenses share the attachment columns and their URL shape. */
export type MoneyItemTable = 'order_receipts' | 'order_expenses';

export function itemPath(table: MoneyItemTable): 'receipts' | 'expenses' {
  return table === 'order_receipts' ? 'receipts' : 'expenses';
}

function attachmentOf(
  table: MoneyItemTable,
  row: {
    id: number;
    order_id: number;
    file_key: string | null;
    file_name: string | null;
    file_type: string | null;
    file_size: number | null;
  },
) {
  if (row.file_key === null) return null;
  return {
    name: row.file_name ?? 'attachment',
    mediaType: row.file_type ?? 'application/octet-stream',
    sizeBytes: Number(row.file_size ?? 0),
    downloadUrl: `/api/v1/orders/${row.order_id}/${itemPath(table)}/${row.id}/attachment`,
  };
}

export function selectReceipts(executor: Executor) {
  return executor
    .selectFrom('order_receipts')
    .leftJoin('users as creator', 'creator.id', 'order_receipts.created_by')
    .selectAll('order_receipts')
    .select('creator.name as creator_name');
}

export function selectExpenses(executor: Executor) {
  return executor
    .selectFrom('order_expenses')
    .leftJoin('users as creator', 'creator.id', 'order_expenses.created_by')
    .selectAll('order_expenses')
    .select('creator.name as creator_name');
}

export type ReceiptViewRow = Awaited<ReturnType<ReturnType<typeof selectReceipts>['executeTakeFirstOrThrow']>>;
export type ExpenseViewRow = Awaited<ReturnType<ReturnType<typeof selectExpenses>['executeTakeFirstOrThrow']>>;

export function toReceipt(row: ReceiptViewRow): Receipt {
  return {
    id: row.id,
    orderId: row.order_id,
    date: row.date,
    amount: m(row.amount_paise),
    mode: row.mode,
    reference: row.reference,
    chequeNumber: row.cheque_number,
    chequeDate: row.cheque_date,
    note: row.note,
    attachment: attachmentOf('order_receipts', row),
    appliedPaymentId: row.payment_id ?? null,
    createdBy: ref(row.created_by, row.creator_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toExpense(row: ExpenseViewRow): Expense {
  return {
    id: row.id,
    orderId: row.order_id,
    date: row.date,
    amount: m(row.amount_paise),
    category: row.category,
    paidTo: row.paid_to,
    note: row.note,
    attachment: attachmentOf('order_expenses', row),
    createdBy: ref(row.created_by, row.creator_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The derived money columns of an order row, as the API shows them. */
export function moneySummaryOf(order: {
  amount_due_paise: number;
  amount_received_paise: number;
  expenses_paise: number;
  payment_status: OrderMoneySummary['paymentStatus'];
  share_bp: number;
}): OrderMoneySummary {
  const due = Number(order.amount_due_paise);
  const received = Number(order.amount_received_paise);
  return {
    amountDue: m(due),
    amountReceived: m(received),
    balanceDue: m(due - received),
    paymentStatus: order.payment_status,
    expenses: m(order.expenses_paise),
    sharePercent: m(order.share_bp),
  };
}

/** Settlement entries with their order number and the names of the partner and approver. */
export function selectEntries(executor: Executor) {
  return executor
    .selectFrom('settlement_entries')
    .innerJoin('orders', 'orders.id', 'settlement_entries.order_id')
    .leftJoin('parties as partner', 'partner.id', 'settlement_entries.partner_id')
    .leftJoin('users as approver', 'approver.id', 'settlement_entries.approved_by')
    .selectAll('settlement_entries')
    .select(['orders.number as order_number', 'partner.name as partner_name', 'approver.name as approver_name']);
}

export type EntryViewRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

export function toEntry(row: EntryViewRow): SettlementEntry {
  return {
    id: row.id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    partner: ref(row.partner_id, row.partner_name),
    kind: row.kind,
    status: row.status,
    basis: row.basis,
    outcome: row.outcome,
    revenue: m(row.revenue_paise),
    expenses: m(row.expenses_paise),
    net: m(row.net_paise),
    sharePercent: m(row.share_bp),
    partnerShare: m(row.partner_share_paise),
    businessShare: m(row.business_share_paise),
    paidOut: m(row.allocated_paise),
    computedAt: row.computed_at,
    approvedAt: row.approved_at,
    approvedBy: ref(row.approved_by, row.approver_name),
  };
}
