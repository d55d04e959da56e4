import type {
  BusinessSnapshot,
  CreateInvoiceInput,
  InvoiceDirection,
  InvoiceType,
  LineTaxability,
  PartySnapshot,
  SalesKind,
} from '@bizdash/contracts/invoices';
import type { Address } from '@bizdash/contracts/parties';
import { INDIA } from '../countries';
import { financialYearOf } from '../fiscal-year';
import type { Paise } from '../money';
import { assertStateCodeInForce, findState } from '../states';
import type { InvoiceComputation, InvoiceLineAmounts } from './compute-invoice';
import type { BusinessContext, DocumentContext, OriginalContext, PartyContext } from './prepare-document-context';
import { checkCreditLimits, computeLines, parseLine } from './prepare-document-lines';
import { apiFieldOfEngine, Problems, type DocumentProblem } from './prepare-document-problems';
import { businessSnapshotOf, partySnapshotOf, registrationAddress, type Supplier } from './prepare-document-snapshots';
import { assertReverseChargeAllowed, decideRegime, EXPORT_POS, type RegimeDecision, type SupplyKind } from './regime';

/**
 * One preparation of an invoice, credit/debit note or purchase bill (issue 19): the rules that turn an API input and
 * the master data it names into what is stored, computed with the GST engine. Pure: the caller loads the context
 * (the server from its database, the editor from what the page has fetched) and decides what to do with the problems.
 * Field names are the API's (`lines.2.rate`), so a problem reads the same in an error response and in the editor.
 */

export type {
  BusinessContext,
  DocumentContext,
  OrderContext,
  OriginalContext,
  OriginalLineContext,
  PartyContext,
  RegistrationContext,
} from './prepare-document-context';
export type { DocumentProblem } from './prepare-document-problems';
export { registrationAddress } from './prepare-document-snapshots';

export interface PreparedLine {
  position: number;
  itemId: number | null;
  originalLineId: number | null;
  description: string;
  hsnSac: string;
  quantityMilli: number;
  unit: string;
  ratePaise: Paise;
  discountType: 'percent' | 'amount' | null;
  /** Basis points for a percentage, paise for an amount. */
  discountValue: number | null;
  gstRateBp: number;
  cessRateBp: number;
  cessPerUnitPaise: Paise;
  taxability: LineTaxability;
  amounts: InvoiceLineAmounts;
}

/** Everything a save stores, computed from an input and the current master data. */
export interface PreparedDocument {
  type: InvoiceType;
  kind: SalesKind | null;
  direction: InvoiceDirection;
  financialYear: string;
  date: string;
  dueDate: string | null;
  party: { id: number; name: string; gstin: string | null; stateCode: string | null };
  partySnapshot: PartySnapshot;
  businessRegistrationId: number | null;
  businessGstin: string | null;
  businessStateCode: string;
  businessSnapshot: BusinessSnapshot;
  placeOfSupply: string;
  supplierState: string;
  supplyKind: SupplyKind;
  decision: RegimeDecision;
  reverseCharge: boolean;
  roundToRupee: boolean;
  originalInvoiceId: number | null;
  noteReason: string | null;
  supplierNumber: string | null;
  supplierDate: string | null;
  itcEligibility: 'eligible' | 'ineligible' | 'partial' | null;
  itcReason: string | null;
  exportDetails: {
    shippingBillNumber: string | null;
    shippingBillDate: string | null;
    portCode: string | null;
    countryCode: string | null;
    currency: string | null;
  } | null;
  orderId: number | null;
  notes: string | null;
  terms: string | null;
  lines: PreparedLine[];
  computation: InvoiceComputation;
}

/** The tax as far as it could be decided. */
export interface TaxView {
  decision: RegimeDecision | null;
  supplyKind: SupplyKind | null;
  placeOfSupply: string | null;
  supplierState: string | null;
}

