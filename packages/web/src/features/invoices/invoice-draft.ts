/**
 * The editor's form state, the API input it maps to, and its live view. The live view runs the server's own
 * preparation (prepareDocument in packages/domain/src/gst) on that input and the master data the page has loaded,
 * so the tax, totals and line problems shown while typing are the ones a save meets. The server still prepares
 * everything again on save; nothing computed here is ever sent.
 */
import {
  HsnSac,
  type CreateInvoiceInput,
  type Invoice,
  type InvoiceLineInput,
  type InvoiceType,
  type LineTaxability,
  type SalesKind,
  type SupplyKind,
  type TaxRegime,
} from '@bizdash/contracts/invoices';
import type { Party } from '@bizdash/contracts/parties';
import { INDIA } from '@bizdash/domain/countries';
import type { InvoiceComputation } from '@bizdash/domain/gst/compute-invoice';
import { prepareDocument, type DocumentContext } from '@bizdash/domain/gst/prepare-document';
import { EXPORT_POS, type RegimeDecision } from '@bizdash/domain/gst/regime';
import { parseQuantity, parseRateBp } from '@bizdash/domain/gst/units';
import { parseMoney } from '@bizdash/domain/money';
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

// ---- live computation: the server's own rules (prepareDocument), run on what the page has loaded

