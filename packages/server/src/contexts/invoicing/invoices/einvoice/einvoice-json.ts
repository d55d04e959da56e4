import type { EInvoicePayload } from '@bizdash/contracts/einvoice';
import type { LineTaxability } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import { EXPORT_POS } from '@bizdash/domain/gst/regime';
import { formatRateBp } from '@bizdash/domain/gst/units';
import { toMoneyString, type Paise } from '@bizdash/domain/money';
import type { DocumentParty, InvoiceDocument } from '../pdf/invoice-document';

/** Supply kinds the IRP takes; B2C is outside e-invoicing (gst-rules.md 6.1). */
const EINVOICE_SUPPLY = ['B2B', 'SEZWP', 'SEZWOP', 'EXPWP', 'EXPWOP', 'DEXP'] as const;
type EInvoiceSupply = (typeof EINVOICE_SUPPLY)[number];

/** Rupees as the IRP wants them: a JSON number, converted from exact paise only here, at the edge. */
const rupees = (paise: Paise): number => Number(toMoneyString(paise));
const rate = (bp: number): number => Number(formatRateBp(bp));

/** yyyy-mm-dd -> DD/MM/YYYY (DocDtls.Dt). */
export function irpDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function isEInvoiceSupply(kind: string): kind is EInvoiceSupply {
  return (EINVOICE_SUPPLY as readonly string[]).includes(kind);
}

function invalidState(message: string, field?: string): AppError {
  return new AppError('INVALID_STATE', message, field ? { field } : undefined);
}

/** Throws INVALID_STATE unless the document is an issued B2B, SEZ, export or deemed-export document. */
export function assertEInvoiceable(doc: InvoiceDocument): EInvoiceSupply {
  if (doc.isDraft) throw invalidState('Issue the document before generating its e-invoice');
  if (doc.isCancelled) throw invalidState('A cancelled document cannot be e-invoiced');
  if (doc.kind === 'bill_of_supply') throw invalidState('A bill of supply is not e-invoiced');
  if (!isEInvoiceSupply(doc.supplyKind)) {
    throw invalidState('E-invoicing covers B2B, SEZ, export and deemed-export supplies only, not B2C');
  }
  if (!doc.supplier.gstin) throw invalidState('The business has no GSTIN; set it in business settings', 'gstin');
  return doc.supplyKind;
}

