/**
 * The editor's form state and its live computation. The browser runs the SAME domain engine as the server
 * (packages/domain/src/gst), mirroring how the server's invoice-prepare.ts maps a CreateInvoiceInput onto it, so the
 * totals shown while typing are the totals the server will store. The server still recomputes everything on save;
 * nothing computed here is ever sent.
 */
import type {
  CreateInvoiceInput,
  Invoice,
  InvoiceLineInput,
  InvoiceType,
  LineTaxability,
  SalesKind,
  SupplyKind,
  TaxRegime,
} from '@bizdash/contracts/invoices';
import type { Party } from '@bizdash/contracts/parties';
import { isAppError } from '@bizdash/domain/errors';
import { computeInvoice, type InvoiceComputation, type LineDiscount } from '@bizdash/domain/gst/compute-invoice';
import { decideRegime, EXPORT_POS, type RegimeDecision } from '@bizdash/domain/gst/regime';
import { parseQuantity, parseRateBp } from '@bizdash/domain/gst/units';
import { isAllowedGstRateBp, normalizeUqc } from '@bizdash/domain/gst/uqc';
import { parseMoney, tryParseMoney } from '@bizdash/domain/money';
import { findState } from '@bizdash/domain/states';
import { amountInWords } from '@bizdash/domain/words';

export interface LineDraft {
  /** Stable React key; never sent. */
  key: string;
  itemId: number | null;
  originalLineId: number | null;
  /** Note lines: ticked to include the original line in the note. */
  isSelected: boolean;
  description: string;
  hsnSac: string;
  quantity: string;
  unit: string;
  rate: string;
  /** "10%" is a percentage, "50" an amount in rupees, "" none. */
  discount: string;
  gstRate: string;
  cessRate: string;
  cessPerUnit: string;
  /** GST treatment; only a 0 % line may be nil-rated, exempt or non-GST (a taxable 0 % line is nil-rated). */
  taxability: LineTaxability;
}

/** Export invoices: shipping bill and port (GSTR-1 exp, e-invoice ExpDtls); blank strings are not sent. */
export interface ExportDetailsDraft {
  shippingBillNumber: string;
  shippingBillDate: string | null;
  portCode: string;
  countryCode: string;
  currency: string;
}

export const BLANK_EXPORT_DETAILS: ExportDetailsDraft = {
  shippingBillNumber: '',
  shippingBillDate: null,
  portCode: '',
  countryCode: '',
  currency: '',
};

export interface RegimeOverrideDraft {
  isOn: boolean;
  regime: TaxRegime;
  reason: string;
}

export interface InvoiceDraft {
  type: InvoiceType;
  kind: SalesKind;
  partyId: number | null;
  date: string;
  /** Null: the server's default (date + the party's payment terms). */
  dueDate: string | null;
  /** Null: the default place of supply for the party. */
  placeOfSupply: string | null;
  /** Export invoices only: with or without payment of IGST. */
  exportSupplyKind: 'EXPWP' | 'EXPWOP';
  exportDetails: ExportDetailsDraft;
  /** Which of our GST registrations supplies; null = the primary GSTIN on business settings. */
  businessRegistrationId: number | null;
  reverseCharge: boolean;
  override: RegimeOverrideDraft;
  roundToRupee: boolean;
  originalInvoiceId: number | null;
  /**
   * The order this document bills ("Invoice fees", or a note against an order's invoice). Carried through every
   * save so the issued document stays linked to its order (issue 14).
   */
  orderId: number | null;
  noteReason: string;
  supplierNumber: string;
  supplierDate: string | null;
  /** Purchase bills: may the input tax be claimed (ITC), and why not when it may not. */
  itcEligibility: 'eligible' | 'ineligible' | 'partial';
  itcReason: string;
  notes: string;
  terms: string;
  lines: LineDraft[];
}

let keySeq = 0;
export function newLineKey(): string {
  keySeq += 1;
  return `line-${keySeq}`;
}

export function blankLine(): LineDraft {
  return {
    key: newLineKey(),
    itemId: null,
    originalLineId: null,
    isSelected: true,
    description: '',
    hsnSac: '',
    quantity: '',
    unit: 'NOS',
    rate: '',
    discount: '',
    gstRate: '18',
    cessRate: '0',
    cessPerUnit: '0',
    taxability: 'taxable',
  };
}

