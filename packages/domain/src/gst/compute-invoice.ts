import { AppError } from '../errors';
import type { Paise } from '../money';
import { mulDivRound } from './exact-math';
import { isTaxRegime, stateTaxLabelOf, type StateTaxLabel, type TaxRegime } from './regime';
import { FULL_RATE_BP, QTY_SCALE } from './units';

/** A per-line discount: a percentage of the line's gross value, or a flat amount. */
export type LineDiscount = { type: 'percent'; rateBp: number } | { type: 'amount'; amount: Paise };

/**
 * One invoice line as entered. Every field is an integer, so a server can persist it in INTEGER columns and a web
 * page can recompute on each keystroke without parsing; units.ts converts the decimal strings of forms and JSON.
 */
export interface InvoiceLineInput {
  /** Quantity in thousandths of the unit (QTY_SCALE): 2.5 kg is 2500. */
  quantityMilli: number;
  /** Price of one whole unit before discount and tax, in paise. */
  unitPrice: Paise;
  discount?: LineDiscount | null;
  /** Total GST rate in basis points (18 % is 1800). Stated even when an LUT export charges no tax. */
  gstRateBp: number;
  /** Ad valorem compensation cess in basis points (12 % is 1200). */
  cessRateBp?: number;
  /** Specific (non ad valorem) cess per whole unit, in paise: "₹4170 per thousand" is 417. */
  cessPerUnit?: Paise;
}

export interface InvoiceInput {
  /** From decideRegime (regime.ts); persisted with the invoice so a later rule change cannot alter it. */
  regime: TaxRegime;
  /** Rule 46(p): tax is computed and shown but payable by the recipient, so it stays out of the total (5.6). */
  reverseCharge: boolean;
  /** Round the grand total to the nearest rupee, half up, and show the difference as a Round Off line (5.3). */
  roundToRupee: boolean;
  /** Untaxed amounts added to the invoice value (e-invoice `OthChrg`), e.g. nil-rated items as IC reports them. */
  otherCharges?: Paise;
  lines: readonly InvoiceLineInput[];
}

/** Computed amounts of one line, in paise. The UTGST amount sits in `sgst` (see stateTaxLabel). */
export interface InvoiceLineAmounts {
  /** round2(quantity × unit price): e-invoice `TotAmt`. */
  gross: Paise;
  discount: Paise;
  /** gross − discount: e-invoice `AssAmt`, Rule 46(k). */
  taxableValue: Paise;
  cgst: Paise;
  sgst: Paise;
  igst: Paise;
  /** e-invoice `CesAmt`. */
  cessAdValorem: Paise;
  /** e-invoice `CesNonAdvlAmt`. */
  cessNonAdValorem: Paise;
  cess: Paise;
  /** What the buyer pays the supplier for this line: taxable value plus the tax collected (e-invoice `TotItemVal`). */
  lineTotal: Paise;
}

/** Invoice totals in paise; each is the sum of the rounded line values, never recomputed on the total (5.3). */
export interface InvoiceTotals {
  gross: Paise;
  discount: Paise;
  taxableValue: Paise;
  cgst: Paise;
  sgst: Paise;
  igst: Paise;
  cessAdValorem: Paise;
  cessNonAdValorem: Paise;
  cess: Paise;
  otherCharges: Paise;
  /** cgst + sgst + igst + cess as shown on the invoice, including reverse-charge tax the buyer pays. */
  totalTax: Paise;
  totalBeforeRoundOff: Paise;
  /** grandTotal − totalBeforeRoundOff, negative when rounding down (e-invoice `RndOffAmt`). */
  roundOff: Paise;
  /** Amount payable to the supplier (e-invoice `TotInvVal`). */
  grandTotal: Paise;
}

export interface InvoiceComputation {
  regime: TaxRegime;
  /** Heading of the `sgst` column: SGST, UTGST, or null when the regime leaves it empty. */
  stateTaxLabel: StateTaxLabel | null;
  reverseCharge: boolean;
  /** Same order as the input lines. */
  lines: InvoiceLineAmounts[];
  totals: InvoiceTotals;
}

// Tax for one half of the intra-state split: taxable × (rate / 2) / 100, one exact division, so 0.25 % needs no
// 0.125 % representation and CGST always equals SGST/UTGST (5.3, 4.1).
const HALF_RATE_DIVISOR = 2 * FULL_RATE_BP;

/**
 * Computes every line and total of a GST invoice per gst-rules.md 5.3 and the invoice-vectors.json conventions:
 * integer paise, half-up at each 2-decimal step, tax per line, totals as sums of lines. Pure; throws
 * VALIDATION_FAILED naming the field (e.g. `lines[2].unitPrice`) on invalid input.
 */
