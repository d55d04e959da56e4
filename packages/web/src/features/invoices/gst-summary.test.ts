import { describe, expect, it } from 'vitest';
import type { Gstr1Return } from '@bizdash/contracts/returns';
import { summarise } from './gst-summary';

const base = { gstin: '27AAPFU0939F1ZV', fp: '112026' } as unknown as Gstr1Return;

describe('summarise (GSTR-1 sections)', () => {
  it('sums Table 8 nil, exempt and non-GST supplies into its own section', () => {
    const ret = {
      ...base,
      nil: {
        inv: [
          { sply_ty: 'INTRAB2B', nil_amt: 1000.5, expt_amt: 200, ngsup_amt: 0 },
          { sply_ty: 'INTRB2C', nil_amt: 0, expt_amt: 0.25, ngsup_amt: 300 },
        ],
      },
    } as Gstr1Return;
    const nil = summarise(ret).find((s) => s.key === 'nil');
    expect(nil).toMatchObject({ title: 'Nil rated, exempt, non-GST (8)', count: 2, taxable: 150075, tax: 0 });
    expect(nil?.description).toMatch(/Nil ₹1,000\.50 · Exempt ₹200\.25 · Non-GST ₹300\.00/);
  });

  it('shows an empty Table 8 when the period had none', () => {
    const nil = summarise(base).find((s) => s.key === 'nil');
    expect(nil).toMatchObject({ count: 0, taxable: 0 });
    // Sections keep the return's table order: 8 comes after 6A and before 9B.
    expect(summarise(base).map((s) => s.key)).toEqual([
      'b2b',
      'b2cl',
      'b2cs',
      'exp',
      'nil',
      'cdnr',
      'cdnur',
      'hsn',
      'doc_issue',
    ]);
  });
});
