import type { AddressSnapshot, Invoice } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import { parseQuantity, parseRateBp } from '@bizdash/domain/gst/units';
import { parseMoney } from '@bizdash/domain/money';
import type { DocumentKind, DocumentParty, InvoiceDocument } from './invoice-document';

const paise = (text: string) => parseMoney(text);

/**
 * An address as printed. An Indian-shaped address with state code 96 (saved before parties had foreign addresses)
 * is named by the export's country of destination; a party's own foreign address is mapped separately.
 */
function address(a: AddressSnapshot | null, countryCode: string | null = null): DocumentParty['address'] {
  if (!a) return null;
  return {
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    pin: a.pin,
    stateCode: a.stateCode,
    ...(a.stateCode === '96' && countryCode ? { countryCode } : {}),
  };
}

function sameAddress(a: AddressSnapshot | null, b: AddressSnapshot | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.line1 === b.line1 && a.line2 === b.line2 && a.city === b.city && a.pin === b.pin && a.stateCode === b.stateCode
  );
}

function kindOf(invoice: Invoice): DocumentKind {
  switch (invoice.type) {
    case 'sales':
      return invoice.kind === 'bill_of_supply' ? 'bill_of_supply' : 'invoice';
    case 'credit_note':
      return 'credit_note';
    case 'debit_note':
      return 'debit_note';
    case 'purchase':
      // A purchase bill is the supplier's document; we print only what we issue.
      throw new AppError(
        'INVALID_STATE',
        'A purchase bill is issued by the supplier; BizDash prints only its own documents',
      );
  }
}

/**
 * The printable view of a stored document (contracts `Invoice`): our business is the supplier, the party the
 * recipient. Payable documents (purchase bills and the supplier's notes) are refused with INVALID_STATE.
 */
export function documentFromInvoice(invoice: Invoice): InvoiceDocument {
  if (invoice.direction !== 'receivable') {
    throw new AppError('INVALID_STATE', 'Only documents BizDash issues (sales and notes against them) can be printed');
  }
  const kind = kindOf(invoice);
  const b = invoice.business;
  const p = invoice.party;
  const e = invoice.einvoice;
  const t = invoice.totals;
  const x = invoice.exportDetails;
  const country = x?.countryCode ?? null;
  return {
    kind,
    number: invoice.number ?? 'DRAFT',
    date: invoice.date,
    dueDate: invoice.type === 'credit_note' ? null : invoice.dueDate,
    isCancelled: invoice.status === 'cancelled',
    isDraft: invoice.status === 'draft',
    supplyKind: invoice.tax.supplyKind,
    regime: invoice.tax.regime,
    stateTaxLabel: invoice.tax.stateTaxLabel,
    reverseCharge: invoice.tax.reverseCharge,
    isIgstOnIntra: invoice.tax.isIgstOnIntra,
    supplier: {
      name: b.tradeName ?? b.name,
      legalName: b.legalName,
      address: { ...b.address, stateCode: b.state.code },
      gstin: b.gstin,
      pan: b.pan,
      phone: null,
      email: null,
    },
    recipient: {
      name: p.name,
      legalName: p.legalName,
      address: address(p.billingAddress, country),
      foreignAddress: p.foreignAddress ?? null,
      gstin: p.gstin,
      pan: p.pan,
      phone: p.phones[0] ?? null,
      email: p.emails[0] ?? null,
    },
    shipTo:
      p.shippingAddress && !sameAddress(p.shippingAddress, p.billingAddress)
        ? {
            name: p.legalName ?? p.name,
            legalName: null,
            address: address(p.shippingAddress, country),
            gstin: null,
            pan: null,
            phone: null,
            email: null,
          }
        : null,
    placeOfSupply: invoice.tax.placeOfSupply.code,
    lines: invoice.lines.map((l) => ({
      description: l.description,
      hsn: l.hsnSac,
      isService: l.isService,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: paise(l.rate),
      gross: paise(l.gross),
      discount: paise(l.discountAmount),
      taxableValue: paise(l.taxableValue),
      gstRateBp: parseRateBp(l.gstRate),
      cgst: paise(l.cgst),
      sgst: paise(l.sgst),
      igst: paise(l.igst),
      cessRateBp: parseRateBp(l.cessRate),
      cess: paise(l.cess),
      cessNonAdValorem: paise(l.cessNonAdValorem),
      cessPerUnit: paise(l.cessPerUnit),
      lineTotal: paise(l.total),
      quantityMilli: parseQuantity(l.quantity),
    })),
    totals: {
      gross: paise(t.gross),
      discount: paise(t.discount),
      taxableValue: paise(t.taxableValue),
      cgst: paise(t.cgst),
      sgst: paise(t.sgst),
      igst: paise(t.igst),
      cessAdValorem: paise(t.cessAdValorem),
      cessNonAdValorem: paise(t.cessNonAdValorem),
      cess: paise(t.cess),
      otherCharges: paise(t.otherCharges),
      totalTax: paise(t.totalTax),
      totalBeforeRoundOff: paise(t.totalBeforeRoundOff),
      roundOff: paise(t.roundOff),
      grandTotal: paise(t.grandTotal),
    },
    originalInvoices:
      invoice.original && invoice.original.number
        ? [{ number: invoice.original.number, date: invoice.original.date }]
        : [],
    notes:
      [invoice.noteReason ? `Reason: ${invoice.noteReason}` : null, invoice.notes].filter(Boolean).join(' · ') || null,
    terms: invoice.terms,
    signatoryName: b.signatoryName,
    bank: b.bank,
    upiId: b.upiId,
    irn:
      e.irn && e.ackNo && e.ackDate && e.signedQrCode
        ? { irn: e.irn, ackNo: e.ackNo, ackDate: e.ackDate, signedQrCode: e.signedQrCode }
        : null,
    export: x
      ? {
          shippingBillNo: x.shippingBillNumber,
          shippingBillDate: x.shippingBillDate,
          portCode: x.portCode,
          countryCode: x.countryCode,
          currency: x.currency,
        }
      : null,
    ewayBill:
      invoice.ewayBill.number && invoice.ewayBill.validUntil
        ? { number: invoice.ewayBill.number, validUntil: invoice.ewayBill.validUntil }
        : null,
    // The issue instant, never "now": the same issued invoice always renders to the same bytes.
    issuedAt: new Date(invoice.issuedAt ?? invoice.createdAt),
  };
}
