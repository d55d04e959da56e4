import type {
  BusinessSnapshot,
  DocumentRef,
  Invoice,
  InvoiceLine,
  InvoiceSummary,
  PartySnapshot,
  PaymentStatus,
} from '@bizdash/contracts/invoices';
import { formatHalfRateBp, formatQuantity, formatRateBp } from '@bizdash/domain/gst/units';
import { stateTaxLabelOf } from '@bizdash/domain/gst/regime';
import { toMoneyString } from '@bizdash/domain/money';
import { findState } from '@bizdash/domain/states';
import { amountInWords } from '@bizdash/domain/words';
import { toBool } from '../../../platform/db/columns';
import type { InvoiceLineRow, InvoiceRow } from './invoices.tables';

const m = (paise: number | string) => toMoneyString(Number(paise));

export function stateRef(code: string) {
  return { code, name: findState(code)?.name ?? code };
}

function parseJson<T>(text: string | null): T | null {
  // Written only by this module from validated values, so the shape is known.
  return text === null ? null : (JSON.parse(text) as T);
}

/** True when an issued, payable document has a balance and its due date is before `today`. */
export function isOverdue(row: Pick<InvoiceRow, 'status' | 'type' | 'balance_due_paise' | 'due_date'>, today: string) {
  return (
    row.status === 'issued' &&
    row.type !== 'credit_note' &&
    Number(row.balance_due_paise) > 0 &&
    row.due_date !== null &&
    row.due_date < today
  );
}

function paymentStatusOf(row: InvoiceRow, today: string): PaymentStatus | null {
  if (row.payment_status === null) return null;
  return isOverdue(row, today) ? 'overdue' : row.payment_status;
}

export function toLine(row: InvoiceLineRow, regime: InvoiceRow['regime']): InvoiceLine {
  const isIntra = regime === 'CGST_SGST' || regime === 'CGST_UTGST';
  const rateBp = Number(row.gst_rate_bp);
  return {
    id: row.id,
    position: row.position,
    itemId: row.item_id,
    originalLineId: row.original_line_id,
    description: row.description,
    hsnSac: row.hsn_sac,
    isService: row.hsn_sac.startsWith('99'),
    quantity: formatQuantity(Number(row.quantity_milli)),
    unit: row.unit,
    rate: m(row.rate_paise),
    discount:
      row.discount_type === null || row.discount_value === null
        ? null
        : {
            type: row.discount_type,
            value: row.discount_type === 'percent' ? formatRateBp(Number(row.discount_value)) : m(row.discount_value),
          },
    gstRate: formatRateBp(rateBp),
    taxability: row.taxability,
    cgstRate: isIntra ? formatHalfRateBp(rateBp) : null,
    sgstRate: isIntra ? formatHalfRateBp(rateBp) : null,
    igstRate: isIntra ? null : formatRateBp(rateBp),
    cessRate: formatRateBp(Number(row.cess_rate_bp)),
    cessPerUnit: m(row.cess_per_unit_paise),
    gross: m(row.gross_paise),
    discountAmount: m(row.discount_paise),
    taxableValue: m(row.taxable_paise),
    cgst: m(row.cgst_paise),
    sgst: m(row.sgst_paise),
    igst: m(row.igst_paise),
    cessAdValorem: m(row.cess_ad_valorem_paise),
    cessNonAdValorem: m(row.cess_non_ad_valorem_paise),
    cess: m(row.cess_paise),
    total: m(row.total_paise),
  };
}

export function toTotals(row: InvoiceRow): Invoice['totals'] {
  const before = Number(row.grand_total_paise) - Number(row.round_off_paise);
  return {
    gross: m(row.gross_paise),
    discount: m(row.discount_paise),
    taxableValue: m(row.taxable_paise),
    cgst: m(row.cgst_paise),
    sgst: m(row.sgst_paise),
    igst: m(row.igst_paise),
    cessAdValorem: m(row.cess_ad_valorem_paise),
    cessNonAdValorem: m(row.cess_non_ad_valorem_paise),
    cess: m(row.cess_paise),
    otherCharges: m(row.other_charges_paise),
    totalTax: m(row.total_tax_paise),
    totalBeforeRoundOff: m(before),
    roundOff: m(row.round_off_paise),
    grandTotal: m(row.grand_total_paise),
  };
}

