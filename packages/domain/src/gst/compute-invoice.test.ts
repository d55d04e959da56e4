import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseMoney } from '../money';
import { computeInvoice, type InvoiceInput, type InvoiceLineInput } from './compute-invoice';
import type { TaxRegime } from './regime';
import { parseQuantity, parseRateBp } from './units';

function line(overrides: Partial<InvoiceLineInput> = {}): InvoiceLineInput {
  return { quantityMilli: 1000, unitPrice: 10000, gstRateBp: 1800, ...overrides };
}

function invoice(overrides: Partial<InvoiceInput> = {}): InvoiceInput {
  return { regime: 'CGST_SGST', reverseCharge: false, roundToRupee: false, lines: [line()], ...overrides };
}

/** Independent oracle: BigInt with half-up written as floor((2n + d) / 2d), not roundDiv. */
function refRound(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

function refLine(input: InvoiceLineInput, regime: TaxRegime) {
  const q = BigInt(input.quantityMilli);
  const gross = refRound(q * BigInt(input.unitPrice), 1000n);
  const d = input.discount;
  const discount = !d ? 0n : d.type === 'amount' ? BigInt(d.amount) : refRound(gross * BigInt(d.rateBp), 10000n);
  const taxable = gross - discount;
  const rate = BigInt(input.gstRateBp);
  const taxed = regime !== 'IGST_ZERO_RATED_LUT';
  const half = regime === 'CGST_SGST' || regime === 'CGST_UTGST' ? refRound(taxable * rate, 20000n) : 0n;
  const igst = regime === 'IGST' ? refRound(taxable * rate, 10000n) : 0n;
  const cess = taxed
    ? refRound(taxable * BigInt(input.cessRateBp ?? 0), 10000n) + refRound(q * BigInt(input.cessPerUnit ?? 0), 1000n)
    : 0n;
  return { gross, discount, taxable, cgst: half, sgst: half, igst, cess, total: taxable + 2n * half + igst + cess };
}

/** A deterministic pseudo-random source (LCG), so failures reproduce. */
function seeded(seed: number): (max: number) => number {
  let state = seed;
  return (max) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % max;
  };
}

const RATES = [0, 10, 25, 150, 300, 500, 600, 750, 1200, 1800, 2800, 4000];

function randomLines(count: number, seed: number): InvoiceLineInput[] {
  const next = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const base: InvoiceLineInput = {
      quantityMilli: 1 + next(250_000),
      unitPrice: next(5_000_000),
      gstRateBp: RATES[next(RATES.length)] ?? 1800,
      cessRateBp: i % 7 === 0 ? 1200 : 0,
      cessPerUnit: i % 11 === 0 ? 417 : 0,
    };
    if (i % 3 === 0) return { ...base, discount: { type: 'percent', rateBp: next(10_001) } };
    return base;
  });
}

function expectValidationError(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).details).toMatchObject({ field });
    return;
  }
  throw new Error(`expected VALIDATION_FAILED on ${field}`);
}

