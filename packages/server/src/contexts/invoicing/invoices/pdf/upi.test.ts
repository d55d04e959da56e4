import { describe, expect, it } from 'vitest';
import { upiPaymentLink } from './upi';

describe('UPI payment link', () => {
  it('carries payee, amount in rupees, invoice number and currency', () => {
    expect(
      upiPaymentLink({
        upiId: 'raotraders@okicici',
        payeeName: 'Rao Traders',
        amount: 1475000,
        note: 'INV/2026-27/0001',
      }),
    ).toBe('upi://pay?pa=raotraders%40okicici&pn=Rao%20Traders&am=14750.00&tn=INV%2F2026-27%2F0001&cu=INR');
  });

  it('escapes characters that would break the query string', () => {
    const link = upiPaymentLink({ upiId: 'a@b', payeeName: 'Shah & Sons', amount: 5, note: 'X1' });
    expect(link).toContain('pn=Shah%20%26%20Sons');
    expect(link).toContain('am=0.05');
  });
});
