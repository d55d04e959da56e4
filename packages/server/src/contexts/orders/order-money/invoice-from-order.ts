import type { CreateInvoiceInput, Invoice } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import { formatRateBp } from '@bizdash/domain/gst/units';
import { toMoneyString } from '@bizdash/domain/money';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { InvoicesService } from '../../invoicing/index';
import { recordOrderEvent } from '../orders/order-support';
import { findLiveSalesInvoice, findOrderToInvoice } from './invoice-from-order.repo';

export interface InvoiceFromOrderDeps {
  database: Database;
  clock: Clock;
  /** Business time: the draft is dated today in the business's zone. */
  calendar: Pick<BusinessCalendar, 'today'>;
  invoices: InvoicesService;
}

export type InvoiceFromOrder = ReturnType<typeof makeInvoiceFromOrder>;

/**
 * "Invoice this order": a draft tax invoice to the order's client, with the order type's SAC and GST rate, linked
 * to the order. It bills the fees of an open or completed order, or the base charges of a failed one, never both:
 * base charges are owed only when an order fails. A draft, so the user checks it before issue.
 */
export function makeInvoiceFromOrder({ database, clock, calendar, invoices }: InvoiceFromOrderDeps) {
  return async function invoiceOrder(ctx: RequestContext, orderId: number): Promise<Invoice> {
    const order = await findOrderToInvoice(database.db, orderId);
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    if (!order.sac_code) {
      throw new AppError('INVALID_STATE', `Give the order type "${order.type_name}" a SAC code before invoicing`, {
        field: 'sacCode',
      });
    }
    // One bill per order: a second "Invoice fees" would bill the client twice. A cancelled invoice does not count;
    // anything more goes on a debit note against the invoice.
    const existing = await findLiveSalesInvoice(database.db, orderId);
    if (existing) {
      throw new AppError(
        'CONFLICT',
        existing.number
          ? `Order ${order.number} is already invoiced by ${existing.number}; raise a debit note against it to bill more`
          : `Order ${order.number} already has a draft invoice; finish or delete that one`,
        { invoiceId: existing.id },
      );
    }
    const isFailed = order.stage_code === 'failed';
    const amount = Number(isFailed ? order.base_charges_paise : order.fees_paise);
    if (amount <= 0) {
      throw new AppError(
        'INVALID_STATE',
        isFailed
          ? `Order ${order.number} failed and has no base charges to invoice`
          : `Order ${order.number} has no fees to invoice`,
      );
    }
    const line = (description: string, paise: number) => ({
      description,
      hsnSac: order.sac_code ?? '',
      quantity: '1',
      unit: 'OTH',
      rate: toMoneyString(paise),
      gstRate: formatRateBp(Number(order.gst_rate_bp)),
      cessRate: '0',
      cessPerUnit: '0',
    });
    const input: CreateInvoiceInput = {
      type: 'sales',
      kind: 'tax_invoice',
      partyId: order.client_id,
      date: await calendar.today(),
      orderId: order.id,
      reverseCharge: false,
      roundToRupee: true,
      notes: `Order ${order.number}: ${order.title}`,
      lines: [line(`${order.type_name} ${isFailed ? 'base charges' : 'fees'} (order ${order.number})`, amount)],
    };
    return invoices.create(ctx, input, (tx, invoiceId) =>
      recordOrderEvent(tx, ctx, clock.now().toISOString(), {
        orderId: order.id,
        kind: 'invoice.drafted',
        payload: { invoiceId, summary: `Draft invoice of ₹${toMoneyString(amount)} before tax created` },
      }),
    );
  };
}