describe('computeInvoice rounding', () => {
  it('rounds an exact half paisa up where floats would round it down (9.495 -> 9.50)', () => {
    const result = computeInvoice(invoice({ lines: [line({ quantityMilli: 2000, unitPrice: 5275 })] }));
    expect(result.lines[0]).toMatchObject({ taxableValue: 10550, cgst: 950, sgst: 950, lineTotal: 12450 });
  });

  it('rounds each intra-state half on its own, so IGST can exceed CGST + SGST by a paisa', () => {
    const pencil = [line({ unitPrice: 1010, gstRateBp: 500 })];
    expect(computeInvoice(invoice({ lines: pencil })).totals).toMatchObject({ cgst: 25, sgst: 25, igst: 0 });
    expect(computeInvoice(invoice({ regime: 'IGST', lines: pencil })).totals).toMatchObject({ cgst: 0, igst: 51 });
  });

  it('applies quarter-percent and merchant-export rates without a stored half rate', () => {
    // 1,00,001.00 at 0.25 %: each half is 0.125 % = 125.00125 -> 125.00; IGST 250.0025 -> 250.00.
    const big = [line({ unitPrice: 10000100, gstRateBp: 25 })];
    expect(computeInvoice(invoice({ lines: big })).totals).toMatchObject({ cgst: 12500, sgst: 12500 });
    expect(computeInvoice(invoice({ regime: 'IGST', lines: big })).totals.igst).toBe(25000);
    // 999.99 at 0.1 %: halves of 0.499995 -> 0.50 each, IGST 0.99999 -> 1.00.
    const merchant = [line({ unitPrice: 99999, gstRateBp: 10 })];
    expect(computeInvoice(invoice({ lines: merchant })).totals).toMatchObject({ cgst: 50, sgst: 50 });
    expect(computeInvoice(invoice({ regime: 'IGST', lines: merchant })).totals.igst).toBe(100);
  });

  it('rounds fractional quantities and percentage discounts half up (INV-02 line 1 and 3)', () => {
    const result = computeInvoice(
      invoice({
        regime: 'IGST',
        lines: [
          line({ quantityMilli: 3000, unitPrice: 99999, discount: { type: 'percent', rateBp: 1000 } }),
          line({ quantityMilli: 2500, unitPrice: 41240, discount: { type: 'amount', amount: 3100 } }),
          line({ quantityMilli: 1, unitPrice: 500 }), // 0.001 × 5.00 = 0.005 -> 0.01
        ],
      }),
    );
    expect(result.lines[0]).toMatchObject({ gross: 299997, discount: 30000, taxableValue: 269997, igst: 48599 });
    expect(result.lines[1]).toMatchObject({ gross: 103100, discount: 3100, taxableValue: 100000, igst: 18000 });
    expect(result.lines[2]).toMatchObject({ gross: 1, taxableValue: 1, igst: 0 });
  });

  it('rounds the grand total to the rupee half up, with a signed round-off', () => {
    const at = (paise: number) =>
      computeInvoice(invoice({ roundToRupee: true, lines: [line({ unitPrice: paise, gstRateBp: 0 })] })).totals;
    expect(at(12450)).toMatchObject({ totalBeforeRoundOff: 12450, roundOff: 50, grandTotal: 12500 });
    expect(at(12449)).toMatchObject({ roundOff: -49, grandTotal: 12400 });
    expect(at(12400)).toMatchObject({ roundOff: 0, grandTotal: 12400 });
    expect(at(49)).toMatchObject({ roundOff: -49, grandTotal: 0 });
    const unrounded = computeInvoice(invoice({ lines: [line({ unitPrice: 12449, gstRateBp: 0 })] })).totals;
    expect(unrounded).toMatchObject({ roundOff: 0, grandTotal: 12449 });
  });
});

