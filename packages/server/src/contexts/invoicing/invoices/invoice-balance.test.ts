import { describe, expect, it } from 'vitest';
import { creditNoteDeadline } from './invoice-prepare';
import { settlementOf } from './invoice-balance';

describe('settlementOf', () => {
  const issued = { status: 'issued' as const, type: 'sales' as const, grand_total_paise: 118000 };

  it('derives balance and status from payments and credit notes', () => {
    expect(settlementOf(issued, 0, 0)).toMatchObject({ balance_due_paise: 118000, payment_status: 'unpaid' });
    expect(settlementOf(issued, 50000, 0)).toMatchObject({ balance_due_paise: 68000, payment_status: 'partial' });
    expect(settlementOf(issued, 50000, 68000)).toMatchObject({ balance_due_paise: 0, payment_status: 'paid' });
    // Credited after full payment: the party is owed the difference.
    expect(settlementOf(issued, 118000, 5900)).toMatchObject({ balance_due_paise: -5900, payment_status: 'paid' });
  });

  it('gives drafts, cancelled documents and credit notes no balance', () => {
    expect(settlementOf({ ...issued, status: 'draft' }, 0, 0)).toMatchObject({
      balance_due_paise: 0,
      payment_status: null,
    });
    expect(settlementOf({ ...issued, status: 'cancelled' }, 0, 0)).toMatchObject({ payment_status: null });
    expect(settlementOf({ ...issued, type: 'credit_note' }, 0, 0)).toMatchObject({
      balance_due_paise: 0,
      payment_status: null,
    });
  });
});

describe('creditNoteDeadline', () => {
  it('is 30 November after the end of the financial year of the supply (s.34(2))', () => {
    expect(creditNoteDeadline('2025-03-31')).toBe('2025-11-30');
    expect(creditNoteDeadline('2025-04-01')).toBe('2026-11-30');
  });
});
