import type { Generated } from 'kysely';

export type ReceiptMode = 'cash' | 'upi' | 'bank_transfer' | 'cheque' | 'card' | 'other';
export type ExpenseCategory = 'stamp_duty' | 'courier' | 'notary' | 'government_fee' | 'travel' | 'other';
export type SettlementBasis = 'contracted' | 'collected';

interface Attachment {
  file_key: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
}

/** Money from the client for an order. */
export interface OrderReceiptsTable extends Attachment {
  id: Generated<number>;
  order_id: number;
  date: string;
  amount_paise: number;
  mode: ReceiptMode;
  reference: string | null;
  cheque_number: string | null;
  cheque_date: string | null;
  note: string | null;
  /** The payment this receipt became when applied to the order's invoice (issue 6); null while unapplied. */
  payment_id: Generated<number | null>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Money the business spent on an order; reduces the settlement's net. */
export interface OrderExpensesTable extends Attachment {
  id: Generated<number>;
  order_id: number;
  date: string;
  amount_paise: number;
  category: ExpenseCategory;
  paid_to: string | null;
  note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface OrderMoneyTables {
  order_receipts: OrderReceiptsTable;
  order_expenses: OrderExpensesTable;
}