describe('computeInvoice regimes', () => {
  it('puts UTGST in the SGST slot and labels it', () => {
    const result = computeInvoice(invoice({ regime: 'CGST_UTGST', lines: [line({ unitPrice: 4500000 })] }));
    expect(result.stateTaxLabel).toBe('UTGST');
    expect(result.totals).toMatchObject({ cgst: 405000, sgst: 405000, igst: 0, grandTotal: 5310000 });
    expect(computeInvoice(invoice()).stateTaxLabel).toBe('SGST');
    expect(computeInvoice(invoice({ regime: 'IGST' })).stateTaxLabel).toBeNull();
  });

  it('states the rate but charges neither GST nor cess under LUT', () => {
    const result = computeInvoice(
      invoice({ regime: 'IGST_ZERO_RATED_LUT', lines: [line({ cessRateBp: 1200, cessPerUnit: 417 })] }),
    );
    expect(result.stateTaxLabel).toBeNull();
    expect(result.totals).toMatchObject({ taxableValue: 10000, totalTax: 0, cess: 0, grandTotal: 10000 });
  });

  it('charges IGST on an export with payment and includes it in the total', () => {
    const result = computeInvoice(invoice({ regime: 'IGST', lines: [line()] }));
    expect(result.totals).toMatchObject({ igst: 1800, totalTax: 1800, grandTotal: 11800 });
  });

  it('shows reverse-charge tax but leaves it out of what the buyer pays the supplier', () => {
    const result = computeInvoice(
      invoice({ reverseCharge: true, roundToRupee: true, otherCharges: 250, lines: [line({ unitPrice: 10050 })] }),
    );
    expect(result.reverseCharge).toBe(true);
    expect(result.lines[0]).toMatchObject({ taxableValue: 10050, cgst: 905, sgst: 905, lineTotal: 10050 });
    expect(result.totals).toMatchObject({ totalTax: 1810, totalBeforeRoundOff: 10300, grandTotal: 10300 });
  });

  it('adds ad valorem and per-unit cess, each rounded on its own', () => {
    // 240 × 35.40 at 28 % + 12 % cess (INV-06), plus ₹4.17 per unit on 2.5 units = 10.425 -> 10.43.
    const result = computeInvoice(
      invoice({
        lines: [
          line({ quantityMilli: 240000, unitPrice: 3540, gstRateBp: 2800, cessRateBp: 1200 }),
          line({ quantityMilli: 2500, unitPrice: 0, gstRateBp: 2800, cessPerUnit: 417 }),
        ],
      }),
    );
    expect(result.lines[0]).toMatchObject({ cgst: 118944, cessAdValorem: 101952, cessNonAdValorem: 0 });
    expect(result.lines[1]).toMatchObject({ taxableValue: 0, cessAdValorem: 0, cessNonAdValorem: 1043, cess: 1043 });
    expect(result.totals).toMatchObject({ cessAdValorem: 101952, cessNonAdValorem: 1043, cess: 102995 });
  });

  it('adds untaxed other charges after tax (EXT-IC-03)', () => {
    const result = computeInvoice(
      invoice({ roundToRupee: true, otherCharges: 10000, lines: [line({ unitPrice: 1000, gstRateBp: 1200 })] }),
    );
    expect(result.totals).toMatchObject({
      totalTax: 120,
      totalBeforeRoundOff: 11120,
      roundOff: -20,
      grandTotal: 11100,
    });
  });
});