export interface DocumentPreparation {
  /** In the order the rules check them: the first is the one a save is refused with. */
  problems: DocumentProblem[];
  /** The tax as far as it could be decided (a live view shows it while other fields still have problems). */
  tax: TaxView;
  /** Per input line: its amounts, or null when the line has a problem and is left out of the totals. */
  lineAmounts: (InvoiceLineAmounts | null)[];
  /** The totals of the lines without problems, once the tax is decided. */
  computation: InvoiceComputation | null;
  /** Set only when there are no problems. */
  document: PreparedDocument | null;
}

/** Credit notes may be declared up to 30 November after the end of the supply's financial year (s.34(2), 5.4). */
export function creditNoteDeadline(originalDate: string): string {
  return `${financialYearOf(originalDate).startYear + 1}-11-30`;
}

/** The due date of a document that names none: its date plus the party's payment terms, else its date. */
export function defaultDueDate(type: InvoiceType, date: string, paymentTermsDays: number | null): string | null {
  // A credit note is settled against its original, so it has no due date of its own.
  if (type === 'credit_note') return null;
  if (paymentTermsDays === null) return date;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + paymentTermsDays);
  return d.toISOString().slice(0, 10);
}

/**
 * Validates a document input against its context and computes it with the domain GST engine. Problems are the ones
 * the API answers with (VALIDATION_FAILED naming the field, REASON_REQUIRED, INVALID_STATE, LIMIT_EXCEEDED,
 * SETUP_REQUIRED), in the order the rules check them; lines with a problem are left out of the totals.
 */
