import type { EwayBill, EwayBillFile, EwayBillPartB, TransportMode } from '@bizdash/contracts/ewaybill';
import type { LineTaxability } from '@bizdash/contracts/invoices';
import type { ChallanReason } from '@bizdash/contracts/sales-documents';
import { AppError } from '@bizdash/domain/errors';
import { formatRateBp } from '@bizdash/domain/gst/units';
import { formatMoney, toMoneyString, type Paise } from '@bizdash/domain/money';
import type { InvoiceDocument } from '../pdf/invoice-document';
import { EWB_BULK_VERSION } from './schema/nic-schema';

/**
 * What an e-way bill is made from: a document that moves goods (an invoice today; a delivery challan later, which
 * maps itself to this shape), already resolved to names, addresses and paise. Only its goods lines are here.
 */
export interface MovementAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  pin: string | null;
  /** Two-digit GST state code; "96"/"97" outside India. */
  stateCode: string | null;
}

export interface MovementParty {
  /** Null: unregistered (the portal's "URP"). */
  gstin: string | null;
  name: string;
  address: MovementAddress | null;
}

export interface MovementLine {
  description: string;
  hsn: string;
  quantityMilli: number;
  unit: string;
  taxability: LineTaxability;
  taxableValue: Paise;
  cgst: Paise;
  sgst: Paise;
  igst: Paise;
  /** Ad valorem and non-ad-valorem together. */
  cess: Paise;
  cessNonAdValorem: Paise;
  gstRateBp: number;
  cessRateBp: number;
  /** Non-ad-valorem cess per unit (the portal's item cessNonAdvol); 0 for none. */
  cessPerUnit: Paise;
  /** IGST regime (inter-state, export, SEZ): the rate goes to igstRate, else half to CGST and half to SGST. */
  igstRegime: boolean;
}

export interface GoodsMovementDocument {
  /** INV tax invoice, BIL bill of supply, CHL delivery challan. */
  docType: 'INV' | 'BIL' | 'CHL';
  /** NIC sub-supply code: 1 supply, 3 export, 4 job work, 5 own use, 8 others … */
  subSupplyType: string;
  /** With sub-supply type 8 (others), which the portal takes only with a description. */
  subSupplyDesc?: string;
  number: string;
  /** yyyy-mm-dd */
  date: string;
  consignor: MovementParty;
  consignee: MovementParty;
  /** Where the goods go when it is not the consignee's address (bill to - ship to). */
  shipTo: MovementAddress | null;
  /** Every line of the document; the builder keeps the goods. */
  lines: MovementLine[];
  /** The document's value (grand total), the portal's totInvValue. */
  documentValue: Paise;
}

/** HSN codes of services (SAC) start with 99; everything else is goods and moves. */
export const isGoodsLine = (l: Pick<MovementLine, 'hsn'>): boolean => !l.hsn.startsWith('99');

/**
 * The consignment value Rule 138(1) compares with the threshold. Our reading of the Explanation to Rule 138(1):
 * the value of the goods under section 15 as declared on the document, INCLUDING the central, state, UT and
 * integrated tax and cess charged, and EXCLUDING the value of exempt supplies of goods when the document also has
 * taxable goods on it. Services on the same invoice are not goods and do not move, so they never count. We treat
 * nil-rated and non-GST goods like exempt goods (no tax is charged on them; Rule 138(14) already frees most non-GST
 * goods from the e-way bill), so only lines with taxability "taxable" add to the value.
 */
export function consignmentValue(doc: Pick<GoodsMovementDocument, 'lines'>): Paise {
  return doc.lines
    .filter((l) => isGoodsLine(l) && l.taxability === 'taxable')
    .reduce((sum, l) => sum + l.taxableValue + l.cgst + l.sgst + l.igst + l.cess, 0);
}

function conflict(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('CONFLICT', message, details);
}

function invalidState(message: string, field: string): AppError {
  return new AppError('INVALID_STATE', message, { field });
}