describe('computeInvoice totals', () => {
  it('sums 100 lines exactly and agrees with an independent BigInt computation', () => {
    for (const regime of ['CGST_SGST', 'CGST_UTGST', 'IGST', 'IGST_ZERO_RATED_LUT'] as const) {
      const lines = randomLines(100, 42);
      const result = computeInvoice(invoice({ regime, roundToRupee: true, lines }));
      let taxable = 0n;
      let total = 0n;
      lines.forEach((input, i) => {
        const ref = refLine(input, regime);
        const got = result.lines[i];
        expect(got, `line ${i}`).toMatchObject({
          gross: Number(ref.gross),
          discount: Number(ref.discount),
          taxableValue: Number(ref.taxable),
          cgst: Number(ref.cgst),
          sgst: Number(ref.sgst),
          igst: Number(ref.igst),
          cess: Number(ref.cess),
          lineTotal: Number(ref.total),
        });
        taxable += ref.taxable;
        total += ref.total;
      });
      const t = result.totals;
      expect(t.taxableValue).toBe(Number(taxable));
      expect(t.totalBeforeRoundOff).toBe(Number(total));
      expect(t.totalBeforeRoundOff).toBe(result.lines.reduce((sum, l) => sum + l.lineTotal, 0));
      expect(t.totalTax).toBe(t.cgst + t.sgst + t.igst + t.cess);
      expect(t.gross - t.discount).toBe(t.taxableValue);
      expect(t.grandTotal % 100).toBe(0);
      expect(Math.abs(t.roundOff)).toBeLessThanOrEqual(50);
    }
  });

  it('keeps a paisa exact on amounts beyond 2^53 intermediate products', () => {
    // 123456.789 units at ₹98,76,543.21: the products pass 2^53, the results do not.
    const input = line({ quantityMilli: 123_456_789, unitPrice: 987_654_321, gstRateBp: 2800, cessRateBp: 29000 });
    const ref = refLine(input, 'CGST_SGST');
    const result = computeInvoice(invoice({ lines: [input] }));
    expect(result.lines[0]).toMatchObject({
      gross: Number(ref.gross),
      cgst: Number(ref.cgst),
      cess: Number(ref.cess),
      lineTotal: Number(ref.total),
    });
  });

  it('returns zeros for an empty invoice, so a new form can compute before any line exists', () => {
    const result = computeInvoice(invoice({ roundToRupee: true, lines: [] }));
    expect(result.lines).toEqual([]);
    expect(Object.values(result.totals).every((value) => value === 0)).toBe(true);
  });

  it('accepts zero quantity, zero price, 0 % GST and a 100 % discount', () => {
    const result = computeInvoice(
      invoice({
        lines: [
          line({ quantityMilli: 0 }),
          line({ unitPrice: 0 }),
          line({ gstRateBp: 0 }),
          line({ discount: { type: 'percent', rateBp: 10000 } }),
          line({ discount: { type: 'amount', amount: 10000 } }),
        ],
      }),
    );
    expect(result.lines.map((l) => l.lineTotal)).toEqual([0, 0, 10000, 0, 0]);
  });

  it('returns plain integers that survive a JSON round trip and leaves the input untouched', () => {
    const input = invoice({ lines: randomLines(5, 7) });
    const before = JSON.stringify(input);
    const result = computeInvoice(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    for (const value of Object.values(result.totals)) expect(Number.isSafeInteger(value)).toBe(true);
  });

  it('matches amounts parsed from decimal strings', () => {
    const result = computeInvoice(
      invoice({
        regime: 'IGST',
        lines: [{ quantityMilli: parseQuantity('7'), unitPrice: parseMoney('149.50'), gstRateBp: parseRateBp('5') }],
      }),
    );
    expect(result.totals.igst).toBe(5233); // 52.325 -> 52.33, not banker's 52.32
  });
});

describe('computeInvoice validation', () => {
  it('names the offending field', () => {
    expectValidationError(
      () => computeInvoice(invoice({ lines: [line(), line({ unitPrice: -1 })] })),
      'lines[1].unitPrice',
    );
    expectValidationError(
      () => computeInvoice(invoice({ lines: [line({ quantityMilli: -1000 })] })),
      'lines[0].quantityMilli',
    );
    expectValidationError(
      () => computeInvoice(invoice({ lines: [line({ quantityMilli: 1.5 })] })),
      'lines[0].quantityMilli',
    );
    expectValidationError(
      () => computeInvoice(invoice({ lines: [line({ unitPrice: Number.NaN })] })),
      'lines[0].unitPrice',
    );
    expectValidationError(() => computeInvoice(invoice({ lines: [line({ gstRateBp: 10001 })] })), 'lines[0].gstRateBp');
    expectValidationError(() => computeInvoice(invoice({ lines: [line({ cessRateBp: -1 })] })), 'lines[0].cessRateBp');
    expectValidationError(
      () => computeInvoice(invoice({ lines: [line({ cessPerUnit: 0.5 })] })),
      'lines[0].cessPerUnit',
    );
    expectValidationError(() => computeInvoice(invoice({ otherCharges: -100 })), 'otherCharges');
  });

  it('refuses a discount above the line value or 100 %', () => {
    const over = line({ discount: { type: 'amount', amount: 10001 } });
    expectValidationError(() => computeInvoice(invoice({ lines: [over] })), 'lines[0].discount.amount');
    const pct = line({ discount: { type: 'percent', rateBp: 10001 } });
    expectValidationError(() => computeInvoice(invoice({ lines: [pct] })), 'lines[0].discount.rateBp');
  });

  it('refuses values that arrive untyped from JSON', () => {
    const parsed: unknown = JSON.parse('{"regime":"GST","reverseCharge":false,"roundToRupee":false,"lines":[]}');
    expectValidationError(() => computeInvoice(parsed as InvoiceInput), 'regime'); // `as`: simulating a bad request
    const discount: unknown = { type: 'free' };
    const bad = line({ discount: discount as InvoiceLineInput['discount'] }); // `as`: simulating a bad request
    expectValidationError(() => computeInvoice(invoice({ lines: [bad] })), 'lines[0].discount.type');
  });

  it('refuses totals beyond a safe integer instead of losing paise', () => {
    const huge = line({ quantityMilli: Number.MAX_SAFE_INTEGER, unitPrice: Number.MAX_SAFE_INTEGER });
    expect(() => computeInvoice(invoice({ lines: [huge] }))).toThrow(AppError);
    const big = line({ quantityMilli: 1000, unitPrice: 2 ** 52, gstRateBp: 0 });
    expect(() => computeInvoice(invoice({ lines: [big, big, big] }))).toThrow(AppError);
  });
});
