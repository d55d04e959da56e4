import type { CreateInvoiceInput, LineTaxability, SalesKind } from '@bizdash/contracts/invoices';
import { isAppError } from '../errors';
import { MAX_DOCUMENT_TOTAL_PAISE, parseAmount } from '../money';
import {
  computeInvoice,
  type InvoiceComputation,
  type InvoiceLineAmounts,
  type InvoiceLineInput,
} from './compute-invoice';
import type { OriginalLineContext } from './prepare-document-context';
import { apiFieldOfEngine, problemOf, type Problems } from './prepare-document-problems';
import type { TaxRegime } from './regime';
import { parseQuantity, parseRateBp } from './units';
import { isAllowedGstRateBp, normalizeUqc } from './uqc';

/** One line as parsed and checked, ready for the engine and for storing. */
export interface ParsedLine {
  /** Its index among the input lines. */
  index: number;
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

export interface LineRules {
  kind: SalesKind | null;
  isNote: boolean;
  isCreditNote: boolean;
  originalLines: ReadonlyMap<number, OriginalLineContext>;
}

/** Parses and checks one line; records its problems in rule order and returns null when it has any. */
export function parseLine(
  p: Problems,
  line: CreateInvoiceInput['lines'][number],
  i: number,
  rules: LineRules,
): ParsedLine | null {
  const before = p.list.length;
  const f = (name: string) => `lines.${i}.${name}`;
  const unit = normalizeUqc(line.unit);
  if (!unit) p.invalid(f('unit'), `${line.unit} is not a GST unit (UQC), such as NOS or KGS`);
  const quantityMilli = p.attempt(() => parseQuantity(line.quantity, f('quantity')));
  const unitPrice = p.attempt(() => parseAmount(line.rate, f('rate')));
  const gstRateBp = p.attempt(() => parseRateBp(line.gstRate, f('gstRate')));
  if (gstRateBp !== null && !isAllowedGstRateBp(gstRateBp))
    p.invalid(f('gstRate'), `${line.gstRate}% is not a GST rate`);
  const cessRateBp = p.attempt(() => parseRateBp(line.cessRate, f('cessRate')));
  const cessPerUnit = p.attempt(() => parseAmount(line.cessPerUnit, f('cessPerUnit')));
  const charges = gstRateBp !== null && cessRateBp !== null && cessPerUnit !== null;
  const isTaxed = charges && (gstRateBp !== 0 || cessRateBp !== 0 || cessPerUnit !== 0);
  if (rules.kind === 'bill_of_supply' && isTaxed) {
    p.invalid(f('gstRate'), 'a bill of supply charges no tax (Rule 49); use rate 0');
  }
  // Lines of a note keep the treatment of the line they correct.
  const noteOriginal = rules.isNote && line.originalLineId ? rules.originalLines.get(line.originalLineId) : undefined;
  const taxability = noteOriginal ? noteOriginal.taxability : (line.taxability ?? 'taxable');
  if (taxability !== 'taxable' && isTaxed) {
    p.invalid(f('gstRate'), `a ${taxability.replace('_', '-')} supply carries no GST or cess; use rate 0`);
  }
  let discountType: ParsedLine['discountType'] = null;
  let discountValue: number | null = null;
  if (line.discount) {
    const { type, value } = line.discount;
    discountType = type;
    discountValue = p.attempt(() =>
      type === 'percent' ? parseRateBp(value, f('discount.value')) : parseAmount(value, f('discount.value')),
    );
    if (type === 'percent' && discountValue !== null && discountValue > 10000) {
      p.invalid(f('discount.value'), 'cannot exceed 100%');
    }
  }
  const originalLineId = line.originalLineId ?? null;
  if (rules.isNote) {
    if (rules.isCreditNote && originalLineId === null) {
      p.invalid(f('originalLineId'), 'a credit-note line names the original line it credits');
    }
    if (originalLineId !== null) {
      const ol = rules.originalLines.get(originalLineId);
      if (!ol) p.invalid(f('originalLineId'), `line ${originalLineId} is not on the original document`);
      else {
        // A note keeps the original's rates (gst-rules.md 4.1 design rule).
        if (gstRateBp !== null && ol.gstRateBp !== gstRateBp)
          p.invalid(f('gstRate'), "must be the original line's rate");
        if (cessRateBp !== null && ol.cessRateBp !== cessRateBp)
          p.invalid(f('cessRate'), "must be the original line's cess");
      }
    }
  } else if (originalLineId !== null) {
    p.invalid(f('originalLineId'), 'only note lines refer to an original line');
  }
  if (p.list.length > before || !unit || quantityMilli === null || unitPrice === null || !charges) return null;
  return {
    index: i,
    engine: {
      quantityMilli,
      unitPrice,
      discount:
        discountType === 'percent'
          ? { type: 'percent', rateBp: discountValue ?? 0 }
          : discountType === 'amount'
            ? { type: 'amount', amount: discountValue ?? 0 }
            : null,
      gstRateBp: gstRateBp!,
      cessRateBp: cessRateBp!,
      cessPerUnit: cessPerUnit!,
    },
    itemId: line.itemId ?? null,
    originalLineId,
    description: line.description,
    hsnSac: line.hsnSac,
    unit,
    taxability,
    discountType,
    discountValue,
  };
}

export interface ComputedLines {
  /** The lines without problems, in input order. */
  valid: ParsedLine[];
  /** Per input line: its amounts, or null when it has a problem or the tax is not decided. */
  lineAmounts: (InvoiceLineAmounts | null)[];
  computation: InvoiceComputation | null;
}

/**
 * Computes the lines without problems with the GST engine. The engine refuses a discount above the line value:
 * that is found per line first, so one line cannot blank the totals of the others. Without a decided regime the
 * lines are still checked (as IGST) but not totalled.
 */
export function computeLines(
  p: Problems,
  parsed: (ParsedLine | null)[],
  tax: { regime: TaxRegime | null; reverseCharge: boolean; roundToRupee: boolean },
): ComputedLines {
  const { reverseCharge } = tax;
  const checkRegime = tax.regime ?? 'IGST';
  const lines = [...parsed];
  for (const line of lines) {
    if (!line) continue;
    try {
      computeInvoice({ regime: checkRegime, reverseCharge, roundToRupee: false, lines: [line.engine] });
    } catch (error) {
      if (!isAppError(error)) throw error;
      // A sum too large for the document is the whole document's problem: the full computation below names it.
      if (error.details?.field === 'lines') continue;
      p.list.push(problemOf(error, apiFieldOfEngine(error.details?.field, line.index)));
      lines[line.index] = null;
    }
  }
  const valid = lines.filter((l): l is ParsedLine => l !== null);
  const lineAmounts: (InvoiceLineAmounts | null)[] = lines.map(() => null);
  const { regime } = tax;
  if (regime === null) return { valid, lineAmounts, computation: null };
  const computation = p.attempt(
    () => computeInvoice({ regime, reverseCharge, roundToRupee: tax.roundToRupee, lines: valid.map((l) => l.engine) }),
    (error) => apiFieldOfEngine(error.details?.field),
  );
  computation?.lines.forEach((amounts, j) => {
    const line = valid[j];
    if (line) lineAmounts[line.index] = amounts;
  });
  if (computation && computation.totals.grandTotal > MAX_DOCUMENT_TOTAL_PAISE) {
    p.invalid('lines', 'bring the document total under ₹10,00,00,00,000.00 (split it into several documents)');
  }
  return { valid, lineAmounts, computation };
}

/**
 * Credit-note limits: per original line, the quantity and value credited by all issued notes plus this one stay
 * within the line (CGST Act s.34). Lines whose prior credits are unknown are not checked.
 */
export function checkCreditLimits(
  p: Problems,
  { valid, lineAmounts }: ComputedLines,
  originalLines: ReadonlyMap<number, OriginalLineContext>,
): void {
  const wanted = new Map<number, { qty: number; taxable: number; index: number }>();
  for (const line of valid) {
    if (line.originalLineId === null) continue;
    const w = wanted.get(line.originalLineId) ?? { qty: 0, taxable: 0, index: line.index };
    w.qty += line.engine.quantityMilli;
    w.taxable += lineAmounts[line.index]?.taxableValue ?? 0;
    wanted.set(line.originalLineId, w);
  }
  for (const [lineId, w] of wanted) {
    const ol = originalLines.get(lineId);
    if (!ol?.credited) continue;
    const { quantityMilli: priorQty, taxablePaise: priorTaxable } = ol.credited;
    if (priorQty + w.qty > ol.quantityMilli) {
      p.add(
        'LIMIT_EXCEEDED',
        `Line ${ol.position} of the original has quantity ${ol.quantityMilli / 1000}; credit notes would ` +
          `credit ${(priorQty + w.qty) / 1000}`,
        { field: `lines.${w.index}.quantity`, originalLineId: lineId },
      );
    } else if (priorTaxable + w.taxable > ol.taxablePaise) {
      p.add('LIMIT_EXCEEDED', `Credit notes would exceed the value of line ${ol.position} of the original`, {
        field: `lines.${w.index}.rate`,
        originalLineId: lineId,
      });
    }
  }
}