export function toTaxDecision(row: InvoiceRow): Invoice['tax'] {
  return {
    // Written only from the SupplyKind enum.
    supplyKind: row.supply_kind as Invoice['tax']['supplyKind'],
    regime: row.regime,
    stateTaxLabel: stateTaxLabelOf(row.regime),
    isInterState: toBool(row.is_inter_state),
    isZeroRated: toBool(row.is_zero_rated),
    isIgstOnIntra: toBool(row.is_igst_on_intra),
    regimeOverrideReason: row.regime_override_reason,
    reverseCharge: toBool(row.reverse_charge),
    placeOfSupply: stateRef(row.place_of_supply),
    supplierState: stateRef(row.supplier_state_code),
  };
}

export function toDocumentRef(
  row: Pick<InvoiceRow, 'id' | 'type' | 'number' | 'date' | 'status' | 'grand_total_paise'>,
): DocumentRef {
  return {
    id: row.id,
    type: row.type,
    number: row.number,
    date: row.date,
    status: row.status,
    grandTotal: m(row.grand_total_paise),
  };
}

export function toInvoice(
  row: InvoiceRow,
  lines: InvoiceLineRow[],
  original: DocumentRef | null,
  relatedNotes: DocumentRef[],
  today: string,
): Invoice {
  const grand = Number(row.grand_total_paise);
  return {
    id: row.id,
    type: row.type,
    kind: row.kind,
    direction: row.direction,
    status: row.status,
    number: row.number,
    financialYear: row.financial_year,
    date: row.date,
    dueDate: row.due_date,
    party: parseJson<PartySnapshot>(row.party_snapshot) as PartySnapshot, // column is NOT NULL
    business: parseJson<BusinessSnapshot>(row.business_snapshot) as BusinessSnapshot, // column is NOT NULL
    tax: toTaxDecision(row),
    roundToRupee: toBool(row.round_to_rupee),
    lines: lines.map((l) => toLine(l, row.regime)),
    totals: toTotals(row),
    amountInWords: amountInWords(grand),
    original,
    noteReason: row.note_reason,
    relatedNotes,
    supplierNumber: row.supplier_number,
    supplierDate: row.supplier_date,
    itc: row.itc_eligibility === null ? null : { eligibility: row.itc_eligibility, reason: row.itc_reason },
    exportDetails: parseJson<Invoice['exportDetails']>(row.export_details),
    orderId: row.order_id,
    notes: row.notes,
    terms: row.terms,
    amountPaid: m(row.amount_paid_paise),
    amountCredited: m(row.amount_credited_paise),
    balanceDue: m(row.balance_due_paise),
    paymentStatus: paymentStatusOf(row, today),
    isOverdue: isOverdue(row, today),
    einvoice: {
      irn: row.irn,
      ackNo: row.ack_no,
      ackDate: row.ack_date,
      signedQrCode: row.signed_qr_code,
      status: row.einvoice_status,
    },
    ewayBill: {
      number: row.ewb_number,
      date: row.ewb_date,
      validUntil: row.ewb_valid_until,
      partB: parseJson<Invoice['ewayBill']['partB']>(row.ewb_part_b),
    },
    issuedAt: row.issued_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSummary(row: InvoiceRow, today: string): InvoiceSummary {
  return {
    id: row.id,
    type: row.type,
    kind: row.kind,
    direction: row.direction,
    status: row.status,
    number: row.number,
    financialYear: row.financial_year,
    date: row.date,
    dueDate: row.due_date,
    party: { id: row.party_id, name: row.party_name, gstin: row.party_gstin },
    placeOfSupply: row.place_of_supply,
    regime: row.regime,
    taxableValue: m(row.taxable_paise),
    totalTax: m(row.total_tax_paise),
    grandTotal: m(row.grand_total_paise),
    amountPaid: m(row.amount_paid_paise),
    amountCredited: m(row.amount_credited_paise),
    balanceDue: m(row.balance_due_paise),
    paymentStatus: paymentStatusOf(row, today),
    isOverdue: isOverdue(row, today),
    originalInvoiceId: row.original_invoice_id,
    supplierNumber: row.supplier_number,
    orderId: row.order_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