export function prepareDocument(input: CreateInvoiceInput, context: DocumentContext): DocumentPreparation {
  const p = new Problems();
  const fy = p.attempt(() => financialYearOf(input.date, 'date'));
  const isNote = input.type === 'credit_note' || input.type === 'debit_note';
  const kind = checkShape(p, input, isNote);
  const original = isNote && input.originalInvoiceId ? checkOriginal(p, input, context.original) : null;
  const originalLines = new Map((original?.lines ?? []).map((l) => [l.id, l]));
  const direction: InvoiceDirection = original
    ? original.direction
    : input.type === 'purchase'
      ? 'payable'
      : 'receivable';
  const party = checkParty(p, input, context, original);
  const shipping: Address | null = input.shippingAddress
    ? { ...input.shippingAddress, line2: input.shippingAddress.line2 ?? null }
    : (party?.shippingAddress ?? null);
  if (input.shippingAddress) {
    const { stateCode } = input.shippingAddress;
    if (!findState(stateCode)) p.invalid('shippingAddress.stateCode', 'is not a GST state code');
    p.attempt(() => assertStateCodeInForce(stateCode, input.date, 'shippingAddress.stateCode'));
  }
  const partyStateCode = party
    ? party.gstin
      ? party.gstin.slice(0, 2)
      : (party.billingAddress?.stateCode ?? null)
    : null;

  const { business } = context;
  if (!business) {
    p.add('SETUP_REQUIRED', 'Set up the business first');
    const tax = { decision: null, supplyKind: null, placeOfSupply: null, supplierState: null };
    return { problems: p.list, tax, lineAmounts: input.lines.map(() => null), computation: null, document: null };
  }
  const supplier = supplierOf(p, input, context, business, original);
  const tax = original
    ? { ...taxOfOriginal(original), reverseCharge: original.reverseCharge }
    : decideTax(p, input, { kind, direction, party, partyStateCode, shipping, businessState: supplier.stateCode });
  if (tax.placeOfSupply !== null && !findState(tax.placeOfSupply)) {
    p.invalid('placeOfSupply', 'is not a GST state code');
  }

  const rules = { kind, isNote, isCreditNote: input.type === 'credit_note', originalLines };
  const parsed = input.lines.map((line, i) => parseLine(p, line, i, rules));
  if (context.knownItemIds) {
    const known = context.knownItemIds;
    input.lines.forEach((l, i) => {
      if (l.itemId && !known.has(l.itemId)) {
        p.invalid(`lines.${i}.itemId`, `item ${l.itemId} does not exist`);
        parsed[i] = null;
      }
    });
  }
  const computed = computeLines(p, parsed, {
    regime: tax.decision?.regime ?? null,
    reverseCharge: tax.reverseCharge,
    roundToRupee: input.roundToRupee,
  });
  if (input.type === 'credit_note' && original && computed.computation) checkCreditLimits(p, computed, originalLines);
  const itc = checkPurchaseAndDates(p, input);

  const { decision, supplyKind, placeOfSupply, supplierState } = tax;
  const { computation, lineAmounts } = computed;
  const view = { decision, supplyKind, placeOfSupply, supplierState };
  if (p.list.length > 0 || !party || !fy || !decision || !supplyKind || !placeOfSupply || !supplierState) {
    return { problems: p.list, tax: view, lineAmounts, computation, document: null };
  }
  if (!computation) return { problems: p.list, tax: view, lineAmounts, computation, document: null };
  const document: PreparedDocument = {
    type: input.type,
    kind,
    direction,
    financialYear: fy.label,
    date: input.date,
    dueDate:
      input.type === 'credit_note'
        ? null
        : (input.dueDate ?? defaultDueDate(input.type, input.date, party.paymentTermsDays)),
    party: { id: party.id, name: party.name, gstin: party.gstin, stateCode: partyStateCode },
    partySnapshot: partySnapshotOf(party, shipping, partyStateCode),
    businessRegistrationId: supplier.registrationId,
    businessGstin: supplier.gstin,
    businessStateCode: supplier.stateCode,
    businessSnapshot: businessSnapshotOf(business, supplier),
    placeOfSupply,
    supplierState,
    supplyKind,
    decision,
    reverseCharge: tax.reverseCharge,
    roundToRupee: input.roundToRupee,
    originalInvoiceId: original?.id ?? null,
    noteReason: isNote ? (input.noteReason ?? null) : null,
    supplierNumber: input.supplierNumber?.trim() || null,
    supplierDate: input.supplierDate ?? null,
    ...itc,
    exportDetails: input.exportDetails
      ? {
          shippingBillNumber: input.exportDetails.shippingBillNumber ?? null,
          shippingBillDate: input.exportDetails.shippingBillDate ?? null,
          portCode: input.exportDetails.portCode?.toUpperCase() ?? null,
          countryCode: input.exportDetails.countryCode?.toUpperCase() ?? null,
          currency: input.exportDetails.currency?.toUpperCase() ?? null,
        }
      : null,
    orderId: input.orderId ?? null,
    notes: input.notes ?? null,
    terms: input.terms ?? null,
    // Without problems every input line is valid, so the computation's lines are the input's.
    lines: computed.valid.map((l, i) => ({
      position: i + 1,
      itemId: l.itemId,
      originalLineId: l.originalLineId,
      description: l.description,
      hsnSac: l.hsnSac,
      quantityMilli: l.engine.quantityMilli,
      unit: l.unit,
      ratePaise: l.engine.unitPrice,
      discountType: l.discountType,
      discountValue: l.discountValue,
      gstRateBp: l.engine.gstRateBp,
      cessRateBp: l.engine.cessRateBp ?? 0,
      cessPerUnitPaise: l.engine.cessPerUnit ?? 0,
      taxability: l.taxability,
      amounts: computation.lines[i]!,
    })),
    computation,
  };
  return { problems: p.list, tax: view, lineAmounts, computation, document };
}

/** What each document type may carry; returns the sales kind (tax invoice by default). */
function checkShape(p: Problems, input: CreateInvoiceInput, isNote: boolean): SalesKind | null {
  if (input.type !== 'sales' && input.kind) p.invalid('kind', 'only sales documents have a kind');
  const kind = input.type === 'sales' ? (input.kind ?? 'tax_invoice') : null;
  if (!isNote && input.originalInvoiceId)
    p.invalid('originalInvoiceId', 'only credit and debit notes have an original');
  if (isNote && !input.originalInvoiceId) p.invalid('originalInvoiceId', 'is required on a credit or debit note');
  if (input.type !== 'purchase' && input.itc) p.invalid('itc', 'only purchase bills carry ITC eligibility');
  if (kind !== 'export_invoice' && input.exportDetails) p.invalid('exportDetails', 'only export invoices have them');
  if (input.regimeOverride && input.regimeOverride.reason.trim() === '') {
    p.add('REASON_REQUIRED', 'A tax regime override needs a reason', { field: 'regimeOverride.reason' });
  }
  return kind;
}

