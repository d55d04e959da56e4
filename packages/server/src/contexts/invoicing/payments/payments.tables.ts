import type { Generated, Selectable } from 'kysely';

/** Money received from or paid to a party, allocated to its invoices (migration 202611231300-create-invoices). */
export interface PaymentsTable {
  id: Generated<number>;
  direction: 'received' | 'made';
  party_id: number;
  date: string;
  amount_paise: number;
  tds_paise: number;
  mode: 'cash' | 'bank_transfer' | 'upi' | 'cheque' | 'card' | 'other';
  reference: string | null;
  notes: string | null;
  /** Sum of this payment's allocations, kept in the same transaction as every allocation change. */
  allocated_paise: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentAllocationsTable {
  payment_id: number;
  invoice_id: number;
  amount_paise: number;
  created_at: string;
}

export interface PaymentsTables {
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
}

export type PaymentRow = Selectable<PaymentsTable>;