/** What the tax decision rests on, from master data the page has loaded. */
export interface TaxContext {
  /** Our state: that of the registration chosen on the draft, else the primary GSTIN's on business settings. */
  businessStateCode: string;
  /** The party as loaded; fields it lacks are not checked (e.g. roles, archived). */
  party: (Pick<Party, 'gstin' | 'gstRegistrationType' | 'billingAddress' | 'shippingAddress'> & Partial<Party>) | null;
  /** Notes: the original, whose decided tax a note always follows and whose lines it corrects. */
  original: Invoice | null;
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

/** The cell that shows a problem of `lines.N.<field>`; fields without a cell of their own show on the nearest. */
const CELL_OF: Record<string, LineField> = {
  description: 'description',
  itemId: 'description',
  hsnSac: 'hsnSac',
  quantity: 'quantity',
  originalLineId: 'quantity',
  unit: 'unit',
  rate: 'rate',
  discount: 'discount',
  gstRate: 'gstRate',
  cessRate: 'gstRate',
  cessPerUnit: 'gstRate',
  taxability: 'gstRate',
};

/** The cell of a line field as the API names it (`rate` of `lines.0.rate`), for the server's and the live problems. */
export function lineCellOf(field: string): LineField | undefined {
  return CELL_OF[field];
}

/** The context prepareDocument reads, from what the editor has loaded (our state stands for our registration). */
function documentContext(partyId: number | null, context: TaxContext): DocumentContext {
  const { party, original } = context;
  const tax = original?.tax;
  return {
    party:
      party && partyId
        ? {
            id: partyId,
            name: party.name ?? '',
            legalName: party.legalName ?? null,
            gstin: party.gstin,
            pan: party.pan ?? null,
            registrationType: party.gstRegistrationType,
            countryCode: party.countryCode ?? INDIA,
            billingAddress: party.billingAddress,
            shippingAddress: party.shippingAddress,
            foreignAddress: party.foreignAddress ?? null,
            emails: [],
            phones: [],
            paymentTermsDays: party.paymentTermsDays ?? null,
            isClient: party.roles?.includes('client') ?? true,
            isSupplier: party.roles?.includes('supplier') ?? true,
            isArchived: party.isArchived ?? false,
          }
        : null,
    business: {
      name: '',
      legalName: null,
      tradeName: null,
      gstin: null,
      pan: null,
      stateCode: context.businessStateCode,
      address: { line1: null, line2: null, city: null, pin: null },
      bank: { accountName: null, accountNumber: null, ifsc: null, bankName: null, branch: null },
      upiId: null,
      signatoryName: null,
      logoSha256: null,
    },
    registration: null,
    order: null,
    original:
      original && tax
        ? {
            id: original.id,
            type: original.type,
            status: original.status,
            date: original.date,
            financialYear: original.financialYear,
            direction: original.direction,
            partyId: original.party.id,
            businessRegistrationId: null,
            placeOfSupply: tax.placeOfSupply.code,
            supplierState: tax.supplierState.code,
            supplyKind: tax.supplyKind,
            decision: {
              regime: tax.regime,
              stateTaxLabel: tax.stateTaxLabel,
              isInterState: tax.isInterState,
              isZeroRated: tax.isZeroRated,
              isIgstOnIntra: tax.isIgstOnIntra,
              overrideReason: tax.regimeOverrideReason,
            },
            reverseCharge: tax.reverseCharge,
            lines: original.lines.map((l) => ({
              id: l.id,
              position: l.position,
              quantityMilli: parseQuantity(l.quantity),
              taxablePaise: parseMoney(l.taxableValue),
              gstRateBp: parseRateBp(l.gstRate),
              cessRateBp: parseRateBp(l.cessRate),
              taxability: l.taxability,
              // Other notes against the original are not loaded here; the server checks the limits on save.
              credited: null,
            })),
          }
        : null,
    // Items are picked from the masters list; the server checks they still exist on save.
    knownItemIds: null,
  };
}

/** The input the live view prepares: the one a save sends, minus what only the server can check. */
function liveInput(draft: InvoiceDraft, lines: LineDraft[]): CreateInvoiceInput {
  const input = toInput({ ...draft, lines });
  const override = input.regimeOverride;
  return {
    ...input,
    // The state of the chosen registration is already the context's.
    businessRegistrationId: null,
    orderId: null,
    // A reason still being typed does not hide the regime it would give.
    regimeOverride: override && !override.reason.trim() ? { ...override, reason: 'pending' } : override,
    lines: input.lines.map((l) => ({ ...l, itemId: null })),
  };
}

/** "lines.0.rate must be ..." and "lines.0.unit: FOO is ..." read in their cell as "must be ..." and "FOO is ...". */
function cellMessage(message: string): string {
  return message.replace(/^lines\.\d+\.[\w.]+:? /, '');
}

/** Computes what can be computed: lines with a problem are flagged and left out of the totals. */
export function computeDraft(draft: InvoiceDraft, context: TaxContext): LiveTotals {
  const sent = activeLines(draft);
  const lines = new Map<string, LiveLine>();
  for (const line of sent) {
    const errors: LiveLine['errors'] = {};
    // Rules of the API contract itself, which the server's zod schema applies before any preparation.
    if (!line.description.trim()) errors.description = 'Required';
    if (!HsnSac.safeParse(line.hsnSac).success) errors.hsnSac = '4, 6 or 8 digits';
    lines.set(line.key, { key: line.key, taxableValue: null, total: null, errors });
  }
  const partyId = context.original?.party.id ?? draft.partyId;
  const documentCtx = documentContext(partyId, context);
  const prepared = prepareDocument(liveInput(draft, sent), documentCtx);
  for (const problem of prepared.problems) {
    const match = /^lines\.(\d+)\.(\w+)/.exec(problem.field ?? '');
    const line = match ? sent[Number(match[1])] : undefined;
    const cell = match ? lineCellOf(match[2] ?? '') : undefined;
    if (line && cell) lines.get(line.key)!.errors[cell] ??= cellMessage(problem.message);
  }
  // A line refused only by the contract rules is left out of the totals too.
  const counted = sent.filter((l, i) => prepared.lineAmounts[i] && Object.keys(lines.get(l.key)!.errors).length === 0);
  const totals =
    counted.length === sent.length || !prepared.computation
      ? prepared
      : prepareDocument(liveInput(draft, counted), documentCtx);
  counted.forEach((line, i) => {
    const amounts = totals.lineAmounts[i];
    const live = lines.get(line.key)!;
    live.taxableValue = amounts?.taxableValue ?? null;
    live.total = amounts?.lineTotal ?? null;
  });
  const { decision, supplyKind, placeOfSupply, supplierState } = prepared.tax;
  let problem: string | null = null;
  if (!decision) {
    const first = prepared.problems.find((p) => !p.field?.startsWith('lines'));
    problem = !documentCtx.party ? 'Pick a party' : (first?.message ?? 'Cannot decide the tax regime');
  }
  const regime: RegimeView =
    isNoteType(draft.type) && !context.original
      ? { decision: null, supplyKind: null, placeOfSupply: null, supplierState: null, problem: null }
      : { decision, supplyKind, placeOfSupply, supplierState, problem };
  const computation = regime.decision ? totals.computation : null;
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
