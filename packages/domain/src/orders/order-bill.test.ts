import { describe, expect, it } from 'vitest';
import { gstExclusiveCollected } from '../settlements/settlement';
import { orderBillRegime, orderBillTotal } from './order-bill';

describe('orderBillTotal', () => {
  it('adds GST at the order type rate, as the invoice of the fees would', () => {
    expect(orderBillTotal({ basePaise: 2_500_000, gstRateBp: 1800, regime: 'CGST_SGST' })).toBe(2_950_000);
    expect(orderBillTotal({ basePaise: 1_000_000, gstRateBp: 1800, regime: 'IGST' })).toBe(1_180_000);
  });

  it('rounds the total to the rupee like "Invoice fees" (₹2,500.50 at 18% is ₹2,950.59 → ₹2,951)', () => {
    expect(orderBillTotal({ basePaise: 250_050, gstRateBp: 1800, regime: 'CGST_SGST' })).toBe(295_100);
  });

  it('bills nothing when there is nothing to bill, and zero-rated supplies carry no tax', () => {
    expect(orderBillTotal({ basePaise: 0, gstRateBp: 1800, regime: 'IGST' })).toBe(0);
    expect(orderBillTotal({ basePaise: 1_000_000, gstRateBp: 1800, regime: 'IGST_ZERO_RATED_LUT' })).toBe(1_000_000);
  });
});

describe('orderBillRegime', () => {
  it('is intra-state in the same state, inter-state across states, zero-rated for an SEZ', () => {
    const base = { supplierState: '27', isClientRegistered: true, isClientSez: false };
    expect(orderBillRegime({ ...base, clientState: '27' })).toBe('CGST_SGST');
    expect(orderBillRegime({ ...base, clientState: '29' })).toBe('IGST');
    expect(orderBillRegime({ ...base, clientState: null })).toBe('CGST_SGST');
    expect(orderBillRegime({ ...base, clientState: '29', isClientSez: true })).toBe('IGST_ZERO_RATED_LUT');
    expect(orderBillRegime({ ...base, supplierState: null, clientState: '29' })).toBe('CGST_SGST');
  });
});

describe('gstExclusiveCollected', () => {
  it('takes the revenue share of what was collected, capped at the revenue', () => {
    // ₹11,800 billed for ₹10,000 of fees: ₹5,900 received is ₹5,000 of revenue.
    expect(gstExclusiveCollected({ receivedPaise: 590_000, billedPaise: 1_180_000, revenuePaise: 1_000_000 })).toBe(
      500_000,
    );
    expect(gstExclusiveCollected({ receivedPaise: 2_000_000, billedPaise: 1_180_000, revenuePaise: 1_000_000 })).toBe(
      1_000_000,
    );
    // ₹1 of ₹1.18 is 84.745… paise → 85.
    expect(gstExclusiveCollected({ receivedPaise: 100, billedPaise: 118, revenuePaise: 100 })).toBe(85);
    expect(gstExclusiveCollected({ receivedPaise: 0, billedPaise: 118, revenuePaise: 100 })).toBe(0);
    expect(gstExclusiveCollected({ receivedPaise: 100, billedPaise: 0, revenuePaise: 0 })).toBe(0);
  });
});