/** A line the user has not typed into: the editor keeps one at the end and never sends it. */
export function isBlankLine(line: LineDraft): boolean {
  return !line.description.trim() && !line.hsnSac.trim() && !line.quantity.trim() && !line.rate.trim();
}

/** Lines that go to the server: typed ones, and on notes only the ticked ones. */
export function activeLines(draft: InvoiceDraft): LineDraft[] {
  const isNote = draft.type === 'credit_note' || draft.type === 'debit_note';
  return draft.lines.filter((l) => !isBlankLine(l) && (!isNote || l.originalLineId === null || l.isSelected));
}

export function isNoteType(type: InvoiceType): boolean {
  return type === 'credit_note' || type === 'debit_note';
}

/** "10%" → percent 10; "50" → amount 50.00; "" → none; anything else → undefined (invalid). */
export function parseDiscountText(text: string): CreateInvoiceInput['lines'][number]['discount'] | undefined {
  const value = text.trim();
  if (!value) return null;
  const percent = /^(\d{1,3}(?:\.\d{1,2})?)\s*%$/.exec(value);
  if (percent?.[1]) return { type: 'percent', value: percent[1] };
  if (/^\d+(\.\d{1,2})?$/.test(value)) return { type: 'amount', value };
  return undefined;
}

export function discountText(discount: Invoice['lines'][number]['discount']): string {
  if (!discount) return '';
  return discount.type === 'percent' ? `${discount.value}%` : discount.value;
}

/** True when the rate typed reads as 0 %, the only rate a nil-rated, exempt or non-GST line may carry. */
export function isZeroRate(text: string): boolean {
  return /^0*(\.0*)?$/.test(text.trim()) && text.trim() !== '';
}

/** The export details to send, or null when nothing was entered. */
export function exportDetailsInput(x: ExportDetailsDraft): CreateInvoiceInput['exportDetails'] {
  const text = (value: string) => (value.trim() ? value.trim().toUpperCase() : null);
  const out = {
    shippingBillNumber: text(x.shippingBillNumber),
    shippingBillDate: x.shippingBillDate,
    portCode: text(x.portCode),
    countryCode: text(x.countryCode),
    currency: text(x.currency),
  };
  return Object.values(out).some((v) => v !== null) ? out : null;
}

/** The API input for the draft (lines as typed; totals never sent). */
export function toInput(draft: InvoiceDraft): CreateInvoiceInput {
  const isNote = isNoteType(draft.type);
  const lines: InvoiceLineInput[] = activeLines(draft).map((l) => {
    const discount = parseDiscountText(l.discount);
    return {
      itemId: l.itemId,
      originalLineId: l.originalLineId,
      description: l.description.trim(),
      hsnSac: l.hsnSac.trim(),
      quantity: l.quantity.trim(),
      unit: l.unit.trim().toUpperCase() || 'NOS',
      rate: l.rate.trim(),
      // An unreadable discount is sent as typed so the server names the field.
      discount: discount === undefined ? { type: 'amount', value: l.discount.trim() } : discount,
      gstRate: l.gstRate.trim(),
      cessRate: l.cessRate.trim() || '0',
      cessPerUnit: l.cessPerUnit.trim() || '0',
      // A treatment other than taxable is kept only while the rate is 0, so a changed rate cannot be refused for it.
      taxability: isZeroRate(l.gstRate) ? l.taxability : 'taxable',
    };
  });
  const text = (value: string) => (value.trim() ? value.trim() : null);
  const isExport = draft.type === 'sales' && draft.kind === 'export_invoice';
  return {
    type: draft.type,
    kind: draft.type === 'sales' ? draft.kind : null,
    partyId: draft.partyId,
    date: draft.date,
    dueDate: draft.type === 'credit_note' ? null : draft.dueDate,
    placeOfSupply: isNote
      ? null
      : draft.kind === 'export_invoice' && draft.type === 'sales'
        ? EXPORT_POS
        : draft.placeOfSupply,
    supplyKind: isExport ? draft.exportSupplyKind : null,
    businessRegistrationId: isNote ? null : draft.businessRegistrationId,
    exportDetails: isExport ? exportDetailsInput(draft.exportDetails) : null,
    reverseCharge: draft.reverseCharge,
    regimeOverride:
      !isNote && draft.override.isOn ? { regime: draft.override.regime, reason: draft.override.reason } : null,
    roundToRupee: draft.roundToRupee,
    originalInvoiceId: isNote ? draft.originalInvoiceId : null,
    orderId: draft.orderId,
    noteReason: isNote ? text(draft.noteReason) : null,
    supplierNumber: draft.type === 'purchase' ? text(draft.supplierNumber) : null,
    supplierDate: draft.type === 'purchase' ? draft.supplierDate : null,
    itc:
      draft.type === 'purchase'
        ? {
            eligibility: draft.itcEligibility,
            reason: draft.itcEligibility === 'eligible' ? null : text(draft.itcReason),
          }
        : null,
    notes: text(draft.notes),
    terms: text(draft.terms),
    lines,
  };
}

