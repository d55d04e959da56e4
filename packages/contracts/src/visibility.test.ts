import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MoneyString } from './common';
import {
  classified,
  classifiedFields,
  fieldClassAt,
  hideUnreadable,
  unclassified,
  withoutUnreadable,
} from './visibility';

const Row = z.object({
  name: z.string(),
  fee: MoneyString.nullable(),
  rate: unclassified(MoneyString),
  bank: classified('bank', z.object({ ifsc: z.string() })).nullable(),
  lines: z.array(z.object({ amount: MoneyString.optional(), note: z.string() })),
});
const row = { name: 'A', fee: '10.00', rate: '2.00', bank: { ifsc: 'X' }, lines: [{ amount: '1.00', note: 'n' }] };

describe('field visibility in the contracts', () => {
  it('classes a new MoneyString field as money by default, unless it opts out', () => {
    expect(fieldClassAt(Row, ['fee'])).toBe('money');
    expect(fieldClassAt(Row, ['rate'])).toBeNull();
    expect(fieldClassAt(Row, ['bank', 'ifsc'])).toBe('bank');
    expect(fieldClassAt(Row, ['lines', 'amount'])).toBe('money');
    expect(classifiedFields(Row).map((f) => `${f.path}:${f.hiddenAs}`)).toEqual([
      'fee:null',
      'bank:null',
      'lines[].amount:omit',
    ]);
  });

  it('hides what a reader may not read, keeps the rest and leaves the value unchanged', () => {
    const seen = hideUnreadable(Row, row, (c) => c === 'bank');
    expect(seen).toEqual({ name: 'A', fee: null, rate: '2.00', bank: { ifsc: 'X' }, lines: [{ note: 'n' }] });
    expect(Row.safeParse(seen).success).toBe(true);
    expect(row.fee).toBe('10.00');
    expect(hideUnreadable(Row, row, () => true)).toBe(row);
  });

  it('drops unreadable fields from a body, so a hidden null cannot clear them', () => {
    expect(withoutUnreadable(Row, { ...row, fee: null, bank: null }, () => false)).toEqual({
      name: 'A',
      rate: '2.00',
      lines: [{ note: 'n' }],
    });
  });
});
