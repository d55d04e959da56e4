import { toMoneyString } from '@bizdash/domain/money';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import type { PaymentsService } from '../payments/payments.service';
import { advancePayment, invoiceBalance } from './sales-document-conversions.repo';
import { openAdvancesForInvoice } from './sales-documents.repo';

/**
 * Applies the advances received against the proforma(s) an invoice was converted from: what is left of each
 * payment goes to the invoice, up to its balance, oldest payment first. Called by invoice issue in its transaction
 * (a draft has no balance to settle), the way an order's receipts are applied to the order's invoice.
 */
export async function applyProformaAdvances(
  tx: Transaction<DB>,
  ctx: RequestContext,
  payments: Pick<PaymentsService, 'allocateIn'>,
  invoiceId: number,
): Promise<void> {
  const open = await openAdvancesForInvoice(tx, invoiceId);
  for (const { id: paymentId } of open) {
    const [payment, invoice] = [await advancePayment(tx, paymentId), await invoiceBalance(tx, invoiceId)];
    // An advance of another party (the proforma's party changed on the invoice) stays with its party.
    if (payment.party_id !== invoice.party_id) continue;
    const left = Number(payment.amount_paise) + Number(payment.tds_paise) - Number(payment.allocated_paise);
    const amount = Math.min(left, Number(invoice.balance_due_paise));
    if (amount <= 0) break;
    await payments.allocateIn(tx, ctx, paymentId, [{ invoiceId, amount: toMoneyString(amount) }]);
  }
}