/** Text as the schema takes it: its string pattern `^([^\\"])*$` refuses double quotes and backslashes. */
function irpText(value: string | null | undefined, max: number): string {
  return (value ?? '').replace(/["\\]/g, "'").replace(/\s+/g, ' ').trim().slice(0, max);
}

/** An optional field: left out (undefined) unless it has at least `min` characters, as the schema requires. */
function optionalText(value: string | null | undefined, min: number, max: number): string | undefined {
  const text = irpText(value, max);
  return text.length >= min ? text : undefined;
}

/** A required name or place with a 3-character minimum: short ones are padded, as the IRP accepts. */
const requiredText = (value: string, max: number): string => irpText(value, max).padEnd(3, ' ');

/** The address of a buyer outside India, as the party snapshot records it (issue 15). */
export interface ForeignBuyerAddress {
  lines: readonly string[];
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  countryName: string;
}

/** What the e-invoice needs beyond the printed document. */
export interface EInvoiceContext {
  /** The recipient's foreign address (party snapshot), used when the document is an export to a party abroad. */
  recipientForeignAddress?: ForeignBuyerAddress | null;
  /** Each line's GST treatment, in line order; absent: every line is taxable. */
  lineTaxability?: readonly LineTaxability[];
}

type PartyDtls = EInvoicePayload['SellerDtls'];

function contactOf(p: DocumentParty): Pick<PartyDtls, 'Ph' | 'Em'> {
  const phone = p.phone?.replace(/\D/g, '').replace(/^91(?=\d{10}$)/, '') ?? '';
  const email = p.email ?? '';
  return {
    ...(/^\d{6,12}$/.test(phone) ? { Ph: phone } : {}),
    // The schema's email pattern; an address it refuses is left out rather than failing the whole document.
    ...(email.length >= 6 && email.length <= 100 && /^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$/.test(email)
      ? { Em: email }
      : {}),
  };
}

function namesOf(p: DocumentParty): Pick<PartyDtls, 'LglNm' | 'TrdNm'> {
  const tradeName = optionalText(p.name, 3, 100);
  return { LglNm: requiredText(p.legalName ?? p.name, 100), ...(tradeName ? { TrdNm: tradeName } : {}) };
}

function party(p: DocumentParty, who: 'seller' | 'buyer', isExport: boolean): PartyDtls {
  const a = p.address;
  const label = who === 'seller' ? 'business' : 'recipient';
  if (!a?.line1 || !a.city) throw invalidState(`The ${label} address needs a street line and a city`, `${who}.address`);
  // Exports: the IRP's convention for a foreign buyer is PIN 999999 and state 96 (IC `data/test_e_invoice.json`).
  const pin = isExport && who === 'buyer' ? '999999' : (a.pin ?? '');
  if (!/^[1-9]\d{5}$/.test(pin)) throw invalidState(`The ${label} address needs a six-digit PIN`, `${who}.address.pin`);
  const stateCode = isExport && who === 'buyer' ? EXPORT_POS : a.stateCode;
  if (!stateCode) throw invalidState(`The ${label} address needs a state`, `${who}.address.stateCode`);
  const gstin = isExport && who === 'buyer' ? 'URP' : p.gstin;
  if (!gstin) throw invalidState('A B2B e-invoice needs the recipient GSTIN', 'buyer.gstin');
  const addr2 = optionalText(a.line2, 3, 100);
  return {
    Gstin: gstin,
    ...namesOf(p),
    Addr1: irpText(a.line1, 100) || '-',
    ...(addr2 ? { Addr2: addr2 } : {}),
    Loc: requiredText(a.city, who === 'seller' ? 50 : 100),
    Pin: Number(pin),
    Stcd: stateCode,
    ...contactOf(p),
  };
}

/**
 * A buyer outside India (schema 1.1 BuyerDtls): GSTIN "URP", state 96 and PIN 999999, since it has neither; the
 * first address line is Addr1, the middle ones Addr2, and the last one with the postal code and the country name is
 * Loc, so nothing of the address is lost. Its country code goes to ExpDtls.CntCode.
 */
function foreignBuyer(p: DocumentParty, address: ForeignBuyerAddress): PartyDtls {
  const lines = address.lines.map((l) => irpText(l, 100)).filter(Boolean);
  const [first, ...rest] = lines;
  if (!first) throw invalidState('The recipient address outside India needs at least one line', 'buyer.address');
  const addr2 = optionalText(rest.slice(0, -1).join(', '), 3, 100);
  const loc = [rest.at(-1), address.postalCode, address.countryName].filter(Boolean).join(', ');
  return {
    Gstin: 'URP',
    ...namesOf(p),
    Addr1: first,
    ...(addr2 ? { Addr2: addr2 } : {}),
    Loc: requiredText(loc, 100),
    Pin: 999999,
    Stcd: EXPORT_POS,
    ...contactOf(p),
  };
}

/**
 * The e-invoice (schema 1.1) for an issued document, per gst-rules.md 6.2: every ItemList amount is the stored
 * line value, and ValDtls are the stored totals, which are sums of those line values, so the IRP's sum checks pass
 * by construction (5.3). Optional fields without a value are left out. Throws INVALID_STATE for drafts, cancelled,
 * B2C and payable documents.
 *
 * Nil-rated, exempt and non-GST lines: the IRP's rules require AssVal to be the sum of the items' AssAmt and
 * TotInvVal to be AssVal plus the taxes plus OthChrg (plus round-off); they have no item treatment for supplies
 * outside GST. We follow the approach the IRP has accepted in India Compliance's sandbox data (gst-rules.md 6.2,
 * vector EXT-IC-03): such lines are left out of ItemList and their value is added to ValDtls.OthChrg, so the
 * invoice value still equals the document's grand total. A document with no taxable line is not e-invoiced.
 */
export function buildEInvoice(doc: InvoiceDocument, context: EInvoiceContext = {}): EInvoicePayload {
  const supplyKind = assertEInvoiceable(doc);
  const isExport = supplyKind === 'EXPWP' || supplyKind === 'EXPWOP';
  const t = doc.totals;
  const foreign = isExport ? (context.recipientForeignAddress ?? null) : null;
  const isTaxable = (i: number) => (context.lineTaxability?.[i] ?? 'taxable') === 'taxable';
  const items = doc.lines.map((line, i) => ({ line, position: i + 1 })).filter((_, i) => isTaxable(i));
  if (items.length === 0) {
    throw invalidState(
      'An e-invoice needs at least one taxable line; nil-rated and exempt supplies alone are not e-invoiced',
    );
  }
  const outsideItems = doc.lines.filter((_, i) => !isTaxable(i)).reduce((sum, l) => sum + l.lineTotal, 0);
  const assessable = items.reduce((sum, { line }) => sum + line.taxableValue, 0);
  const payload: EInvoicePayload = {
    Version: '1.1',
    TranDtls: {
      TaxSch: 'GST',
      SupTyp: supplyKind,
      RegRev: doc.reverseCharge ? 'Y' : 'N',
      // EcmGstin (e-commerce operator) is left out: BizDash does not record supplies through an operator.
      IgstOnIntra: doc.isIgstOnIntra ? 'Y' : 'N',
    },
    DocDtls: {
      Typ: doc.kind === 'credit_note' ? 'CRN' : doc.kind === 'debit_note' ? 'DBN' : 'INV',
      No: doc.number,
      Dt: irpDate(doc.date),
    },
    SellerDtls: party(doc.supplier, 'seller', isExport),
    BuyerDtls: {
      ...(foreign ? foreignBuyer(doc.recipient, foreign) : party(doc.recipient, 'buyer', isExport)),
      Pos: doc.placeOfSupply,
    },
    ItemList: items.map(({ line: l, position }) => {
      const description = optionalText(l.description, 3, 300);
      const unit = /^[A-Za-z]{3,8}$/.test(l.unit) ? l.unit : undefined;
      return {
        SlNo: String(position),
        ...(description ? { PrdDesc: description } : {}),
        IsServc: l.isService ? ('Y' as const) : ('N' as const),
        HsnCd: l.hsn,
        Qty: l.quantityMilli / 1000,
        ...(unit ? { Unit: unit } : {}),
        UnitPrice: rupees(l.unitPrice),
        TotAmt: rupees(l.gross),
        Discount: rupees(l.discount),
        AssAmt: rupees(l.taxableValue),
        GstRt: rate(l.gstRateBp),
        IgstAmt: rupees(l.igst),
        CgstAmt: rupees(l.cgst),
        SgstAmt: rupees(l.sgst),
        CesRt: rate(l.cessRateBp),
        CesAmt: rupees(l.cess - l.cessNonAdValorem),
        CesNonAdvlAmt: rupees(l.cessNonAdValorem),
        StateCesRt: 0,
        StateCesAmt: 0,
        StateCesNonAdvlAmt: 0,
        OthChrg: 0,
        TotItemVal: rupees(l.lineTotal),
      };
    }),
    ValDtls: {
      AssVal: rupees(assessable),
      CgstVal: rupees(t.cgst),
      SgstVal: rupees(t.sgst),
      IgstVal: rupees(t.igst),
      CesVal: rupees(t.cess),
      StCesVal: 0,
      // Discounts are per line (ItemList.Discount), already out of AssVal; an invoice-level discount would go here.
      Discount: 0,
      OthChrg: rupees(t.otherCharges + outsideItems),
      RndOffAmt: rupees(t.roundOff),
      TotInvVal: rupees(t.grandTotal),
    },
  };
  if (doc.originalInvoices.length > 0) {
    payload.RefDtls = { PrecDocDtls: doc.originalInvoices.map((o) => ({ InvNo: o.number, InvDt: irpDate(o.date) })) };
  }
  if (isExport) {
    const x = doc.export;
    const country = (x?.countryCode ?? foreign?.countryCode ?? '').toUpperCase();
    const shippingBill = optionalText(x?.shippingBillNo, 1, 20);
    const exp: NonNullable<EInvoicePayload['ExpDtls']> = {
      ...(shippingBill ? { ShipBNo: shippingBill } : {}),
      ...(x?.shippingBillDate ? { ShipBDt: irpDate(x.shippingBillDate) } : {}),
      ...(x?.portCode && /^[0-9A-Za-z]{2,10}$/.test(x.portCode) ? { Port: x.portCode.toUpperCase() } : {}),
      ...(/^[A-Z]{2}$/.test(country) ? { CntCode: country } : {}),
      ...(x?.currency && /^[A-Za-z]{3}$/.test(x.currency) ? { ForCur: x.currency.toUpperCase() } : {}),
    };
    if (Object.keys(exp).length > 0) payload.ExpDtls = exp;
  }
  return payload;
}