/** The original a note corrects: an issued sales invoice or purchase bill, of the same party, not too long ago. */
function checkOriginal(p: Problems, input: CreateInvoiceInput, loaded: OriginalContext | null): OriginalContext | null {
  const original = loaded?.id === input.originalInvoiceId ? loaded : null;
  if (!original) {
    p.invalid('originalInvoiceId', `document ${input.originalInvoiceId} does not exist`);
    return null;
  }
  if (original.type !== 'sales' && original.type !== 'purchase') {
    p.invalid('originalInvoiceId', 'a note corrects a sales invoice or a purchase bill, not another note');
  }
  if (original.status !== 'issued') {
    p.add('INVALID_STATE', `Document ${original.id} is ${original.status}; notes need an issued original`, {
      field: 'originalInvoiceId',
    });
  }
  if (input.date < original.date) p.invalid('date', `is before the original's date ${original.date}`);
  if (input.type === 'credit_note') {
    const deadline = creditNoteDeadline(original.date);
    if (input.date > deadline) {
      p.add(
        'LIMIT_EXCEEDED',
        `A credit note against a supply of FY ${original.financialYear} can be issued up to ${deadline} (CGST Act s.34(2))`,
        { field: 'date', deadline },
      );
    }
  }
  if (input.partyId && input.partyId !== original.partyId) p.invalid('partyId', "must be the original's party");
  return original;
}

/** The party (a note's is its original's): existing, current, and a client on sales or a supplier on purchases. */
function checkParty(
  p: Problems,
  input: CreateInvoiceInput,
  context: DocumentContext,
  original: OriginalContext | null,
): PartyContext | null {
  const partyId = original ? original.partyId : input.partyId;
  if (!partyId) {
    p.invalid('partyId', 'is required');
    return null;
  }
  const party = context.party?.id === partyId ? context.party : null;
  if (!party) {
    p.invalid('partyId', `party ${partyId} does not exist`);
    return null;
  }
  if (!original && party.isArchived) p.invalid('partyId', `${party.name} is archived`);
  if (input.orderId) {
    // An invoice bills the order's own client: a link to another party's order would put its fees on the wrong books.
    const order = context.order?.id === input.orderId ? context.order : null;
    if (!order) p.invalid('orderId', `order ${input.orderId} does not exist`);
    else if (input.type === 'sales' && order.clientId !== party.id) {
      p.invalid('orderId', `order ${order.number} is for another client`);
    }
  }
  if (!original && input.type === 'sales' && !party.isClient) p.invalid('partyId', `${party.name} is not a client`);
  if (!original && input.type === 'purchase' && !party.isSupplier) {
    p.invalid('partyId', `${party.name} is not a supplier`);
  }
  return party;
}

/** The registration the document is issued under (a note's is its original's); an archived one only on notes. */
function supplierOf(
  p: Problems,
  input: CreateInvoiceInput,
  context: DocumentContext,
  business: BusinessContext,
  original: OriginalContext | null,
): Supplier {
  const registrationId = original ? original.businessRegistrationId : (input.businessRegistrationId ?? null);
  const primary: Supplier = {
    registrationId,
    gstin: business.gstin,
    stateCode: business.stateCode,
    tradeName: business.tradeName,
    address: business.address,
  };
  if (registrationId === null) return primary;
  const reg = context.registration?.id === registrationId ? context.registration : null;
  if (!reg || (reg.isArchived && !original)) {
    p.invalid('businessRegistrationId', `registration ${registrationId} does not exist or is archived`);
  }
  if (!reg) return primary;
  return {
    registrationId,
    gstin: reg.gstin,
    stateCode: reg.stateCode,
    tradeName: reg.tradeName ?? business.tradeName,
    // A registration in another state prints its own place of business (Rule 46(a)).
    address: reg.address?.trim() ? registrationAddress(reg.address) : business.address,
  };
}

type Tax = TaxView & { reverseCharge: boolean };

