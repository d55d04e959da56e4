import { InvoiceStatus, InvoiceType, PaymentStatus } from '@bizdash/contracts/invoices';
import { PaymentDirection } from '@bizdash/contracts/payments';
import {
  defineList,
  flag,
  isoDate,
  oneOf,
  positiveInt,
  setting,
  text,
  useListUrlState,
} from '../../components/list-page/use-list-url-state';

export const INVOICE_SORTS = ['date', 'number', 'total', 'balance', 'dueDate'] as const;

/** The invoices list's URL: the type tab, filters, sort and page. */
export const INVOICE_LIST = defineList({
  params: {
    // The type is a tab (Sales, Purchases, notes), not a filter: "Clear filters" keeps it.
    type: setting(oneOf(InvoiceType.options)),
    status: oneOf(InvoiceStatus.options),
    paymentStatus: oneOf(PaymentStatus.options),
    partyId: positiveInt(),
    from: isoDate(),
    to: isoDate(),
    overdue: flag(),
    q: text(),
  },
  // Newest and largest first; the nearest due date first.
  sort: { keys: INVOICE_SORTS, default: 'date', order: 'desc', firstOrder: { dueDate: 'asc' } },
  pageSizes: [20, 50, 100],
});

export const useInvoiceListState = () => useListUrlState(INVOICE_LIST);

/** The payments list's URL: the direction tab, filters, sort and page. */
export const PAYMENT_LIST = defineList({
  params: {
    direction: setting(oneOf(PaymentDirection.options)),
    partyId: positiveInt(),
    unallocated: flag(),
    q: text(),
  },
  sort: { keys: ['date', 'amount'], default: 'date', order: 'desc' },
  pageSizes: [20, 50, 100],
});

export const usePaymentListState = () => useListUrlState(PAYMENT_LIST);

/** First and last day of a month "2026-11". */
export function monthRange(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}
