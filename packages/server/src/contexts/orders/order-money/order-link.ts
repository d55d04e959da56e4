import type { OrderLink, PaymentsService } from '../../invoicing/index';
import { applyOrderAdvances } from './order-billing';
import { recomputeOrderOfDocument } from './recompute';

/**
 * The orders context's side of invoicing's OrderLink: an order follows its invoices' figures, and receipts recorded
 * before an invoice become its advances when it is issued. `payments()` is asked lazily: the payments service
 * itself needs `documentChanged`, so it is made after this.
 */
export function makeOrderLink(payments: () => PaymentsService): OrderLink {
  return {
    documentChanged: recomputeOrderOfDocument,
    applyAdvances: (tx, ctx, orderId) => applyOrderAdvances(tx, ctx, payments(), orderId),
  };
}
