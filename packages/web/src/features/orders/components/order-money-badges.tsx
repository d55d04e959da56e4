import { Badge, type BadgeProps } from '@mantine/core';
import type { ExpenseCategory, PaymentStatus } from '@bizdash/contracts/order-money';

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  unpaid: 'Unpaid',
  partial: 'Partly paid',
  paid: 'Paid',
  overpaid: 'Overpaid',
};

const PAYMENT_STATUS_COLORS: Record<PaymentStatus, string> = {
  unpaid: 'gray',
  partial: 'yellow',
  paid: 'teal',
  overpaid: 'grape',
};

export const EXPENSE_CATEGORY_LABELS: Record<ExpenseCategory, string> = {
  stamp_duty: 'Stamp duty',
  courier: 'Courier',
  notary: 'Notary',
  government_fee: 'Government fee',
  travel: 'Travel',
  other: 'Other',
};

/** Unpaid, partly paid, paid or overpaid: derived by the server from receipts against the amount due. */
export function PaymentStatusBadge({ status, ...props }: { status: PaymentStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={PAYMENT_STATUS_COLORS[status]} data-testid="payment-status" {...props}>
      {PAYMENT_STATUS_LABELS[status]}
    </Badge>
  );
}

const SETTLEMENT_STATUS_COLORS = { projected: 'gray', draft: 'orange', approved: 'teal' } as const;
const SETTLEMENT_STATUS_LABELS = { projected: 'Projected', draft: 'Awaiting approval', approved: 'Approved' } as const;

/** Projected while the order is open, a draft once closed (or with a pending adjustment), approved when frozen. */
export function SettlementStatusBadge({
  status,
  ...props
}: { status: keyof typeof SETTLEMENT_STATUS_LABELS } & BadgeProps) {
  return (
    <Badge variant="light" color={SETTLEMENT_STATUS_COLORS[status]} data-testid="settlement-status" {...props}>
      {SETTLEMENT_STATUS_LABELS[status]}
    </Badge>
  );
}
