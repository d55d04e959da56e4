import type { DocumentCompleteness, Order, StageCode } from '@bizdash/contracts/orders';
import { isComplete, TERMINAL_STAGES } from '@bizdash/domain/orders/lifecycle';
import { toMoneyString } from '@bizdash/domain/money';
import { priorityOf } from './order-support';
import { stageOf, type StageConfig } from './order-stages';
import type { OrderViewRow } from './orders-query.repo';

/* An order row as the API answers it. */

export interface ViewOptions {
  stages: StageConfig;
  /** Today in the business time zone, for isOverdue. */
  today: string;
  /**
   * Whether the caller may see the order's invoices (money.read). Money fields are not hidden here: the field
   * visibility filter hides them, in answers and exports alike (http/field-visibility.ts, issue 16).
   */
  canSeeMoney: boolean;
}

export function completenessFromRow(row: {
  docs_required: number;
  docs_received: number;
  docs_submitted: number;
  docs_accepted: number;
  docs_rejected: number;
}): DocumentCompleteness {
  const c = {
    required: Number(row.docs_required),
    received: Number(row.docs_received),
    submitted: Number(row.docs_submitted),
    accepted: Number(row.docs_accepted),
    rejected: Number(row.docs_rejected),
  };
  return { ...c, isComplete: isComplete(c) };
}

function ref(id: number | null, name: string | null) {
  return id === null ? null : { id, name: name ?? `#${id}` };
}

export function isOpenStage(code: string): boolean {
  return !(TERMINAL_STAGES as readonly string[]).includes(code);
}

/** An order's invoices and notes (order-money/order-billing.ts documentsOfOrders). */
export type OrderDocumentRef = {
  id: number;
  number: string | null;
  type: 'sales' | 'purchase' | 'credit_note' | 'debit_note';
  status: 'draft' | 'issued' | 'cancelled';
};

export function toOrder(row: OrderViewRow, options: ViewOptions, documents: readonly OrderDocumentRef[] = []): Order {
  // The CHECK constraint holds stage_code to the enum.
  const stage = row.stage_code as StageCode;
  const sharePrice = row.share_price_paise === null ? null : Number(row.share_price_paise);
  const shareCount = row.share_count === null ? null : Number(row.share_count);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    stage: stageOf(options.stages, stage),
    stageChangedAt: row.stage_changed_at,
    closedAt: row.closed_at,
    client: { id: row.client_id, name: row.client_name },
    partner: ref(row.partner_id, row.partner_name),
    orderType: { id: row.order_type_id, name: row.order_type_name },
    company: ref(row.company_id, row.company_name),
    shareCount,
    sharePrice: sharePrice === null ? null : toMoneyString(sharePrice),
    orderValue: sharePrice === null || shareCount === null ? null : toMoneyString(sharePrice * shareCount),
    fees: toMoneyString(Number(row.fees_paise)),
    baseCharges: toMoneyString(Number(row.base_charges_paise)),
    // Kept on the row by the order-money recompute, in the transaction of every change to its inputs.
    amountDue: toMoneyString(Number(row.amount_due_paise)),
    amountReceived: toMoneyString(Number(row.amount_received_paise)),
    balanceDue: toMoneyString(Number(row.amount_due_paise) - Number(row.amount_received_paise)),
    paymentStatus: row.payment_status,
    sharePercent: toMoneyString(Number(row.share_bp)),
    invoiceIds: options.canSeeMoney ? documents.map((d) => d.id) : [],
    invoices: options.canSeeMoney
      ? documents.map((d) => ({ id: d.id, number: d.number, type: d.type, status: d.status }))
      : [],
    assignee: ref(row.assignee_id, row.assignee_name),
    priority: priorityOf(row.priority),
    // Written only by this module as a JSON array of strings.
    tags: JSON.parse(row.tags) as string[],
    dueDate: row.due_date,
    isOverdue: row.due_date !== null && row.due_date < options.today && isOpenStage(stage),
    documents: completenessFromRow(row),
    createdBy: ref(row.created_by, row.creator_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
