import { toMoneyString } from '@bizdash/domain/money';
import type { Executor } from '../../../platform/db/database';
import {
  findInvoiceSource,
  findOrderSource,
  findPaymentSource,
  findPayoutSource,
  findReceiptSource,
  findSettlementSource,
} from './ledger-rows.repo';

/**
 * The ledger projection shared by the Google Sheets and XLSX targets: one row per business record, on the sheet of
 * its kind. Drivers re-read the record at write time (events carry only ids), so a row always shows the record's
 * latest state and an edit or a cancellation rewrites the same row.
 */
export const LEDGER_SHEETS = ['Sales', 'Purchases', 'Payments', 'Orders', 'Settlements'] as const;
export type LedgerSheet = (typeof LEDGER_SHEETS)[number];

/** Cells as written: text, or money/amounts as decimal strings (Sheets parses them as numbers with USER_ENTERED). */
export type LedgerCell = string;

export interface LedgerRow {
  sheet: LedgerSheet;
  /** Stable identity of the record within its sheet: the first column, so a human can find it. */
  key: string;
  values: LedgerCell[];
  cancelled: boolean;
}

/** Header row of each sheet; `values` follow the same order. The first column is always the record key. */
export const LEDGER_HEADERS: Record<LedgerSheet, readonly string[]> = {
  Sales: ['Key', 'Number', 'Type', 'Date', 'Party', 'GSTIN', 'Taxable', 'Tax', 'Total', 'Balance due', 'Status'],
  Purchases: ['Key', 'Number', 'Type', 'Date', 'Party', 'GSTIN', 'Taxable', 'Tax', 'Total', 'Balance due', 'Status'],
  Payments: ['Key', 'Direction', 'Date', 'Party', 'Amount', 'TDS', 'Mode', 'Reference', 'Allocated'],
  Orders: ['Key', 'Number', 'Title', 'Client', 'Stage', 'Fees', 'Amount due', 'Received', 'Due date'],
  Settlements: [
    'Key',
    'Order',
    'Partner',
    'Kind',
    'Status',
    'Revenue',
    'Expenses',
    'Net',
    'Partner share',
    'Approved on',
  ],
};

/** Columns whose values are business days (yyyy-mm-dd, or empty): the XLSX target writes them as date cells. */
export const LEDGER_DATE_HEADERS: ReadonlySet<string> = new Set(['Date', 'Due date', 'Approved on']);

const money = (paise: number | string | null | undefined) => toMoneyString(Number(paise ?? 0));

/** The sheet an entity name belongs to, or null for entities the ledger does not carry (parties, documents). */
export function ledgerEntityOf(
  entity: string,
): 'invoice' | 'payment' | 'receipt' | 'payout' | 'order' | 'settlement' | null {
  switch (entity) {
    case 'invoice':
    case 'payment':
    case 'receipt':
    case 'payout':
    case 'order':
    case 'settlement':
      return entity;
    case 'settlement_entry':
      return 'settlement';
    default:
      return null;
  }
}

/**
 * The ledger row of one record, read now; null when the entity is not part of the ledger or the record is gone
 * (or is still a draft invoice: drafts never reach the ledger).
 */
export async function ledgerRowOf(
  executor: Executor,
  entity: string,
  entityId: string | number,
): Promise<LedgerRow | null> {
  const id = Number(entityId);
  if (!Number.isSafeInteger(id)) return null;
  switch (ledgerEntityOf(entity)) {
    case 'invoice':
      return invoiceRow(executor, id);
    case 'payment':
      return paymentRow(executor, id);
    case 'receipt':
      return receiptRow(executor, id);
    case 'payout':
      return payoutRow(executor, id);
    case 'order':
      return orderRow(executor, id);
    case 'settlement':
      return settlementRow(executor, id);
    case null:
      return null;
  }
}

async function invoiceRow(executor: Executor, id: number): Promise<LedgerRow | null> {
  const row = await findInvoiceSource(executor, id);
  if (!row || row.status === 'draft') return null;
  const sheet: LedgerSheet = row.direction === 'payable' ? 'Purchases' : 'Sales';
  const cancelled = row.status === 'cancelled';
  return {
    sheet,
    key: `INV-${row.id}`,
    cancelled,
    values: [
      `INV-${row.id}`,
      row.number ?? row.supplier_number ?? '',
      row.type,
      row.date,
      row.party_name,
      row.party_gstin ?? '',
      money(row.taxable_paise),
      money(row.total_tax_paise),
      money(row.grand_total_paise),
      money(cancelled ? 0 : row.balance_due_paise),
      cancelled ? 'CANCELLED' : row.status,
    ],
  };
}

async function paymentRow(executor: Executor, id: number): Promise<LedgerRow | null> {
  const row = await findPaymentSource(executor, id);
  if (!row) return null;
  return {
    sheet: 'Payments',
    key: `PAY-${row.id}`,
    cancelled: false,
    values: [
      `PAY-${row.id}`,
      row.direction,
      row.date,
      row.party_name,
      money(row.amount_paise),
      money(row.tds_paise),
      row.mode,
      row.reference ?? '',
      money(row.allocated_paise),
    ],
  };
}

/** Money received against an order (order receipts) also lands on Payments, keyed apart from invoice payments. */
async function receiptRow(executor: Executor, id: number): Promise<LedgerRow | null> {
  const row = await findReceiptSource(executor, id);
  if (!row) return null;
  return {
    sheet: 'Payments',
    key: `RCP-${row.id}`,
    cancelled: false,
    values: [
      `RCP-${row.id}`,
      'received',
      row.date,
      row.party_name,
      money(row.amount_paise),
      money(0),
      row.mode,
      row.reference ?? `Order ${row.order_number}`,
      money(row.amount_paise),
    ],
  };
}

/** Payouts to partners land on Payments as money made. */
async function payoutRow(executor: Executor, id: number): Promise<LedgerRow | null> {
  const row = await findPayoutSource(executor, id);
  if (!row) return null;
  return {
    sheet: 'Payments',
    key: `PYT-${row.id}`,
    cancelled: false,
    values: [
      `PYT-${row.id}`,
      'made',
      row.date,
      row.party_name,
      money(row.amount_paise),
      money(0),
      row.mode,
      row.reference ?? 'Partner payout',
      money(row.amount_paise),
    ],
  };
}

async function orderRow(executor: Executor, id: number): Promise<LedgerRow | null> {
  const row = await findOrderSource(executor, id);
  if (!row) return null;
  const cancelled = row.stage_code === 'cancelled';
  return {
    sheet: 'Orders',
    key: `ORD-${row.id}`,
    cancelled,
    values: [
      `ORD-${row.id}`,
      row.number,
      row.title,
      row.client_name,
      cancelled ? 'CANCELLED' : row.stage_code,
      money(row.fees_paise),
      money(row.amount_due_paise),
      money(row.amount_received_paise),
      row.due_date ?? '',
    ],
  };
}

async function settlementRow(executor: Executor, id: number): Promise<LedgerRow | null> {
  const row = await findSettlementSource(executor, id);
  if (!row) return null;
  return {
    sheet: 'Settlements',
    key: `SET-${row.id}`,
    cancelled: false,
    values: [
      `SET-${row.id}`,
      row.order_number,
      row.partner_name ?? '',
      row.kind,
      row.status,
      money(row.revenue_paise),
      money(row.expenses_paise),
      money(row.net_paise),
      money(row.partner_share_paise),
      row.approved_on ?? '',
    ],
  };
}
