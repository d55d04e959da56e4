import type { CreateInvoiceInput, InvoicePreview, PartySnapshot, SupplyKind } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import type { InvoiceComputation } from '@bizdash/domain/gst/compute-invoice';
import { prepareDocument } from '@bizdash/domain/gst/prepare-document';
import type { RegimeDecision } from '@bizdash/domain/gst/regime';
import { amountInWords } from '@bizdash/domain/words';
import { toBool } from '../../../platform/db/columns';
import { loadInvoiceContext, type LoadContextOptions } from './invoice-context.repo';
import { toLine, toTaxDecision, toTotals } from './invoice-mapping';
import type { InvoiceLineRow, InvoiceRow, InvoicesTable, InvoiceLinesTable } from './invoices.tables';
import type { Insertable } from 'kysely';

/** Kept here for the callers that import it beside prepareInvoice. */
export { creditNoteDeadline } from '@bizdash/domain/gst/prepare-document';

/** Everything a save writes, computed from an input and the current master data. */
export interface PreparedInvoice {
  row: Omit<
    Insertable<InvoicesTable>,
    | 'status'
    | 'number'
    | 'series'
    | 'sequence'
    | 'amount_paid_paise'
    | 'amount_credited_paise'
    | 'balance_due_paise'
    | 'payment_status'
    | 'created_at'
    | 'updated_at'
    | 'created_by'
  >;
  lines: Omit<Insertable<InvoiceLinesTable>, 'invoice_id'>[];
  decision: RegimeDecision;
  computation: InvoiceComputation;
  original: InvoiceRow | null;
}

export type PrepareOptions = LoadContextOptions;

/**
 * Validates a document input against the master data and computes it with the domain GST engine
 * (prepareDocument). Throws the first problem: VALIDATION_FAILED naming the field, REASON_REQUIRED, INVALID_STATE,
 * LIMIT_EXCEEDED or SETUP_REQUIRED. Reads only.
 */
export async function prepareInvoice(input: CreateInvoiceInput, options: PrepareOptions): Promise<PreparedInvoice> {
  const { context, originalRow } = await loadInvoiceContext(input, options);
  const { problems, document: d } = prepareDocument(input, context);
  const problem = problems[0];
  if (problem) throw new AppError(problem.code, problem.message, problem.details);
  if (!d) throw new Error('prepareDocument returned neither a document nor a problem');
  const t = d.computation.totals;
  const row: PreparedInvoice['row'] = {
    type: d.type,
    kind: d.kind,
    direction: d.direction,
    financial_year: d.financialYear,
    date: d.date,
    due_date: d.dueDate,
    party_id: d.party.id,
    party_name: d.party.name,
    party_gstin: d.party.gstin,
    party_state_code: d.party.stateCode,
    party_snapshot: JSON.stringify(d.partySnapshot),
    business_registration_id: d.businessRegistrationId,
    business_gstin: d.businessGstin,
    business_state_code: d.businessStateCode,
    business_snapshot: JSON.stringify(d.businessSnapshot),
    place_of_supply: d.placeOfSupply,
    supplier_state_code: d.supplierState,
    supply_kind: d.supplyKind,
    regime: d.decision.regime,
    is_inter_state: d.decision.isInterState,
    is_zero_rated: d.decision.isZeroRated,
    is_igst_on_intra: d.decision.isIgstOnIntra,
    regime_override_reason: d.decision.overrideReason,
    reverse_charge: d.reverseCharge,
    round_to_rupee: d.roundToRupee,
    original_invoice_id: d.originalInvoiceId,
    note_reason: d.noteReason,
    supplier_number: d.supplierNumber,
    supplier_date: d.supplierDate,
    itc_eligibility: d.itcEligibility,
    itc_reason: d.itcReason,
    export_details: d.exportDetails ? JSON.stringify(d.exportDetails) : null,
    order_id: d.orderId,
    notes: d.notes,
    terms: d.terms,
    gross_paise: t.gross,
    discount_paise: t.discount,
    taxable_paise: t.taxableValue,
    cgst_paise: t.cgst,
    sgst_paise: t.sgst,
    igst_paise: t.igst,
    cess_ad_valorem_paise: t.cessAdValorem,
    cess_non_ad_valorem_paise: t.cessNonAdValorem,
    cess_paise: t.cess,
    other_charges_paise: t.otherCharges,
    total_tax_paise: t.totalTax,
    round_off_paise: t.roundOff,
    grand_total_paise: t.grandTotal,
  };
  const lines = d.lines.map((l) => ({
    position: l.position,
    item_id: l.itemId,
    original_line_id: l.originalLineId,
    description: l.description,
    hsn_sac: l.hsnSac,
    quantity_milli: l.quantityMilli,
    unit: l.unit,
    rate_paise: l.ratePaise,
    discount_type: l.discountType,
    discount_value: l.discountValue,
    gst_rate_bp: l.gstRateBp,
    cess_rate_bp: l.cessRateBp,
    cess_per_unit_paise: l.cessPerUnitPaise,
    taxability: l.taxability,
    gross_paise: l.amounts.gross,
    discount_paise: l.amounts.discount,
    taxable_paise: l.amounts.taxableValue,
    cgst_paise: l.amounts.cgst,
    sgst_paise: l.amounts.sgst,
    igst_paise: l.amounts.igst,
    cess_ad_valorem_paise: l.amounts.cessAdValorem,
    cess_non_ad_valorem_paise: l.amounts.cessNonAdValorem,
    cess_paise: l.amounts.cess,
    total_paise: l.amounts.lineTotal,
  }));
  return { row, lines, decision: d.decision, computation: d.computation, original: originalRow };
}