export function computeInvoice(input: InvoiceInput): InvoiceComputation {
  const { regime, reverseCharge, roundToRupee, lines } = input;
  if (!isTaxRegime(regime)) throw invalid('regime', `unknown tax regime ${String(regime)}`);
  const otherCharges = input.otherCharges ?? 0;
  checkAmount(otherCharges, 'otherCharges');
  const isIntra = regime === 'CGST_SGST' || regime === 'CGST_UTGST';
  const isIgst = regime === 'IGST';
  // LUT exports and SEZ supplies without payment state the rate but charge neither GST nor cess (IGST Act s.16(3)).
  const isTaxed = isIntra || isIgst;

  const results: InvoiceLineAmounts[] = new Array<InvoiceLineAmounts>(lines.length);
  let gross = 0;
  let discount = 0;
  let taxableValue = 0;
  let cgst = 0;
  let sgst = 0;
  let igst = 0;
  let cessAdValorem = 0;
  let cessNonAdValorem = 0;
  let linesTotal = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line === null) throw invalid(`lines[${i}]`, 'missing invoice line');
    const { quantityMilli, unitPrice, gstRateBp } = line;
    const cessRateBp = line.cessRateBp ?? 0;
    const cessPerUnit = line.cessPerUnit ?? 0;
    checkLineInt(quantityMilli, i, 'quantityMilli', Number.MAX_SAFE_INTEGER);
    checkLineInt(unitPrice, i, 'unitPrice', Number.MAX_SAFE_INTEGER);
    checkLineInt(gstRateBp, i, 'gstRateBp', FULL_RATE_BP);
    checkLineInt(cessRateBp, i, 'cessRateBp', Number.MAX_SAFE_INTEGER);
    checkLineInt(cessPerUnit, i, 'cessPerUnit', Number.MAX_SAFE_INTEGER);

    const lineGross = mulDivRound(quantityMilli, unitPrice, QTY_SCALE, 'gross');
    const lineDiscount = discountOf(line.discount, lineGross, i);
    const taxable = lineGross - lineDiscount;

    let lineCgst = 0;
    let lineIgst = 0;
    let lineCessAv = 0;
    let lineCessNonAv = 0;
    if (isTaxed) {
      if (isIntra) lineCgst = mulDivRound(taxable, gstRateBp, HALF_RATE_DIVISOR, 'cgst');
      else lineIgst = mulDivRound(taxable, gstRateBp, FULL_RATE_BP, 'igst');
      lineCessAv = mulDivRound(taxable, cessRateBp, FULL_RATE_BP, 'cess');
      lineCessNonAv = mulDivRound(quantityMilli, cessPerUnit, QTY_SCALE, 'cess');
    }
    // SGST/UTGST is computed exactly like CGST, so it is the same figure.
    const lineSgst = lineCgst;
    const lineCess = lineCessAv + lineCessNonAv;
    const lineTax = lineCgst + lineSgst + lineIgst + lineCess;
    // Under reverse charge the buyer pays the tax to the government, not to the supplier (5.6; IC sets TotItemVal
    // to the taxable value).
    const lineTotal = reverseCharge ? taxable : taxable + lineTax;

    results[i] = {
      gross: lineGross,
      discount: lineDiscount,
      taxableValue: taxable,
      cgst: lineCgst,
      sgst: lineSgst,
      igst: lineIgst,
      cessAdValorem: lineCessAv,
      cessNonAdValorem: lineCessNonAv,
      cess: lineCess,
      lineTotal,
    };
    gross += lineGross;
    discount += lineDiscount;
    taxableValue += taxable;
    cgst += lineCgst;
    sgst += lineSgst;
    igst += lineIgst;
    cessAdValorem += lineCessAv;
    cessNonAdValorem += lineCessNonAv;
    linesTotal += lineTotal;
  }

  const cess = cessAdValorem + cessNonAdValorem;
  const totalBeforeRoundOff = linesTotal + otherCharges;
  // Sums of safe integers stay exact below 2^53, and a float sum that passes it stays above it; every total is at
  // most this combined sum, so one check covers them all.
  if (!Number.isSafeInteger(totalBeforeRoundOff + cgst + sgst + igst + cess + gross)) {
    throw invalid('lines', 'invoice amounts are too large');
  }
  // CGST Act s.170 style: nearest rupee, 50 paise and above go up (5.3).
  const grandTotal = roundToRupee ? mulDivRound(totalBeforeRoundOff, 1, 100, 'grandTotal') * 100 : totalBeforeRoundOff;

  return {
    regime,
    stateTaxLabel: stateTaxLabelOf(regime),
    reverseCharge,
    lines: results,
    totals: {
      gross,
      discount,
      taxableValue,
      cgst,
      sgst,
      igst,
      cessAdValorem,
      cessNonAdValorem,
      cess,
      otherCharges,
      totalTax: cgst + sgst + igst + cess,
      totalBeforeRoundOff,
      roundOff: grandTotal - totalBeforeRoundOff,
      grandTotal,
    },
  };
}

function discountOf(discount: LineDiscount | null | undefined, gross: Paise, i: number): Paise {
  if (discount === undefined || discount === null) return 0;
  switch (discount.type) {
    case 'percent':
      checkLineInt(discount.rateBp, i, 'discount.rateBp', FULL_RATE_BP);
      return mulDivRound(gross, discount.rateBp, FULL_RATE_BP, 'discount');
    case 'amount':
      checkLineInt(discount.amount, i, 'discount.amount', Number.MAX_SAFE_INTEGER);
      // A discount above the line value would make a negative taxable value; that is a credit note's job.
      if (discount.amount > gross) throw invalid(`lines[${i}].discount.amount`, 'discount exceeds the line value');
      return discount.amount;
    default: {
      // Unreachable for typed callers; a web form or JSON may still send another type, so name it in the error.
      const unknown: never = discount;
      const type: unknown = (unknown as { type?: unknown }).type; // `as`: a never value has no properties to read
      throw invalid(`lines[${i}].discount.type`, `unknown discount type ${String(type)}`);
    }
  }
}

// Credit and debit notes carry positive amounts (5.4), so no input is ever negative. The field name is built only
// when the check fails, keeping the keystroke path free of string work.
function checkLineInt(value: number, i: number, name: string, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw invalid(`lines[${i}].${name}`, `${name} must be an integer from 0 to ${max}`);
  }
}

function checkAmount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw invalid(field, `${field} must be a non-negative paise amount`);
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { field });
}
