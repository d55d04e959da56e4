import type { EInvoicePayload } from '@bizdash/contracts/einvoice';
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

function party(p: DocumentParty, who: 'seller' | 'buyer', isExport: boolean): EInvoicePayload['SellerDtls'] {
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
  const phone = p.phone?.replace(/\D/g, '').replace(/^91(?=\d{10}$)/, '') ?? null;
  return {
    Gstin: gstin,
    LglNm: (p.legalName ?? p.name).padEnd(3, ' ').slice(0, 100),
    TrdNm: p.name.slice(0, 100),
    Addr1: a.line1.slice(0, 100),
    Addr2: a.line2 ? a.line2.slice(0, 100) : null,
    Loc: a.city.padEnd(3, ' ').slice(0, 50),
    Pin: Number(pin),
    Stcd: stateCode,
    Ph: phone && phone.length >= 6 && phone.length <= 12 ? phone : null,
    Em: p.email && p.email.length <= 100 ? p.email : null,
  };
}

/**
 * The e-invoice (schema 1.1) for an issued document, per gst-rules.md 6.2: every ItemList amount is the stored
 * line value, and ValDtls are the stored totals, which are sums of those line values, so the IRP's sum checks pass
 * by construction (5.3). Throws INVALID_STATE for drafts, cancelled, B2C and payable documents.
 */
export function buildEInvoice(doc: InvoiceDocument): EInvoicePayload {
  const supplyKind = assertEInvoiceable(doc);
  const isExport = supplyKind === 'EXPWP' || supplyKind === 'EXPWOP';
  const t = doc.totals;
  const payload: EInvoicePayload = {
    Version: '1.1',
    TranDtls: {
      TaxSch: 'GST',
      SupTyp: supplyKind,
      RegRev: doc.reverseCharge ? 'Y' : 'N',
      EcmGstin: null,
      IgstOnIntra: doc.isIgstOnIntra ? 'Y' : 'N',
    },
    DocDtls: {
      Typ: doc.kind === 'credit_note' ? 'CRN' : doc.kind === 'debit_note' ? 'DBN' : 'INV',
      No: doc.number,
      Dt: irpDate(doc.date),
    },
    SellerDtls: party(doc.supplier, 'seller', isExport),
    BuyerDtls: { ...party(doc.recipient, 'buyer', isExport), Pos: doc.placeOfSupply },
    ItemList: doc.lines.map((l, i) => ({
      SlNo: String(i + 1),
      PrdDesc: l.description.slice(0, 300),
      IsServc: l.isService ? 'Y' : 'N',
      HsnCd: l.hsn,
      Qty: l.quantityMilli / 1000,
      Unit: l.unit,
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
    })),
    ValDtls: {
      AssVal: rupees(t.taxableValue),
      CgstVal: rupees(t.cgst),
      SgstVal: rupees(t.sgst),
      IgstVal: rupees(t.igst),
      CesVal: rupees(t.cess),
      StCesVal: 0,
      // Discounts are per line (ItemList.Discount), already out of AssVal; an invoice-level discount would go here.
      Discount: 0,
      OthChrg: rupees(t.otherCharges),
      RndOffAmt: rupees(t.roundOff),
      TotInvVal: rupees(t.grandTotal),
    },
  };
  if (doc.originalInvoices.length > 0) {
    payload.RefDtls = { PrecDocDtls: doc.originalInvoices.map((o) => ({ InvNo: o.number, InvDt: irpDate(o.date) })) };
  }
  if (isExport && doc.export) {
    payload.ExpDtls = {
      ShipBNo: doc.export.shippingBillNo,
      ShipBDt: doc.export.shippingBillDate ? irpDate(doc.export.shippingBillDate) : null,
      Port: doc.export.portCode,
      CntCode: doc.export.countryCode?.toUpperCase() ?? null,
      ForCur: doc.export.currency?.toUpperCase() ?? null,
    };
  }
  return payload;
}