/** The preview answer: what a save of this input would store. */
export function toPreview(prepared: PreparedInvoice): InvoicePreview {
  // Shape a row-like view so the preview goes through the same mapping as saved documents.
  const fake = {
    ...prepared.row,
    id: 0,
    status: 'draft',
    number: null,
    series: null,
    sequence: null,
    amount_paid_paise: 0,
    amount_credited_paise: 0,
    balance_due_paise: 0,
    payment_status: null,
  } as unknown as InvoiceRow; // only the tax and total columns are read below
  const lines = prepared.lines.map((l) => {
    const { id: _id, ...rest } = toLine({ ...l, id: 0, invoice_id: 0 } as InvoiceLineRow, prepared.row.regime);
    return rest;
  });
  return {
    tax: toTaxDecision(fake),
    lines,
    totals: toTotals(fake),
    amountInWords: amountInWords(prepared.computation.totals.grandTotal),
  };
}

/** Rebuilds the create input of a stored draft, with its decided place of supply and supply kind made explicit. */
export function inputOfDraft(row: InvoiceRow, lines: InvoiceLineRow[]): CreateInvoiceInput {
  const partySnapshot = JSON.parse(row.party_snapshot) as PartySnapshot;
  const exportDetails = row.export_details
    ? (JSON.parse(row.export_details) as NonNullable<CreateInvoiceInput['exportDetails']>)
    : null;
  const ship = partySnapshot.shippingAddress;
  return {
    type: row.type,
    kind: row.kind,
    partyId: row.party_id,
    date: row.date,
    dueDate: row.due_date,
    businessRegistrationId: row.business_registration_id,
    placeOfSupply: row.place_of_supply,
    // Written only from the SupplyKind enum.
    supplyKind: row.supply_kind as SupplyKind,
    reverseCharge: toBool(row.reverse_charge),
    regimeOverride: row.regime_override_reason ? { regime: row.regime, reason: row.regime_override_reason } : null,
    roundToRupee: toBool(row.round_to_rupee),
    shippingAddress: ship
      ? { line1: ship.line1, line2: ship.line2, city: ship.city, stateCode: ship.stateCode, pin: ship.pin }
      : null,
    originalInvoiceId: row.original_invoice_id,
    noteReason: row.note_reason,
    supplierNumber: row.supplier_number,
    supplierDate: row.supplier_date,
    itc: row.itc_eligibility ? { eligibility: row.itc_eligibility, reason: row.itc_reason } : null,
    exportDetails,
    orderId: row.order_id,
    notes: row.notes,
    terms: row.terms,
    lines: lines.map((l) => {
      const view = toLine(l, row.regime);
      return {
        itemId: l.item_id,
        originalLineId: l.original_line_id,
        description: l.description,
        hsnSac: l.hsn_sac,
        quantity: view.quantity,
        unit: l.unit,
        rate: view.rate,
        discount: view.discount
          ? view.discount.type === 'percent'
            ? { type: 'percent' as const, value: view.discount.value }
            : { type: 'amount' as const, value: view.discount.value }
          : null,
        gstRate: view.gstRate,
        cessRate: view.cessRate,
        cessPerUnit: view.cessPerUnit,
        taxability: l.taxability,
      };
    }),
  };
}
