import type {
  AddressSnapshot,
  BusinessSnapshot,
  CreateInvoiceInput,
  InvoicePreview,
  LineTaxability,
  PartySnapshot,
  SupplyKind,
} from '@bizdash/contracts/invoices';
import type { Address, ForeignAddress } from '@bizdash/contracts/parties';
import { findCountry, INDIA } from '@bizdash/domain/countries';
import { AppError, isAppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { computeInvoice, type InvoiceComputation, type InvoiceLineInput } from '@bizdash/domain/gst/compute-invoice';
import { assertReverseChargeAllowed, decideRegime, EXPORT_POS, type RegimeDecision } from '@bizdash/domain/gst/regime';
import { parseQuantity, parseRateBp } from '@bizdash/domain/gst/units';
import { isAllowedGstRateBp, normalizeUqc } from '@bizdash/domain/gst/uqc';
import { MAX_DOCUMENT_TOTAL_PAISE, parseAmount } from '@bizdash/domain/money';
import { assertStateCodeInForce, findState } from '@bizdash/domain/states';
import { amountInWords } from '@bizdash/domain/words';
import type { Dialect, Executor } from '../../platform/db/database';
import { toBool } from '../../platform/db/schema';
import { toLine, toTaxDecision, toTotals } from './invoice-mapping';
import { lockInvoice } from './settlement';
import type { InvoiceLineRow, InvoiceRow, InvoicesTable, InvoiceLinesTable } from './invoices.tables';
import type { Insertable } from 'kysely';

function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

/** The domain engine names fields like `lines[2].unitPrice`; the API names them like `lines.2.rate`. */
const ENGINE_TOTALS = new Set([
  'gross',
  'discount',
  'taxableValue',
  'cgst',
  'sgst',
  'igst',
  'cess',
  'cessAdValorem',
  'cessNonAdValorem',
  'totalTax',
  'totalBeforeRoundOff',
  'roundOff',
  'grandTotal',
]);

function apiField(field: unknown): string | undefined {
  if (typeof field !== 'string') return undefined;
  // A document total the engine could not hold comes from the lines as a whole.
  if (ENGINE_TOTALS.has(field)) return 'lines';
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\.unitPrice$/, '.rate')
    .replace(/\.quantityMilli$/, '.quantity')
    .replace(/\.gstRateBp$/, '.gstRate')
    .replace(/\.cessRateBp$/, '.cessRate')
    .replace(/\.discount\.(rateBp|amount)$/, '.discount.value');
}

function withApiField<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
      const field = apiField(error.details?.field);
      throw new AppError('VALIDATION_FAILED', error.message, { ...error.details, ...(field ? { field } : {}) });
    }
    throw error;
  }
}

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

function addressSnapshot(address: Address | null): AddressSnapshot | null {
  if (!address) return null;
  return {
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    stateCode: address.stateCode,
    stateName: findState(address.stateCode)?.name ?? address.stateCode,
    pin: address.pin,
  };
}

/**
 * A registration's address is one free-text field ("12 Ring Road, Athwa, Surat 395001"): the first part is the
 * street line, the last the city, a six-digit number the PIN, so the PDF and the e-invoice get the fields they print.
 */
export function registrationAddress(text: string): BusinessSnapshot['address'] {
  const pin = /\b[1-9]\d{5}\b/.exec(text)?.[0] ?? null;
  const parts = text
    .split(/[\r\n,]+/)
    .map((p) => (pin ? p.replace(pin, '') : p).trim().replace(/[\s-]+$/, ''))
    .filter(Boolean);
  return {
    line1: parts[0] ?? null,
    line2: parts.length > 2 ? parts.slice(1, -1).join(', ') : null,
    city: parts.length > 1 ? (parts[parts.length - 1] ?? null) : null,
    pin,
  };
}

/** One line as parsed and checked, ready for the engine and the database. */
interface ParsedLine {
  engine: InvoiceLineInput;
  itemId: number | null;
  originalLineId: number | null;
  description: string;
  hsnSac: string;
  unit: string;
  taxability: LineTaxability;
  discountType: 'percent' | 'amount' | null;
  discountValue: number | null;
}

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

export interface PrepareOptions {
  executor: Executor;
  dialect: Dialect;
  /** The document being saved (excluded from the credit-note limits). */
  selfId?: number;
  /** Lock the original document row (inside a writing transaction). */
  lockOriginal?: boolean;
}