/** The editor's state for a saved draft. */
export function draftOf(invoice: Invoice): InvoiceDraft {
  return {
    type: invoice.type,
    kind: invoice.kind ?? 'tax_invoice',
    partyId: invoice.party.id,
    date: invoice.date,
    dueDate: invoice.dueDate,
    placeOfSupply: invoice.tax.placeOfSupply.code,
    exportSupplyKind: invoice.tax.supplyKind === 'EXPWP' ? 'EXPWP' : 'EXPWOP',
    exportDetails: {
      shippingBillNumber: invoice.exportDetails?.shippingBillNumber ?? '',
      shippingBillDate: invoice.exportDetails?.shippingBillDate ?? null,
      portCode: invoice.exportDetails?.portCode ?? '',
      countryCode: invoice.exportDetails?.countryCode ?? '',
      currency: invoice.exportDetails?.currency ?? '',
    },
    businessRegistrationId: invoice.business.registrationId,
    reverseCharge: invoice.tax.reverseCharge,
    override: {
      isOn: invoice.tax.regimeOverrideReason !== null,
      regime: invoice.tax.regime,
      reason: invoice.tax.regimeOverrideReason ?? '',
    },
    roundToRupee: invoice.roundToRupee,
    originalInvoiceId: invoice.original?.id ?? null,
    orderId: invoice.orderId,
    noteReason: invoice.noteReason ?? '',
    supplierNumber: invoice.supplierNumber ?? '',
    supplierDate: invoice.supplierDate,
    itcEligibility: invoice.itc?.eligibility ?? 'eligible',
    itcReason: invoice.itc?.reason ?? '',
    notes: invoice.notes ?? '',
    terms: invoice.terms ?? '',
    lines: invoice.lines.map((l) => ({
      key: newLineKey(),
      itemId: l.itemId,
      originalLineId: l.originalLineId,
      isSelected: true,
      description: l.description,
      hsnSac: l.hsnSac,
      quantity: l.quantity,
      unit: l.unit,
      rate: l.rate,
      discount: discountText(l.discount),
      gstRate: l.gstRate,
      cessRate: l.cessRate,
      cessPerUnit: l.cessPerUnit,
      taxability: l.taxability,
    })),
  };
}

/** Lines of a new note against `original`: every original line, unticked, with its full quantity. */
export function noteLinesOf(original: Invoice): LineDraft[] {
  return original.lines.map((l) => ({
    key: newLineKey(),
    itemId: l.itemId,
    originalLineId: l.id,
    isSelected: false,
    description: l.description,
    hsnSac: l.hsnSac,
    quantity: l.quantity,
    unit: l.unit,
    rate: l.rate,
    discount: discountText(l.discount),
    gstRate: l.gstRate,
    cessRate: l.cessRate,
    cessPerUnit: l.cessPerUnit,
    taxability: l.taxability,
  }));
}

// ---- live computation

/** What the tax decision rests on, from master data the page has loaded. */
export interface TaxContext {
  /** Our state: that of the registration chosen on the draft, else the primary GSTIN's on business settings. */
  businessStateCode: string;
  party: Pick<Party, 'gstin' | 'gstRegistrationType' | 'billingAddress' | 'shippingAddress'> | null;
  /** Notes: the original's decided tax, which a note always follows. */
  original: Pick<Invoice, 'tax'> | null;
}

