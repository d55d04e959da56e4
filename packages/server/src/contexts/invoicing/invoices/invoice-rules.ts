import { AppError } from '@bizdash/domain/errors';
import type { InvoiceRow } from './invoices.tables';

/** dd-mm-yyyy, as documents and messages show dates. */
export const displayDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** Which number series a receivable document is numbered from; payable documents carry the supplier's number. */
export function seriesOf(row: Pick<InvoiceRow, 'type' | 'kind' | 'direction'>): string | null {
  if (row.direction === 'payable') return null;
  switch (row.type) {
    case 'sales':
      return row.kind === 'bill_of_supply' ? 'bill_of_supply' : 'invoice';
    case 'credit_note':
      return 'credit_note';
    case 'debit_note':
      return 'debit_note';
    case 'purchase':
      return null;
    default: {
      const never: never = row.type;
      throw new Error(`unknown document type ${String(never)}`);
    }
  }
}

/** What the audit trail shows of a document: its identity, amounts and state (lines are summarised by count). */
export function auditView(row: Partial<InvoiceRow>, lineCount?: number): Record<string, unknown> {
  return {
    type: row.type,
    kind: row.kind,
    status: row.status,
    number: row.number,
    date: row.date,
    dueDate: row.due_date,
    partyId: row.party_id,
    placeOfSupply: row.place_of_supply,
    regime: row.regime,
    regimeOverrideReason: row.regime_override_reason,
    taxable: row.taxable_paise,
    totalTax: row.total_tax_paise,
    grandTotal: row.grand_total_paise,
    originalInvoiceId: row.original_invoice_id,
    ...(lineCount !== undefined ? { lines: lineCount } : {}),
  };
}

/** The audit changes between two views: only the keys whose values differ. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after)) {
    const b = before[key] ?? null;
    const a = after[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

/** Refuses (INVALID_STATE) to `what` a document that is no longer a draft. */
export function assertDraft(row: InvoiceRow, what: string) {
  if (row.status !== 'draft') {
    throw new AppError(
      'INVALID_STATE',
      `Document ${row.number ?? row.id} is ${row.status}; ${what} only a draft. Correct an issued document with a credit or debit note.`,
      { status: row.status },
    );
  }
}