/** Credit notes may be declared up to 30 November after the end of the supply's financial year (s.34(2), 5.4). */
export function creditNoteDeadline(originalDate: string): string {
  return `${financialYearOf(originalDate).startYear + 1}-11-30`;
}

/**
 * Validates a document input against the master data and computes it with the domain GST engine. Throws
 * VALIDATION_FAILED naming the field, REASON_REQUIRED, INVALID_STATE or LIMIT_EXCEEDED. Reads only.
 */
export async function prepareInvoice(input: CreateInvoiceInput, options: PrepareOptions): Promise<PreparedInvoice> {
  const { executor, dialect } = options;
  const fy = financialYearOf(input.date, 'date');
  const isNote = input.type === 'credit_note' || input.type === 'debit_note';

  // ---- shape rules per type
  if (input.type !== 'sales' && input.kind) invalid('kind', 'only sales documents have a kind');
  const kind = input.type === 'sales' ? (input.kind ?? 'tax_invoice') : null;
  if (!isNote && input.originalInvoiceId) invalid('originalInvoiceId', 'only credit and debit notes have an original');
  if (isNote && !input.originalInvoiceId) invalid('originalInvoiceId', 'is required on a credit or debit note');
  if (input.type !== 'purchase' && input.itc) invalid('itc', 'only purchase bills carry ITC eligibility');
  if (kind !== 'export_invoice' && input.exportDetails) invalid('exportDetails', 'only export invoices have them');
  if (input.regimeOverride && input.regimeOverride.reason.trim() === '') {
    throw new AppError('REASON_REQUIRED', 'A tax regime override needs a reason', { field: 'regimeOverride.reason' });
  }

  // ---- the original (notes)
  let original: InvoiceRow | null = null;
  let originalLines = new Map<number, InvoiceLineRow>();
  if (isNote && input.originalInvoiceId) {
    original =
      (options.lockOriginal
        ? await lockInvoice(executor, dialect, input.originalInvoiceId)
        : await executor
            .selectFrom('invoices')
            .selectAll()
            .where('id', '=', input.originalInvoiceId)
            .executeTakeFirst()) ?? null;
    if (!original) invalid('originalInvoiceId', `document ${input.originalInvoiceId} does not exist`);
    if (original.type !== 'sales' && original.type !== 'purchase') {
      invalid('originalInvoiceId', 'a note corrects a sales invoice or a purchase bill, not another note');
    }
    if (original.status !== 'issued') {
      throw new AppError(
        'INVALID_STATE',
        `Document ${original.id} is ${original.status}; notes need an issued original`,
        {
          field: 'originalInvoiceId',
        },
      );
    }
    if (input.date < original.date) invalid('date', `is before the original's date ${original.date}`);
    if (input.type === 'credit_note') {
      const deadline = creditNoteDeadline(original.date);
      if (input.date > deadline) {
        throw new AppError(
          'LIMIT_EXCEEDED',
          `A credit note against a supply of FY ${original.financial_year} can be issued up to ${deadline} (CGST Act s.34(2))`,
          { field: 'date', deadline },
        );
      }
    }
    if (input.partyId && input.partyId !== original.party_id) invalid('partyId', "must be the original's party");
    const rows = await executor.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', original.id).execute();
    originalLines = new Map(rows.map((r) => [r.id, r]));
  }

  const direction = original ? original.direction : input.type === 'purchase' ? 'payable' : 'receivable';

  // ---- party
  const partyId = original ? original.party_id : input.partyId;
  if (!partyId) invalid('partyId', 'is required');
  const party = await executor.selectFrom('parties').selectAll().where('id', '=', partyId).executeTakeFirst();
  if (!party) invalid('partyId', `party ${partyId} does not exist`);
  if (!original && party.archived_at !== null) invalid('partyId', `${party.name} is archived`);
  if (input.orderId) {
    // An invoice bills the order's own client: a link to another party's order would put its fees on the wrong books.
    const order = await executor
      .selectFrom('orders')
      .select(['id', 'client_id', 'number'])
      .where('id', '=', input.orderId)
      .executeTakeFirst();
    if (!order) invalid('orderId', `order ${input.orderId} does not exist`);
    if (input.type === 'sales' && order.client_id !== party.id) {
      invalid('orderId', `order ${order.number} is for another client`);
    }
  }
  if (!original && input.type === 'sales' && !toBool(party.is_client))
    invalid('partyId', `${party.name} is not a client`);
  if (!original && input.type === 'purchase' && !toBool(party.is_supplier)) {
    invalid('partyId', `${party.name} is not a supplier`);
  }
  // Written only by the parties module from validated values.
  const billing = party.billing_address ? (JSON.parse(party.billing_address) as Address) : null;
  const shipping = input.shippingAddress
    ? { ...input.shippingAddress, line2: input.shippingAddress.line2 ?? null }
    : party.shipping_address
      ? (JSON.parse(party.shipping_address) as Address)
      : null;
  if (input.shippingAddress && !findState(input.shippingAddress.stateCode)) {
    invalid('shippingAddress.stateCode', 'is not a GST state code');
  }
  if (input.shippingAddress)
    assertStateCodeInForce(input.shippingAddress.stateCode, input.date, 'shippingAddress.stateCode');
  // A party outside India has no GST state: its supplies are placed in 96 (Other Countries), IGST Act s.11/s.13.
  const isForeignParty = party.country_code !== INDIA;
  const foreign = party.foreign_address ? (JSON.parse(party.foreign_address) as ForeignAddress) : null;
  const partyStateCode = party.gstin ? party.gstin.slice(0, 2) : (billing?.stateCode ?? null);
  const partySnapshot: PartySnapshot = {
    id: party.id,
    name: party.name,
    legalName: party.legal_name,
    gstin: party.gstin,
    pan: party.pan,
    registrationType: party.gst_registration_type,
    billingAddress: addressSnapshot(billing),
    shippingAddress: addressSnapshot(shipping),
    state:
      partyStateCode && findState(partyStateCode)
        ? { code: partyStateCode, name: findState(partyStateCode)!.name }
        : null,
    foreignAddress: isForeignParty
      ? {
          lines: foreign?.lines ?? [],
          postalCode: foreign?.postalCode ?? null,
          countryCode: party.country_code,
          countryName: findCountry(party.country_code)?.name ?? party.country_code,
        }
      : null,
    emails: JSON.parse(party.emails) as string[],
    phones: JSON.parse(party.phones) as string[],
  };

  // ---- our business and the registration used
  const business = await executor.selectFrom('business').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!business) throw new AppError('SETUP_REQUIRED', 'Set up the business first');
  const registrationId = original ? original.business_registration_id : (input.businessRegistrationId ?? null);
  let gstin = business.gstin;
  let businessState = business.state_code;
  let tradeName = business.trade_name;
  let address: BusinessSnapshot['address'] = {
    line1: business.address_line1,
    line2: business.address_line2,
    city: business.city,
    pin: business.pin,
  };
  if (registrationId !== null) {
    const reg = await executor
      .selectFrom('business_registrations')
      .selectAll()
      .where('id', '=', registrationId)
      .executeTakeFirst();
    if (!reg || (reg.archived_at !== null && !original)) {
      invalid('businessRegistrationId', `registration ${registrationId} does not exist or is archived`);
    }
    gstin = reg.gstin;
    businessState = reg.state_code;
    tradeName = reg.trade_name ?? tradeName;
    // A registration in another state prints its own place of business (Rule 46(a)).
    if (reg.address?.trim()) address = registrationAddress(reg.address);
  }
  const businessSnapshot: BusinessSnapshot = {
    registrationId,
    name: business.name,
    legalName: business.legal_name,
    tradeName,
    gstin,
    pan: business.pan,
    state: { code: businessState, name: findState(businessState)?.name ?? businessState },
    address,
    bank: {
      accountName: business.bank_account_name,
      accountNumber: business.bank_account_number,
      ifsc: business.bank_ifsc,
      bankName: business.bank_name,
      branch: business.bank_branch,
    },
    upiId: business.upi_id,
    signatoryName: business.signatory_name,
    logoSha256: business.logo_key,
  };

  // ---- tax regime: notes follow their original; others decide from supplier state and place of supply
  let decision: RegimeDecision;
  let supplyKind: SupplyKind;
  let placeOfSupply: string;
  let supplierState: string;
  let reverseCharge: boolean;
  if (original) {
    const tax = toTaxDecision(original);
    decision = {
      regime: tax.regime,
      stateTaxLabel: tax.stateTaxLabel,
      isInterState: tax.isInterState,
      isZeroRated: tax.isZeroRated,
      isIgstOnIntra: tax.isIgstOnIntra,
      overrideReason: tax.regimeOverrideReason,
    };
    supplyKind = tax.supplyKind;
    placeOfSupply = original.place_of_supply;
    supplierState = original.supplier_state_code;
    reverseCharge = tax.reverseCharge;
  } else {
    if (direction === 'receivable') {
      supplierState = businessState;
    } else {
      if (!partyStateCode) {
        invalid('partyId', `${party.name} has neither a GSTIN nor a billing address state to tax the purchase from`);
      }
      supplierState = partyStateCode;
    }
    const isExport = kind === 'export_invoice';
    if (direction === 'receivable') {
      placeOfSupply =
        input.placeOfSupply ??
        (isExport || isForeignParty ? EXPORT_POS : (partyStateCode ?? shipping?.stateCode ?? businessState));
    } else {
      placeOfSupply = input.placeOfSupply ?? businessState;
    }
    supplyKind =
      input.supplyKind ??
      (isExport
        ? 'EXPWOP'
        : party.gst_registration_type === 'sez' && direction === 'receivable'
          ? 'SEZWOP'
          : party.gstin
            ? 'B2B'
            : 'B2C');
    if (isExport && supplyKind !== 'EXPWP' && supplyKind !== 'EXPWOP') {
      invalid('supplyKind', 'an export invoice is EXPWP or EXPWOP');
    }
    if (!isExport && (supplyKind === 'EXPWP' || supplyKind === 'EXPWOP') && input.type === 'sales') {
      invalid('kind', 'an export supply is billed on an export_invoice');
    }
    reverseCharge = input.reverseCharge;
    assertReverseChargeAllowed({ supplyKind, isOutward: direction === 'receivable', reverseCharge });
    // Only new documents: a note keeps its original's place of supply, even a code retired since.
    assertStateCodeInForce(placeOfSupply, input.date, 'placeOfSupply');
    decision = withApiField(() =>
      decideRegime({
        supplierState,
        placeOfSupply,
        supplyKind,
        override: input.regimeOverride ?? null,
      }),
    );
  }
  if (!findState(placeOfSupply)) invalid('placeOfSupply', 'is not a GST state code');

  // ---- lines
  const parsed: ParsedLine[] = [];
  const itemIds = new Set<number>();
  for (const [i, line] of input.lines.entries()) {
    const f = (name: string) => `lines.${i}.${name}`;
    const unit = normalizeUqc(line.unit);
    if (!unit) invalid(f('unit'), `${line.unit} is not a GST unit (UQC), such as NOS or KGS`);
    const quantityMilli = parseQuantity(line.quantity, f('quantity'));
    const unitPrice = parseAmount(line.rate, f('rate'));
    const gstRateBp = parseRateBp(line.gstRate, f('gstRate'));
    if (!isAllowedGstRateBp(gstRateBp)) invalid(f('gstRate'), `${line.gstRate}% is not a GST rate`);
    const cessRateBp = parseRateBp(line.cessRate, f('cessRate'));
    const cessPerUnit = parseAmount(line.cessPerUnit, f('cessPerUnit'));
    if (kind === 'bill_of_supply' && (gstRateBp !== 0 || cessRateBp !== 0 || cessPerUnit !== 0)) {
      invalid(f('gstRate'), 'a bill of supply charges no tax (Rule 49); use rate 0');
    }
    // Lines of a note keep the treatment of the line they correct.
    const noteOriginal = isNote && line.originalLineId ? originalLines.get(line.originalLineId) : undefined;
    const taxability = noteOriginal ? noteOriginal.taxability : (line.taxability ?? 'taxable');
    if (taxability !== 'taxable' && (gstRateBp !== 0 || cessRateBp !== 0 || cessPerUnit !== 0)) {
      invalid(f('gstRate'), `a ${taxability.replace('_', '-')} supply carries no GST or cess; use rate 0`);
    }
    let discountType: ParsedLine['discountType'] = null;
    let discountValue: number | null = null;
    if (line.discount) {
      discountType = line.discount.type;
      discountValue =
        line.discount.type === 'percent'
          ? parseRateBp(line.discount.value, f('discount.value'))
          : parseAmount(line.discount.value, f('discount.value'));
      if (discountType === 'percent' && discountValue > 10000) invalid(f('discount.value'), 'cannot exceed 100%');
    }
    const originalLineId = line.originalLineId ?? null;
    if (isNote) {
      if (input.type === 'credit_note' && originalLineId === null) {
        invalid(f('originalLineId'), 'a credit-note line names the original line it credits');
      }
      if (originalLineId !== null) {
        const ol = originalLines.get(originalLineId);
        if (!ol) invalid(f('originalLineId'), `line ${originalLineId} is not on the original document`);
        // A note keeps the original's rates (gst-rules.md 4.1 design rule).
        if (Number(ol.gst_rate_bp) !== gstRateBp) invalid(f('gstRate'), "must be the original line's rate");
        if (Number(ol.cess_rate_bp) !== cessRateBp) invalid(f('cessRate'), "must be the original line's cess");
      }
    } else if (originalLineId !== null) {
      invalid(f('originalLineId'), 'only note lines refer to an original line');
    }
    if (line.itemId) itemIds.add(line.itemId);
    parsed.push({
      engine: {
        quantityMilli,
        unitPrice,
        discount:
          discountType === 'percent'
            ? { type: 'percent', rateBp: discountValue ?? 0 }
            : discountType === 'amount'
              ? { type: 'amount', amount: discountValue ?? 0 }
              : null,
        gstRateBp,
        cessRateBp,
        cessPerUnit,
      },
      itemId: line.itemId ?? null,
      originalLineId,
      description: line.description,
      hsnSac: line.hsnSac,
      unit,
      taxability,
      discountType,
      discountValue,
    });
  }
  if (itemIds.size > 0) {
    const found = await executor
      .selectFrom('items')
      .select('id')
      .where('id', 'in', [...itemIds])
      .execute();
    const known = new Set(found.map((r) => r.id));
    const i = input.lines.findIndex((l) => l.itemId && !known.has(l.itemId));
    if (i >= 0) invalid(`lines.${i}.itemId`, `item ${input.lines[i]?.itemId} does not exist`);
  }

  const computation = withApiField(() =>
    computeInvoice({
      regime: decision.regime,
      reverseCharge,
      roundToRupee: input.roundToRupee,
      lines: parsed.map((p) => p.engine),
    }),
  );

  if (computation.totals.grandTotal > MAX_DOCUMENT_TOTAL_PAISE) {
    invalid('lines', 'bring the document total under ₹10,00,00,00,000.00 (split it into several documents)');
  }

  // ---- credit-note limits: per original line, quantity and value across all issued notes plus this one
  if (input.type === 'credit_note' && original) {
    const wanted = new Map<number, { qty: number; taxable: number; index: number }>();
    parsed.forEach((p, i) => {
      if (p.originalLineId === null) return;
      const w = wanted.get(p.originalLineId) ?? { qty: 0, taxable: 0, index: i };
      w.qty += p.engine.quantityMilli;
      w.taxable += computation.lines[i]?.taxableValue ?? 0;
      wanted.set(p.originalLineId, w);
    });
    if (wanted.size > 0) {
      let q = executor
        .selectFrom('invoice_lines')
        .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
        .select((eb) => [
          'invoice_lines.original_line_id',
          eb.fn.sum<number>('invoice_lines.quantity_milli').as('qty'),
          eb.fn.sum<number>('invoice_lines.taxable_paise').as('taxable'),
        ])
        .where('invoices.original_invoice_id', '=', original.id)
        .where('invoices.type', '=', 'credit_note')
        .where('invoices.status', '=', 'issued')
        .where('invoice_lines.original_line_id', 'in', [...wanted.keys()])
        .groupBy('invoice_lines.original_line_id');
      if (options.selfId !== undefined) q = q.where('invoices.id', '<>', options.selfId);
      const credited = new Map((await q.execute()).map((r) => [Number(r.original_line_id), r]));
      for (const [lineId, w] of wanted) {
        const ol = originalLines.get(lineId);
        if (!ol) continue;
        const prior = credited.get(lineId);
        const priorQty = Number(prior?.qty ?? 0);
        const priorTaxable = Number(prior?.taxable ?? 0);
        if (priorQty + w.qty > Number(ol.quantity_milli)) {
          throw new AppError(
            'LIMIT_EXCEEDED',
            `Line ${ol.position} of the original has quantity ${Number(ol.quantity_milli) / 1000}; credit notes would ` +
              `credit ${(priorQty + w.qty) / 1000}`,
            { field: `lines.${w.index}.quantity`, originalLineId: lineId },
          );
        }
        if (priorTaxable + w.taxable > Number(ol.taxable_paise)) {
          throw new AppError(
            'LIMIT_EXCEEDED',
            `Credit notes would exceed the value of line ${ol.position} of the original`,
            {
              field: `lines.${w.index}.rate`,
              originalLineId: lineId,
            },
          );
        }
      }
    }
  }

  // ---- purchase and dates
  let itcEligibility: InvoicesTable['itc_eligibility'] = null;
  let itcReason: string | null = null;
  if (input.type === 'purchase') {
    itcEligibility = input.itc?.eligibility ?? 'eligible';
    itcReason = input.itc?.reason?.trim() || null;
    if (itcEligibility !== 'eligible' && !itcReason) {
      throw new AppError('REASON_REQUIRED', 'Say why input tax credit is not (fully) eligible', {
        field: 'itc.reason',
      });
    }
  }
  if (input.supplierDate) financialYearOf(input.supplierDate, 'supplierDate');
  if (input.dueDate) {
    financialYearOf(input.dueDate, 'dueDate');
    if (input.dueDate < input.date) invalid('dueDate', 'is before the document date');
  }
  const dueDate =
    input.type === 'credit_note'
      ? null
      : (input.dueDate ??
        (party.payment_terms_days !== null ? addDays(input.date, party.payment_terms_days) : input.date));

  const t = computation.totals;
  const row: PreparedInvoice['row'] = {
    type: input.type,
    kind,
    direction,
    financial_year: fy.label,
    date: input.date,
    due_date: dueDate,
    party_id: party.id,
    party_name: party.name,
    party_gstin: party.gstin,
    party_state_code: partyStateCode,
    party_snapshot: JSON.stringify(partySnapshot),
    business_registration_id: registrationId,
    business_gstin: gstin,
    business_state_code: businessState,
    business_snapshot: JSON.stringify(businessSnapshot),
    place_of_supply: placeOfSupply,
    supplier_state_code: supplierState,
    supply_kind: supplyKind,
    regime: decision.regime,
    is_inter_state: decision.isInterState,
    is_zero_rated: decision.isZeroRated,
    is_igst_on_intra: decision.isIgstOnIntra,
    regime_override_reason: decision.overrideReason,
    reverse_charge: reverseCharge,
    round_to_rupee: input.roundToRupee,
    original_invoice_id: original?.id ?? null,
    note_reason: isNote ? (input.noteReason ?? null) : null,
    supplier_number: input.supplierNumber?.trim() || null,
    supplier_date: input.supplierDate ?? null,
    itc_eligibility: itcEligibility,
    itc_reason: itcReason,
    export_details: input.exportDetails
      ? JSON.stringify({
          shippingBillNumber: input.exportDetails.shippingBillNumber ?? null,
          shippingBillDate: input.exportDetails.shippingBillDate ?? null,
          portCode: input.exportDetails.portCode?.toUpperCase() ?? null,
          countryCode: input.exportDetails.countryCode?.toUpperCase() ?? null,
          currency: input.exportDetails.currency?.toUpperCase() ?? null,
        })
      : null,
    order_id: input.orderId ?? null,
    notes: input.notes ?? null,
    terms: input.terms ?? null,
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
  const lines = parsed.map((p, i) => {
    const c = computation.lines[i]!; // same length as the input lines
    return {
      position: i + 1,
      item_id: p.itemId,
      original_line_id: p.originalLineId,
      description: p.description,
      hsn_sac: p.hsnSac,
      quantity_milli: p.engine.quantityMilli,
      unit: p.unit,
      rate_paise: p.engine.unitPrice,
      discount_type: p.discountType,
      discount_value: p.discountValue,
      gst_rate_bp: p.engine.gstRateBp,
      cess_rate_bp: p.engine.cessRateBp ?? 0,
      cess_per_unit_paise: p.engine.cessPerUnit ?? 0,
      taxability: p.taxability,
      gross_paise: c.gross,
      discount_paise: c.discount,
      taxable_paise: c.taxableValue,
      cgst_paise: c.cgst,
      sgst_paise: c.sgst,
      igst_paise: c.igst,
      cess_ad_valorem_paise: c.cessAdValorem,
      cess_non_ad_valorem_paise: c.cessNonAdValorem,
      cess_paise: c.cess,
      total_paise: c.lineTotal,
    };
  });
  return { row, lines, decision, computation, original };
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
