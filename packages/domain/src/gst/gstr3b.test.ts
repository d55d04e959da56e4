import { describe, expect, it } from 'vitest';
import {
  classifyOutward,
  computeGstr3b,
  exemptInwardOf,
  itcTypeOf,
  setOffTax,
  zeroHeads,
  type InwardGroup,
  type OutwardGroup,
  type TaxHeads,
} from './gstr3b';

const heads = (igst: number, cgst: number, sgst: number, cess = 0): TaxHeads => ({ igst, cgst, sgst, cess });

function outward(overrides: Partial<OutwardGroup>): OutwardGroup {
  return {
    taxable: 0,
    ...zeroHeads(),
    taxability: 'taxable',
    isBillOfSupply: false,
    isZeroRated: false,
    isZeroRateLine: false,
    isReverseCharge: false,
    isInterState: false,
    recipient: 'registered',
    placeOfSupply: '27',
    ...overrides,
  };
}

function inward(overrides: Partial<InwardGroup>): InwardGroup {
  return {
    taxable: 0,
    ...zeroHeads(),
    taxability: 'taxable',
    isZeroRateLine: false,
    isReverseCharge: false,
    isInterState: false,
    supplier: 'registered',
    isService: false,
    itcEligibility: 'eligible',
    ...overrides,
  };
}

describe('classifyOutward', () => {
  const base = { taxability: 'taxable', isBillOfSupply: false, isZeroRated: false, isZeroRateLine: false } as const;
  it('puts a line by its own treatment first, then bill of supply, zero-rating and a 0 % rate', () => {
    expect(classifyOutward(base)).toBe('osup_det');
    expect(classifyOutward({ ...base, taxability: 'non_gst', isZeroRated: true })).toBe('osup_nongst');
    expect(classifyOutward({ ...base, taxability: 'exempt' })).toBe('osup_nil_exmp');
    expect(classifyOutward({ ...base, taxability: 'nil' })).toBe('osup_nil_exmp');
    expect(classifyOutward({ ...base, isBillOfSupply: true })).toBe('osup_nil_exmp');
    // An export under LUT is zero-rated even though its line is at 0 % (not nil-rated).
    expect(classifyOutward({ ...base, isZeroRated: true, isZeroRateLine: true })).toBe('osup_zero');
    expect(classifyOutward({ ...base, isZeroRateLine: true })).toBe('osup_nil_exmp');
  });
});

describe('inward classification', () => {
  it('sends imports to IMPG / IMPS, other reverse charge to ISRC and the rest to OTH', () => {
    expect(itcTypeOf({ supplier: 'overseas', isService: false, isReverseCharge: false })).toBe('IMPG');
    expect(itcTypeOf({ supplier: 'overseas', isService: true, isReverseCharge: true })).toBe('IMPS');
    expect(itcTypeOf({ supplier: 'unregistered', isService: true, isReverseCharge: true })).toBe('ISRC');
    expect(itcTypeOf({ supplier: 'registered', isService: false, isReverseCharge: false })).toBe('OTH');
  });
  it('reports nil, exempt and composition purchases in 5 (GST) and non-GST ones apart', () => {
    const t = { taxability: 'taxable', isZeroRateLine: false, supplier: 'registered' } as const;
    expect(exemptInwardOf(t)).toBeNull();
    expect(exemptInwardOf({ ...t, isZeroRateLine: true })).toBe('GST');
    expect(exemptInwardOf({ ...t, taxability: 'exempt' })).toBe('GST');
    expect(exemptInwardOf({ ...t, supplier: 'composition' })).toBe('GST');
    expect(exemptInwardOf({ ...t, taxability: 'non_gst' })).toBe('NONGST');
  });
});