const rupees = (paise: Paise): number => Number(toMoneyString(paise));
const inr = (paise: Paise): string => formatMoney(paise);
const rate = (bp: number): number => Number(formatRateBp(bp));

/** yyyy-mm-dd -> dd/mm/yyyy. */
const ewbDate = (iso: string): string => iso.split('-').reverse().join('/');

/** Text the portal takes: its address fields allow letters, digits, spaces and # , - / only (and a few more). */
function text(value: string | null | undefined, max: number): string | undefined {
  const t = (value ?? '')
    .replace(/[^A-Za-z0-9 #,\-/.&()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
  return t.length > 0 ? t : undefined;
}

/** Outside India: the portal's state code 99 ("other country") and, with no Indian PIN, 999999. */
const OUTSIDE_INDIA = new Set(['96', '97', '99']);

function place(address: MovementAddress | null, who: 'consignor' | 'consignee') {
  const label = who === 'consignor' ? 'business' : 'recipient';
  const abroad = who === 'consignee' && OUTSIDE_INDIA.has(address?.stateCode ?? '');
  const pin = abroad ? '999999' : (address?.pin ?? '');
  if (!/^[1-9]\d{5}$/.test(pin)) throw invalidState(`The ${label} address needs a six-digit PIN`, `${who}.address.pin`);
  const state = abroad ? '99' : (address?.stateCode ?? '');
  if (!/^\d{2}$/.test(state)) throw invalidState(`The ${label} address needs a state`, `${who}.address.stateCode`);
  return { pin: Number(pin), state: Number(state) };
}

const MODE_CODE: Record<TransportMode, string> = { road: '1', rail: '2', air: '3', ship: '4' };

/** Part B as the portal's fields; empty values left out. */
function partBFields(p: EwayBillPartB): Partial<EwayBill> & { transDistance: string } {
  return {
    transMode: MODE_CODE[p.mode],
    transDistance: String(p.distanceKm),
    ...(p.transporterName ? { transporterName: text(p.transporterName, 100) } : {}),
    ...(p.transporterId ? { transporterId: p.transporterId } : {}),
    ...(p.transportDocNo ? { transDocNo: p.transportDocNo } : {}),
    ...(p.transportDocDate ? { transDocDate: ewbDate(p.transportDocDate) } : {}),
    ...(p.vehicleNo
      ? { vehicleNo: p.vehicleNo, vehicleType: p.overDimensionalCargo ? ('O' as const) : ('R' as const) }
      : {}),
  };
}

export interface BuildEwayBillOptions {
  userGstin: string | null;
  /** Paise; the business setting. */
  threshold: Paise;
  /** Make the JSON below the threshold too (some states and movements need one anyway). */
  force?: boolean;
}

/**
 * The bulk-generation file with one e-way bill: Part A from the document, Part B as entered. Refuses (409) a
 * document without goods, and one whose consignment value (see consignmentValue) is below the threshold unless
 * forced. Items are the goods lines; the totals are their sums, and otherValue is the rest of the document value
 * (services on the same invoice, other charges, round-off), so totalValue + taxes + otherValue = totInvValue.
 */
export function buildEwayBill(
  doc: GoodsMovementDocument,
  partB: EwayBillPartB,
  options: BuildEwayBillOptions,
): EwayBillFile {
  const goods = doc.lines.filter(isGoodsLine);
  if (goods.length === 0) {
    throw conflict('An e-way bill is for goods; this document has only services (HSN codes starting with 99)', {
      reason: 'no_goods',
    });
  }
  const value = consignmentValue(doc);
  if (value < options.threshold && !options.force) {
    throw conflict(
      `The consignment value ${inr(value)} is below the e-way bill threshold of ${inr(options.threshold)}; ` +
        'generate it anyway (force) if the movement needs one',
      { reason: 'below_threshold', threshold: toMoneyString(options.threshold), value: toMoneyString(value) },
    );
  }
  const gstin = options.userGstin ?? doc.consignor.gstin;
  if (!gstin) throw invalidState('The business has no GSTIN; set it in business settings', 'gstin');

  const from = place(doc.consignor.address, 'consignor');
  const billTo = place(doc.consignee.address, 'consignee');
  const delivery = doc.shipTo ? place(doc.shipTo, 'consignee') : billTo;
  const to = doc.shipTo ?? doc.consignee.address;
  const sum = (pick: (l: MovementLine) => Paise) => goods.reduce((s, l) => s + pick(l), 0);
  const taxable = sum((l) => l.taxableValue);
  const cgst = sum((l) => l.cgst);
  const sgst = sum((l) => l.sgst);
  const igst = sum((l) => l.igst);
  const cessNonAdvol = sum((l) => l.cessNonAdValorem);
  const cessAdvol = sum((l) => l.cess) - cessNonAdvol;
  const other = doc.documentValue - taxable - cgst - sgst - igst - cessAdvol - cessNonAdvol;

  const bill: EwayBill = {
    userGstin: gstin,
    supplyType: 'O',
    subSupplyType: doc.subSupplyType,
    ...opt('subSupplyDesc', text(doc.subSupplyDesc, 20)),
    docType: doc.docType,
    docNo: doc.number,
    docDate: ewbDate(doc.date),
    fromGstin: doc.consignor.gstin ?? 'URP',
    ...opt('fromTrdName', text(doc.consignor.name, 100)),
    ...opt('fromAddr1', text(doc.consignor.address?.line1, 120)),
    ...opt('fromAddr2', text(doc.consignor.address?.line2, 120)),
    ...opt('fromPlace', text(doc.consignor.address?.city, 50)),
    fromPincode: from.pin,
    actFromStateCode: from.state,
    fromStateCode: from.state,
    toGstin: doc.consignee.gstin ?? 'URP',
    ...opt('toTrdName', text(doc.consignee.name, 100)),
    ...opt('toAddr1', text(to?.line1, 120)),
    ...opt('toAddr2', text(to?.line2, 120)),
    ...opt('toPlace', text(to?.city, 50)),
    // The PIN and actual state are where the goods go; toStateCode is the recipient's (billing) state.
    toPincode: delivery.pin,
    actToStateCode: delivery.state,
    toStateCode: billTo.state,
    // 1 regular; 2 bill to - ship to (delivered to another address than the recipient's).
    transactionType: doc.shipTo ? 2 : 1,
    totalValue: rupees(taxable),
    cgstValue: rupees(cgst),
    sgstValue: rupees(sgst),
    igstValue: rupees(igst),
    cessValue: rupees(cessAdvol),
    cessNonAdvolValue: rupees(cessNonAdvol),
    otherValue: rupees(other),
    totInvValue: rupees(doc.documentValue),
    ...partBFields(partB),
    itemList: goods.map((l, i) => {
      const gstRate = rate(l.gstRateBp);
      const half = rate(l.gstRateBp / 2);
      return {
        itemNo: i + 1,
        ...opt('productName', text(l.description, 100)),
        ...opt('productDesc', text(l.description, 100)),
        hsnCode: Number(l.hsn),
        quantity: l.quantityMilli / 1000,
        qtyUnit: /^[A-Z]{3}$/.test(l.unit) ? l.unit : 'OTH',
        taxableAmount: rupees(l.taxableValue),
        sgstRate: l.igstRegime ? 0 : half,
        cgstRate: l.igstRegime ? 0 : half,
        igstRate: l.igstRegime ? gstRate : 0,
        cessRate: rate(l.cessRateBp),
        cessNonAdvol: rupees(l.cessPerUnit),
      };
    }),
  };
  return { version: EWB_BULK_VERSION, billLists: [bill] };
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * An issued sales invoice (tax invoice, export invoice or bill of supply) as a goods movement. Credit and debit
 * notes move no goods of their own here (a sales return's e-way bill is the buyer's); drafts and cancelled
 * documents are refused.
 */
export function movementFromInvoice(
  doc: InvoiceDocument,
  taxability: readonly LineTaxability[],
): GoodsMovementDocument {
  if (doc.isDraft) throw invalidState('Issue the invoice before generating its e-way bill', 'status');
  if (doc.isCancelled) throw invalidState('A cancelled invoice has no e-way bill', 'status');
  if (doc.kind !== 'invoice' && doc.kind !== 'bill_of_supply') {
    throw invalidState('E-way bills are generated for invoices only, not for credit or debit notes', 'type');
  }
  const isExport = doc.supplyKind === 'EXPWP' || doc.supplyKind === 'EXPWOP';
  return movementOf(doc, taxability, {
    docType: doc.kind === 'bill_of_supply' ? 'BIL' : 'INV',
    subSupplyType: isExport ? '3' : '1',
  });
}

/**
 * NIC sub-supply codes of a challan's Rule 55 purpose: job work is its own code (4); the master has none for supply
 * on approval, liquid gas or a movement other than by way of supply, so they go as 8 (others) with a description.
 */
const CHALLAN_SUB_SUPPLY: Record<ChallanReason, { subSupplyType: string; subSupplyDesc?: string }> = {
  job_work: { subSupplyType: '4' },
  supply_on_approval: { subSupplyType: '8', subSupplyDesc: 'Supply on approval' },
  supply_of_liquid_gas: { subSupplyType: '8', subSupplyDesc: 'Supply of liquid gas' },
  other: { subSupplyType: '8', subSupplyDesc: 'Not a supply' },
};

/**
 * A delivery challan (already in the invoice document shape, as its PDF prints it) as a goods movement: docType
 * CHL, sub-supply from its Rule 55 purpose. Cancelled challans are refused.
 */
export function movementFromChallan(
  doc: InvoiceDocument,
  taxability: readonly LineTaxability[],
  reason: ChallanReason | null,
): GoodsMovementDocument {
  if (doc.isCancelled) throw invalidState('A cancelled challan has no e-way bill', 'status');
  return movementOf(doc, taxability, { docType: 'CHL', ...CHALLAN_SUB_SUPPLY[reason ?? 'other'] });
}

function movementOf(
  doc: InvoiceDocument,
  taxability: readonly LineTaxability[],
  kind: Pick<GoodsMovementDocument, 'docType' | 'subSupplyType' | 'subSupplyDesc'>,
): GoodsMovementDocument {
  const isExport = doc.supplyKind === 'EXPWP' || doc.supplyKind === 'EXPWOP';
  const igstRegime = doc.regime === 'IGST' || doc.regime === 'IGST_ZERO_RATED_LUT';
  const consignee = doc.recipient.address;
  return {
    ...kind,
    number: doc.number,
    date: doc.date,
    consignor: {
      gstin: doc.supplier.gstin,
      name: doc.supplier.legalName ?? doc.supplier.name,
      address: doc.supplier.address,
    },
    consignee: {
      gstin: isExport ? null : doc.recipient.gstin,
      name: doc.recipient.legalName ?? doc.recipient.name,
      address: consignee,
    },
    shipTo: doc.shipTo?.address ?? null,
    lines: doc.lines.map((l, i) => ({
      description: l.description,
      hsn: l.hsn,
      quantityMilli: l.quantityMilli,
      unit: l.unit,
      taxability: taxability[i] ?? 'taxable',
      taxableValue: l.taxableValue,
      cgst: l.cgst,
      sgst: l.sgst,
      igst: l.igst,
      cess: l.cess,
      cessNonAdValorem: l.cessNonAdValorem,
      gstRateBp: l.gstRateBp,
      cessRateBp: l.cessRateBp,
      cessPerUnit: l.cessPerUnit ?? 0,
      igstRegime,
    })),
    documentValue: doc.totals.grandTotal,
  };
}
