import { describe, expect, it } from 'vitest';
import { tallyAmount, tallyDate, tallyRegistrationType, uniqueLedgerName } from './tally';

describe('Tally conventions', () => {
  it('signs amounts as Tally does: a debit is deemed positive and negative in amount', () => {
    expect(tallyAmount(1_180_000)).toEqual({ isDeemedPositive: true, amount: '-11800.00' });
    expect(tallyAmount(-90_005)).toEqual({ isDeemedPositive: false, amount: '900.05' });
  });

  it('writes dates as yyyymmdd', () => {
    expect(tallyDate('2026-11-05')).toBe('20261105');
  });

  it('maps registration types to the ones Tally has', () => {
    expect(
      ['regular', 'sez', 'uin', 'composition', 'consumer', 'unregistered', 'overseas'].map(tallyRegistrationType),
    ).toEqual(['Regular', 'Regular', 'Regular', 'Composition', 'Consumer', 'Unregistered', 'Unregistered']);
  });

  it('qualifies a ledger name that is taken, case-insensitively', () => {
    const taken = new Set(['cash', 'acme', 'acme (27aapfu0939f1zv)']);
    expect(uniqueLedgerName('Acme Pune', taken, 'x')).toBe('Acme Pune');
    expect(uniqueLedgerName('Cash', taken, 'BizDash party 4')).toBe('Cash (BizDash party 4)');
    expect(uniqueLedgerName('ACME', taken, '27AAPFU0939F1ZV')).toBe('ACME (27AAPFU0939F1ZV) 2');
  });
});
