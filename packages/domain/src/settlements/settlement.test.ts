import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSettlement, paymentStatusOf, type SettlementInput } from './settlement';

const rupees = (r: number) => r * 100;

function input(over: Partial<SettlementInput>): SettlementInput {
  return {
    basis: 'contracted',
    outcome: 'completed',
    feesPaise: rupees(10_000),
    baseChargesPaise: rupees(2_000),
    receivedPaise: 0,
    expensesPaise: 0,
    shareBp: 4000,
    hasPartner: true,
    ...over,
  };
}

describe('computeSettlement', () => {
  // The predecessor's worked examples (predecessor-tool.md §3.1), r = 40%, with case D fixed.
  it.each([
    {
      name: 'A completed',
      outcome: 'completed',
      fees: 10_000,
      base: 2_000,
      exp: 1_500,
      net: 8_500,
      p: 3_400,
      b: 5_100,
    },
    { name: 'B failed', outcome: 'failed', fees: 10_000, base: 2_000, exp: 1_500, net: 500, p: 200, b: 300 },
    { name: 'C failed at a loss', outcome: 'failed', fees: 10_000, base: 2_000, exp: 2_500, net: -500, p: 0, b: -500 },
    {
      name: 'D completed at a loss (fixed)',
      outcome: 'completed',
      fees: 1_000,
      base: 0,
      exp: 1_500,
      net: -500,
      p: 0,
      b: -500,
    },
  ] as const)('case $name', ({ outcome, fees, base, exp, net, p, b }) => {
    const s = computeSettlement(
      input({ outcome, feesPaise: rupees(fees), baseChargesPaise: rupees(base), expensesPaise: rupees(exp) }),
    );
    expect(s.netPaise).toBe(rupees(net));
    expect(s.partnerSharePaise).toBe(rupees(p));
    expect(s.businessSharePaise).toBe(rupees(b));
  });

  it('collected basis: receipts capped at the amount due', () => {
    const partial = computeSettlement(
      input({ basis: 'collected', receivedPaise: rupees(6_000), expensesPaise: rupees(1_000) }),
    );
    expect(partial.revenuePaise).toBe(rupees(6_000));
    expect(partial.partnerSharePaise).toBe(rupees(2_000));
    const over = computeSettlement(input({ basis: 'collected', receivedPaise: rupees(12_000) }));
    expect(over.revenuePaise).toBe(rupees(10_000));
    const failed = computeSettlement(input({ basis: 'collected', outcome: 'failed', receivedPaise: rupees(5_000) }));
    expect(failed.revenuePaise).toBe(rupees(2_000));
  });

  it('no partner: partner share 0, the business keeps the net', () => {
    const s = computeSettlement(input({ hasPartner: false, expensesPaise: rupees(1_000) }));
    expect(s.shareBp).toBe(0);
    expect(s.partnerSharePaise).toBe(0);
    expect(s.businessSharePaise).toBe(rupees(9_000));
  });

  it('rounds half a paisa up', () => {
    // net 0.05 × 50% = 0.025 → 0.03; net 0.03 × 50% = 0.015 → 0.02
    expect(computeSettlement(input({ feesPaise: 5, shareBp: 5000 })).partnerSharePaise).toBe(3);
    expect(computeSettlement(input({ feesPaise: 3, shareBp: 5000 })).partnerSharePaise).toBe(2);
    // 1,000.01 × 33.33% = 333.303333 → 333.30
    expect(computeSettlement(input({ feesPaise: 100_001, shareBp: 3333 })).partnerSharePaise).toBe(33_330);
  });

  it('refuses a share outside 0 to 100%', () => {
    expect(() => computeSettlement(input({ shareBp: 10_001 }))).toThrow(RangeError);
    expect(() => computeSettlement(input({ shareBp: -1 }))).toThrow(RangeError);
  });

  it('properties: shares add up to net; the partner share is never negative nor above net', () => {
    fc.assert(
      fc.property(
        fc.record({
          basis: fc.constantFrom('contracted' as const, 'collected' as const),
          outcome: fc.constantFrom('completed' as const, 'failed' as const),
          feesPaise: fc.integer({ min: 0, max: 1e11 }),
          baseChargesPaise: fc.integer({ min: 0, max: 1e11 }),
          receivedPaise: fc.integer({ min: 0, max: 1e11 }),
          expensesPaise: fc.integer({ min: 0, max: 1e11 }),
          shareBp: fc.integer({ min: 0, max: 10_000 }),
          hasPartner: fc.boolean(),
        }),
        (i) => {
          const s = computeSettlement(i);
          expect(s.partnerSharePaise + s.businessSharePaise).toBe(s.netPaise);
          expect(s.partnerSharePaise).toBeGreaterThanOrEqual(0);
          expect(s.partnerSharePaise).toBeLessThanOrEqual(Math.max(0, s.netPaise));
          expect(Number.isSafeInteger(s.partnerSharePaise)).toBe(true);
        },
      ),
    );
  });
});

describe('paymentStatusOf', () => {
  it.each([
    [rupees(10_000), 0, 'unpaid'],
    [rupees(10_000), rupees(6_000), 'partial'],
    [rupees(10_000), rupees(10_000), 'paid'],
    [rupees(10_000), rupees(10_001), 'overpaid'],
    [0, 0, 'paid'],
    [0, 100, 'overpaid'],
  ] as const)('due %i received %i is %s', (due, received, status) => {
    expect(paymentStatusOf(due, received)).toBe(status);
  });
});