export interface RegimeView {
  decision: RegimeDecision | null;
  supplyKind: SupplyKind | null;
  /** The place of supply the document will carry (the default when none was chosen). */
  placeOfSupply: string | null;
  supplierState: string | null;
  /** Why the regime cannot be decided yet (no party, bad override...). */
  problem: string | null;
}

function partyStateOf(party: TaxContext['party']): string | null {
  if (!party) return null;
  return party.gstin ? party.gstin.slice(0, 2) : (party.billingAddress?.stateCode ?? null);
}

/** Mirrors invoice-prepare.ts: place of supply, supply kind and regime for the draft. */
export function decideDraftRegime(draft: InvoiceDraft, context: TaxContext): RegimeView {
  const { original } = context;
  if (isNoteType(draft.type)) {
    if (!original) return { decision: null, supplyKind: null, placeOfSupply: null, supplierState: null, problem: null };
    const tax = original.tax;
    return {
      decision: {
        regime: tax.regime,
        stateTaxLabel: tax.stateTaxLabel,
        isInterState: tax.isInterState,
        isZeroRated: tax.isZeroRated,
        isIgstOnIntra: tax.isIgstOnIntra,
        overrideReason: tax.regimeOverrideReason,
      },
      supplyKind: tax.supplyKind,
      placeOfSupply: tax.placeOfSupply.code,
      supplierState: tax.supplierState.code,
      problem: null,
    };
  }
  const party = context.party;
  const partyState = partyStateOf(party);
  const direction = draft.type === 'purchase' ? 'payable' : 'receivable';
  const isExport = draft.type === 'sales' && draft.kind === 'export_invoice';
  const supplierState = direction === 'receivable' ? context.businessStateCode : partyState;
  const placeOfSupply =
    direction === 'receivable'
      ? isExport
        ? EXPORT_POS
        : (draft.placeOfSupply ?? partyState ?? party?.shippingAddress?.stateCode ?? context.businessStateCode)
      : (draft.placeOfSupply ?? context.businessStateCode);
  if (!party) return { decision: null, supplyKind: null, placeOfSupply, supplierState, problem: 'Pick a party' };
  if (!supplierState) {
    return {
      decision: null,
      supplyKind: null,
      placeOfSupply,
      supplierState,
      problem: 'The supplier has neither a GSTIN nor a billing state',
    };
  }
  const supplyKind: SupplyKind = isExport
    ? draft.exportSupplyKind
    : party.gstRegistrationType === 'sez' && direction === 'receivable'
      ? 'SEZWOP'
      : party.gstin
        ? 'B2B'
        : 'B2C';
  try {
    const decision = decideRegime({
      supplierState,
      placeOfSupply,
      supplyKind,
      override: draft.override.isOn
        ? { regime: draft.override.regime, reason: draft.override.reason.trim() || 'pending' }
        : null,
    });
    return { decision, supplyKind, placeOfSupply, supplierState, problem: null };
  } catch (error) {
    return {
      decision: null,
      supplyKind,
      placeOfSupply,
      supplierState,
      problem: isAppError(error) ? error.message : 'Cannot decide the tax regime',
    };
  }
}

export type LineField = 'description' | 'hsnSac' | 'quantity' | 'unit' | 'rate' | 'discount' | 'gstRate';

export interface LiveLine {
  key: string;
  taxableValue: number | null;
  total: number | null;
  /** First problem found in the line, by field. */
  errors: Partial<Record<LineField, string>>;
}

export interface LiveTotals {
  regime: RegimeView;
  lines: Map<string, LiveLine>;
  computation: InvoiceComputation | null;
  /** Lines left out of the totals because they have a problem. */
  invalidCount: number;
  amountInWords: string | null;
}