/** A note follows the tax its original decided, even a place of supply retired since. */
function taxOfOriginal(original: OriginalContext): TaxView {
  return {
    decision: original.decision,
    supplyKind: original.supplyKind,
    placeOfSupply: original.placeOfSupply,
    supplierState: original.supplierState,
  };
}

interface TaxFacts {
  kind: SalesKind | null;
  direction: InvoiceDirection;
  party: PartyContext | null;
  partyStateCode: string | null;
  shipping: Address | null;
  /** The state of the registration used. */
  businessState: string;
}

/**
 * Supplier state, place of supply, supply kind and regime of a new document (gst-rules.md 3). The regime is
 * decided only once the party is known.
 */
function decideTax(p: Problems, input: CreateInvoiceInput, facts: TaxFacts): Tax {
  const { kind, direction, party, partyStateCode, shipping, businessState } = facts;
  const isOutward = direction === 'receivable';
  const supplierState = isOutward ? businessState : partyStateCode;
  if (!isOutward && party && !partyStateCode) {
    p.invalid('partyId', `${party.name} has neither a GSTIN nor a billing address state to tax the purchase from`);
  }
  const isExport = kind === 'export_invoice';
  // A party outside India has no GST state: its supplies are placed in 96 (Other Countries), IGST Act s.11/s.13.
  const isForeignParty = party !== null && party.countryCode !== INDIA;
  const placeOfSupply = isOutward
    ? (input.placeOfSupply ??
      (isExport || isForeignParty ? EXPORT_POS : (partyStateCode ?? shipping?.stateCode ?? businessState)))
    : (input.placeOfSupply ?? businessState);
  const supplyKind: SupplyKind =
    input.supplyKind ??
    (isExport ? 'EXPWOP' : party?.registrationType === 'sez' && isOutward ? 'SEZWOP' : party?.gstin ? 'B2B' : 'B2C');
  if (isExport && supplyKind !== 'EXPWP' && supplyKind !== 'EXPWOP') {
    p.invalid('supplyKind', 'an export invoice is EXPWP or EXPWOP');
  }
  if (!isExport && (supplyKind === 'EXPWP' || supplyKind === 'EXPWOP') && input.type === 'sales') {
    p.invalid('kind', 'an export supply is billed on an export_invoice');
  }
  const { reverseCharge } = input;
  p.attempt(() => assertReverseChargeAllowed({ supplyKind, isOutward, reverseCharge }));
  // Only new documents: a note keeps its original's place of supply, even a code retired since.
  p.attempt(() => assertStateCodeInForce(placeOfSupply, input.date, 'placeOfSupply'));
  const decision =
    party && supplierState
      ? p.attempt(
          () => decideRegime({ supplierState, placeOfSupply, supplyKind, override: input.regimeOverride ?? null }),
          (error) => apiFieldOfEngine(error.details?.field),
        )
      : null;
  return { decision, supplyKind, placeOfSupply, supplierState, reverseCharge };
}

/** Input tax credit of a purchase bill (a reason unless fully eligible), and the document's other dates. */
function checkPurchaseAndDates(
  p: Problems,
  input: CreateInvoiceInput,
): Pick<PreparedDocument, 'itcEligibility' | 'itcReason'> {
  let itcEligibility: PreparedDocument['itcEligibility'] = null;
  let itcReason: string | null = null;
  if (input.type === 'purchase') {
    itcEligibility = input.itc?.eligibility ?? 'eligible';
    itcReason = input.itc?.reason?.trim() || null;
    if (itcEligibility !== 'eligible' && !itcReason) {
      p.add('REASON_REQUIRED', 'Say why input tax credit is not (fully) eligible', { field: 'itc.reason' });
    }
  }
  const { supplierDate, dueDate } = input;
  if (supplierDate) p.attempt(() => financialYearOf(supplierDate, 'supplierDate'));
  if (dueDate && p.attempt(() => financialYearOf(dueDate, 'dueDate')) && dueDate < input.date) {
    p.invalid('dueDate', 'is before the document date');
  }
  return { itcEligibility, itcReason };
}
