import { makeMoneyAttachments } from './attachments.service';
import { makeExpensesService } from './expenses.service';
import type { OrderMoneyServiceDeps } from './money-support';
import { makeReceiptsService } from './receipts.service';
import { makeSettlementService } from './settlement.service';

export type OrderMoneyService = ReturnType<typeof makeOrderMoneyService>;

/**
 * Order money (issue 5): receipts and expenses of an order with their attachments, the derived amount due and
 * payment status, and the partner's settlement. `recomputeOrderMoney` (recompute.ts) keeps every derived figure in
 * step and is called by the orders module too (fees, charges, partner, share, stage).
 */
export function makeOrderMoneyService(deps: OrderMoneyServiceDeps) {
  const attachments = makeMoneyAttachments(deps);
  return {
    receipts: makeReceiptsService(deps, attachments),
    expenses: makeExpensesService(deps, attachments),
    attachments,
    settlements: makeSettlementService(deps),
  };
}