describe('setOffTax', () => {
  it('uses IGST credit on IGST, then where CGST and SGST credit falls short', () => {
    // IGST 10000 − 10000 credit; 2000 IGST left: CGST's own credit (1000) leaves 4000 unpaid, so all 2000 go to CGST.
    // CGST 5000 − 2000 (IGST) − 1000 (own) = 2000 cash; SGST 5000 − 4000 = 1000 cash; cess 100 − 50 = 50 cash.
    const r = setOffTax(heads(10000, 5000, 5000, 100), zeroHeads(), heads(12000, 1000, 4000, 50));
    expect(r.used).toEqual({
      igstOnIgst: 10000,
      igstOnCgst: 2000,
      igstOnSgst: 0,
      cgstOnCgst: 1000,
      cgstOnIgst: 0,
      sgstOnSgst: 4000,
      sgstOnIgst: 0,
      cessOnCess: 50,
    });
    expect(r.cash.other).toEqual(heads(0, 2000, 1000, 50));
    expect(r.cash.total).toEqual(heads(0, 2000, 1000, 50));
    expect(r.creditLeft).toEqual(heads(0, 0, 0, 0));
  });

  it('splits left-over IGST credit toward SGST when CGST has credit of its own (no needless cash)', () => {
    // 3000 IGST credit after IGST; CGST 5000 fully covered by its own 5000; SGST 5000 has none.
    // IGST -> SGST 3000, CGST credit -> CGST 5000, cash SGST 2000 (in the naive order it would be 5000).
    const r = setOffTax(heads(1000, 5000, 5000), zeroHeads(), heads(4000, 5000, 0));
    expect(r.used).toMatchObject({ igstOnIgst: 1000, igstOnCgst: 0, igstOnSgst: 3000, cgstOnCgst: 5000 });
    expect(r.cash.other).toEqual(heads(0, 0, 2000));
    expect(r.creditLeft).toEqual(zeroHeads());
  });

  it('uses IGST credit on CGST and SGST before their own credit, as Rule 88A requires', () => {
    // IGST credit 9000: 1000 on IGST; 3000 each where own credit (2000) falls short of 5000; the last 2000 on CGST
    // (CGST before SGST). CGST is then paid in full (5000 IGST); SGST 5000 − 3000 = 2000 from its own credit.
    const r = setOffTax(heads(1000, 5000, 5000), zeroHeads(), heads(9000, 2000, 2000));
    expect(r.used).toMatchObject({
      igstOnIgst: 1000,
      igstOnCgst: 5000,
      igstOnSgst: 3000,
      cgstOnCgst: 0,
      sgstOnSgst: 2000,
    });
    expect(r.cash.other).toEqual(zeroHeads());
    expect(r.creditLeft).toEqual(heads(0, 2000, 0));
  });

  it('pays IGST from CGST then SGST credit, and never CGST from SGST credit or the reverse', () => {
    // IGST 5000: 1000 IGST credit, then CGST credit 3000 − 1000 (own) = 2000, then SGST 2500 − 1000 = 1500; 500 cash.
    const a = setOffTax(heads(5000, 1000, 1000), zeroHeads(), heads(1000, 3000, 2500));
    expect(a.used).toMatchObject({
      igstOnIgst: 1000,
      cgstOnCgst: 1000,
      cgstOnIgst: 2000,
      sgstOnSgst: 1000,
      sgstOnIgst: 1500,
    });
    expect(a.cash.other).toEqual(heads(500, 0, 0));
    // SGST 3000 with only CGST credit: all of it in cash, the CGST credit left over carried forward.
    const b = setOffTax(heads(0, 1000, 3000), zeroHeads(), heads(0, 5000, 0));
    expect(b.cash.other).toEqual(heads(0, 0, 3000));
    expect(b.creditLeft).toEqual(heads(0, 4000, 0));
  });

  it('pays reverse-charge tax in cash whatever the credit, and counts negative heads as 0', () => {
    const r = setOffTax(heads(-500, 0, 0), heads(0, 900, 900), heads(5000, 5000, -200));
    expect(r.payable.other).toEqual(zeroHeads());
    expect(r.credit).toEqual(heads(5000, 5000, 0));
    expect(r.cash.reverseCharge).toEqual(heads(0, 900, 900));
    expect(r.cash.total).toEqual(heads(0, 900, 900));
    expect(r.creditLeft).toEqual(heads(5000, 5000, 0));
  });
});

