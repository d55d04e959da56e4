import type { Payout, SettlementEntry } from '@bizdash/contracts/order-money';
import { toMoneyString } from '@bizdash/domain/money';
import type { SettlementEntriesTable } from './partners.tables';

/** Shared read helpers of the partners module: money strings, share percentages and ledger rows as JSON. */

export const m = (paise: number | string | null | undefined) => toMoneyString(Number(paise ?? 0));

/** Basis points as the percentage string the API uses: 4000 -> "40.00". */
export function percentOf(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/** PostgreSQL may hand a date column back as a Date or a timestamp string; the API wants yyyy-mm-dd. */
export function isoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

type EntryColumns = Omit<SettlementEntriesTable, 'id' | 'allocated_paise'> & { id: number; allocated_paise: number };

export interface EntryRow extends EntryColumns {
  order_number: string;
  partner_name: string | null;
  approver_name: string | null;
}

export function toSettlementEntry(row: EntryRow): SettlementEntry {
  return {
    id: row.id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    partner: row.partner_id === null ? null : { id: row.partner_id, name: row.partner_name ?? '' },
    kind: row.kind,
    status: row.status,
    basis: row.basis,
    outcome: row.outcome,
    revenue: m(row.revenue_paise),
    expenses: m(row.expenses_paise),
    net: m(row.net_paise),
    sharePercent: percentOf(row.share_bp),
    partnerShare: m(row.partner_share_paise),
    businessShare: m(row.business_share_paise),
    paidOut: m(row.allocated_paise),
    computedAt: row.computed_at,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by === null ? null : { id: row.approved_by, name: row.approver_name ?? '' },
  };
}

export type { Payout };