/** Computes what can be computed: lines with a problem are flagged and left out of the totals. */
export function computeDraft(draft: InvoiceDraft, context: TaxContext): LiveTotals {
  const regime = decideDraftRegime(draft, context);
  const lines = new Map<string, LiveLine>();
  const engineLines: Parameters<typeof computeInvoice>[0]['lines'][number][] = [];
  const engineKeys: string[] = [];
  const isBillOfSupply = draft.type === 'sales' && draft.kind === 'bill_of_supply';
  for (const line of activeLines(draft)) {
    const errors: LiveLine['errors'] = {};
    const attempt = <T>(field: LineField, fn: () => T): T | null => {
      try {
        return fn();
      } catch {
        errors[field] ??= 'Invalid';
        return null;
      }
    };
    if (!line.description.trim()) errors.description = 'Required';
    if (!/^(\d{4}|\d{6}|\d{8})$/.test(line.hsnSac.trim())) errors.hsnSac = '4, 6 or 8 digits';
    if (!normalizeUqc(line.unit)) errors.unit = 'Not a GST unit';
    const quantityMilli = attempt('quantity', () => parseQuantity(line.quantity));
    const unitPrice = attempt('rate', () => {
      const paise = parseMoney(line.rate);
      if (paise < 0) throw new Error('negative');
      return paise;
    });
    const gstRateBp = attempt('gstRate', () => parseRateBp(line.gstRate));
    if (gstRateBp !== null && !isAllowedGstRateBp(gstRateBp)) errors.gstRate = 'Not a GST rate';
    if (isBillOfSupply && gstRateBp !== null && gstRateBp !== 0) errors.gstRate = 'Bill of supply: 0';
    const discountInput = parseDiscountText(line.discount);
    let discount: LineDiscount | null = null;
    if (discountInput === undefined) errors.discount = 'Like 10% or 50';
    else if (discountInput?.type === 'percent') {
      const bp = parseRateBp(discountInput.value);
      if (bp > 10000) errors.discount = 'Up to 100%';
      else discount = { type: 'percent', rateBp: bp };
    } else if (discountInput?.type === 'amount') {
      discount = { type: 'amount', amount: tryParseMoney(discountInput.value) ?? 0 };
    }
    const cessRateBp = (() => {
      try {
        return parseRateBp(line.cessRate || '0');
      } catch {
        return 0;
      }
    })();
    const cessPerUnit = tryParseMoney(line.cessPerUnit || '0') ?? 0;
    const live: LiveLine = { key: line.key, taxableValue: null, total: null, errors };
    lines.set(line.key, live);
    if (quantityMilli === null || unitPrice === null || gstRateBp === null || Object.keys(errors).length > 0) continue;
    const engineLine = { quantityMilli, unitPrice, discount, gstRateBp, cessRateBp, cessPerUnit };
    // The engine refuses a discount above the line value; find it per line so one line cannot blank the totals.
    try {
      computeInvoice({
        regime: regime.decision?.regime ?? 'IGST',
        reverseCharge: false,
        roundToRupee: false,
        lines: [engineLine],
      });
    } catch (error) {
      errors.discount = isAppError(error) ? 'Exceeds the line value' : 'Invalid';
      continue;
    }
    engineLines.push(engineLine);
    engineKeys.push(line.key);
  }
  let computation: InvoiceComputation | null = null;
  if (regime.decision) {
    try {
      computation = computeInvoice({
        regime: regime.decision.regime,
        reverseCharge: draft.reverseCharge,
        roundToRupee: draft.roundToRupee,
        lines: engineLines,
      });
      computation.lines.forEach((amounts, i) => {
        const live = lines.get(engineKeys[i] ?? '');
        if (live) {
          live.taxableValue = amounts.taxableValue;
          live.total = amounts.lineTotal;
        }
      });
    } catch {
      computation = null;
    }
  }
  const invalidCount = [...lines.values()].filter((l) => Object.keys(l.errors).length > 0).length;
  return {
    regime,
    lines,
    computation,
    invalidCount,
    amountInWords: computation ? amountInWords(computation.totals.grandTotal) : null,
  };
}

/** "CGST + SGST", "CGST + UTGST", "IGST", "IGST (zero-rated)". */
export function regimeLabel(regime: TaxRegime): string {
  switch (regime) {
    case 'CGST_SGST':
      return 'CGST + SGST';
    case 'CGST_UTGST':
      return 'CGST + UTGST';
    case 'IGST':
      return 'IGST';
    case 'IGST_ZERO_RATED_LUT':
      return 'IGST zero-rated (LUT)';
    default: {
      const unknown: never = regime;
      return String(unknown);
    }
  }
}

export function stateName(code: string | null | undefined): string {
  if (!code) return '';
  const state = findState(code);
  return state ? `${code} · ${state.name}` : code;
}