describe('computeGstr3b', () => {
  it('fills 3.1, 3.2, 4, 5 and 6.1 from grouped lines', () => {
    const fig = computeGstr3b(
      [
        // Intra-state B2B 10000 @18: 900 + 900.
        outward({ taxable: 1000000, cgst: 90000, sgst: 90000 }),
        // Inter-state B2C to Karnataka 2000 @18 = 360 IGST, and to a composition dealer there 500 @12 = 60.
        outward({ taxable: 200000, igst: 36000, isInterState: true, recipient: 'unregistered', placeOfSupply: '29' }),
        outward({ taxable: 50000, igst: 6000, isInterState: true, recipient: 'composition', placeOfSupply: '29' }),
        // A credit note against the B2C sale: −1000 and −180.
        outward({ taxable: -100000, igst: -18000, isInterState: true, recipient: 'unregistered', placeOfSupply: '29' }),
        // Export under LUT 4000, nil-rated 300, non-GST 200.
        outward({ taxable: 400000, isZeroRated: true, isZeroRateLine: true, isInterState: true, placeOfSupply: '96' }),
        outward({ taxable: 30000, isZeroRateLine: true }),
        outward({ taxable: 20000, taxability: 'non_gst', isZeroRateLine: true }),
      ],
      [
        // RCM legal services 1000 @18 intra: 90 + 90, payable in cash and claimable (ISRC).
        inward({
          taxable: 100000,
          cgst: 9000,
          sgst: 9000,
          isReverseCharge: true,
          supplier: 'unregistered',
          isService: true,
        }),
        // Eligible intra 5000 @18 (450 + 450), partial inter 1000 @18 (180), ineligible intra 2000 @28 (280 + 280).
        inward({ taxable: 500000, cgst: 45000, sgst: 45000 }),
        inward({ taxable: 100000, igst: 18000, isInterState: true, itcEligibility: 'partial' }),
        inward({ taxable: 200000, cgst: 28000, sgst: 28000, itcEligibility: 'ineligible' }),
        // Exempt inward 700 inter, non-GST 100 intra.
        inward({ taxable: 70000, taxability: 'exempt', isZeroRateLine: true, isInterState: true }),
        inward({ taxable: 10000, taxability: 'non_gst', isZeroRateLine: true }),
      ],
    );
    expect(fig.outward.osup_det).toEqual({ taxable: 1150000, igst: 24000, cgst: 90000, sgst: 90000, cess: 0 });
    expect(fig.outward.osup_zero).toEqual({ taxable: 400000, ...zeroHeads() });
    expect(fig.outward.osup_nil_exmp.taxable).toBe(30000);
    expect(fig.outward.osup_nongst.taxable).toBe(20000);
    expect(fig.inwardReverseCharge).toEqual({ taxable: 100000, igst: 0, cgst: 9000, sgst: 9000, cess: 0 });
    expect(fig.interState).toEqual({
      unregistered: [{ placeOfSupply: '29', taxable: 100000, igst: 18000 }],
      composition: [{ placeOfSupply: '29', taxable: 50000, igst: 6000 }],
      uin: [],
    });
    expect(fig.itcAvailable.ISRC).toEqual(heads(0, 9000, 9000));
    expect(fig.itcAvailable.OTH).toEqual(heads(18000, 45000, 45000));
    expect(fig.itcAvailable.IMPG).toEqual(zeroHeads());
    expect(fig.itcNet).toEqual(heads(18000, 54000, 54000));
    expect(fig.itcIneligible.OTH).toEqual(heads(0, 28000, 28000));
    expect(fig.inwardExempt).toEqual({ GST: { inter: 70000, intra: 0 }, NONGST: { inter: 0, intra: 10000 } });
    // 6.1: IGST 240 − 180 credit = 60 cash; CGST 900 − 540 = 360; SGST 900 − 540 = 360; RCM 90 + 90 in cash.
    expect(fig.payment.payable.other).toEqual(heads(24000, 90000, 90000));
    expect(fig.payment.cash.other).toEqual(heads(6000, 36000, 36000));
    expect(fig.payment.cash.total).toEqual(heads(6000, 45000, 45000));
  });
});
