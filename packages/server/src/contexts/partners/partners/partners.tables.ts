import type { Generated } from 'kysely';
import type { PaymentMode as ReceiptMode } from '@bizdash/contracts/payments';
import type { SettlementBasis } from '@bizdash/domain/settlements/settlement';

// Tables of the partner-share ledger and the payouts against it (migration 202611231400-create-order-money).
// order-money's recompute writes settlement entries as orders close; partners reads them and allocates payouts.

/**
 * The partner-share ledger: one 'settlement' per order once it closes, then 'adjustment' entries holding the
 * differences when inputs change after approval. Draft until approved; approved rows are frozen (only
 * allocated_paise moves, with payouts).
 */
export interface SettlementEntriesTable {
  id: Generated<number>;
  order_id: number;
  partner_id: number | null;
  kind: 'settlement' | 'adjustment';
  status: 'draft' | 'approved';
  basis: SettlementBasis;
  outcome: 'completed' | 'failed';
  revenue_paise: number;
  expenses_paise: number;
  net_paise: number;
  share_bp: number;
  partner_share_paise: number;
  business_share_paise: number;
  allocated_paise: Generated<number>;
  computed_at: string;
  approved_at: string | null;
  approved_on: string | null;
  approved_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PayoutsTable {
  id: Generated<number>;
  partner_id: number;
  date: string;
  amount_paise: number;
  mode: ReceiptMode;
  reference: string | null;
  note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PayoutAllocationsTable {
  payout_id: number;
  entry_id: number;
  amount_paise: number;
  created_at: string;
}

export interface PartnersTables {
  settlement_entries: SettlementEntriesTable;
  payouts: PayoutsTable;
  payout_allocations: PayoutAllocationsTable;
}
