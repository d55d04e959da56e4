import { Badge } from '@mantine/core';
import type { InvoiceStatus, InvoiceType, PaymentStatus, SalesKind } from '@bizdash/contracts/invoices';
import type { PaymentMode } from '@bizdash/contracts/payments';

export const TYPE_LABELS: Record<InvoiceType, string> = {
  sales: 'Sales invoice',
  purchase: 'Purchase bill',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
};

export const KIND_LABELS: Record<SalesKind, string> = {
  tax_invoice: 'Tax invoice',
  bill_of_supply: 'Bill of supply',
  export_invoice: 'Export invoice',
};

export const MODE_LABELS: Record<PaymentMode, string> = {
  cash: 'Cash',
  bank_transfer: 'Bank transfer',
  upi: 'UPI',
  cheque: 'Cheque',
  card: 'Card',
  other: 'Other',
};

const STATUS_COLORS: Record<InvoiceStatus, string> = { draft: 'gray', issued: 'blue', cancelled: 'red' };
const STATUS_LABELS: Record<InvoiceStatus, string> = { draft: 'Draft', issued: 'Issued', cancelled: 'Cancelled' };

export function StatusBadge({ status }: { status: InvoiceStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'draft' ? 'outline' : 'light'} size="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

const PAYMENT_COLORS: Record<PaymentStatus, string> = {
  unpaid: 'yellow',
  partial: 'orange',
  paid: 'teal',
  overdue: 'red',
};
const PAYMENT_LABELS: Record<PaymentStatus, string> = {
  unpaid: 'Unpaid',
  partial: 'Part paid',
  paid: 'Paid',
  overdue: 'Overdue',
};

export function PaymentBadge({ status }: { status: PaymentStatus | null }) {
  if (!status) return null;
  return (
    <Badge
      color={PAYMENT_COLORS[status]}
      variant={status === 'overdue' ? 'filled' : 'light'}
      size="sm"
      data-testid="payment-status"
    >
      {PAYMENT_LABELS[status]}
    </Badge>
  );
}

export function TypeBadge({ type }: { type: InvoiceType }) {
  const color = type === 'sales' ? 'indigo' : type === 'purchase' ? 'grape' : type === 'credit_note' ? 'pink' : 'cyan';
  return (
    <Badge color={color} variant="dot" size="sm">
      {TYPE_LABELS[type]}
    </Badge>
  );
}
