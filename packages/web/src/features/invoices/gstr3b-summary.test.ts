import { describe, expect, it } from 'vitest';
import type { Gstr3bReturn } from '@bizdash/contracts/returns';
import { gstr3bOutwardRows, gstr3bPaymentRows } from './gstr3b-summary';

const heads = (iamt: number, camt: number, samt: number, csamt = 0) => ({ iamt, camt, samt, csamt });
const zero = heads(0, 0, 0);

// A month with outward tax IGST 390.00, CGST and SGST 900.00 each, reverse charge 450.00 + 450.00, and cash left
// of CGST 120.00 + 450.00 (RCM) and SGST 450.00 + 450.00 (RCM).
const RET: Gstr3bReturn = {
  gstin: '27AABCT1332L1ZA',
  ret_period: '112026',
  sup_details: {
    osup_det: { txval: 12500, ...heads(390, 900, 900) },
    osup_zero: { txval: 5000, iamt: 0, csamt: 0 },
    osup_nil_exmp: { txval: 500 },
    isup_rev: { txval: 5000, ...heads(0, 450, 450) },
    osup_nongst: { txval: 0 },
  },
  inter_sup: { unreg_details: [], comp_details: [], uin_details: [] },
  itc_elg: {
    itc_avl: [{ ty: 'OTH', ...heads(720, 450, 450) }],
    itc_rev: [],
    itc_net: heads(720, 450, 450),
    itc_inelg: [],
  },
  inward_sup: { isup_details: [] },
  tax_pmt: {
    tx_py: [
      { ty: 'OTH', ...heads(390, 900, 900) },
      { ty: 'RCM', ...heads(0, 450, 450) },
    ],
    itc_avl: heads(720, 450, 450),
    pditc: { i_pdi: 390, i_pdc: 330, i_pds: 0, c_pdc: 450, c_pdi: 0, s_pds: 450, s_pdi: 0, cs_pdcs: 0 },
    pdcash: [
      { ty: 'OTH', ...heads(0, 120, 450) },
      { ty: 'RCM', ...heads(0, 450, 450) },
      { ty: 'TOTAL', ...heads(0, 570, 900) },
    ],
    itc_bal: zero,
  },
};

describe('GSTR-3B summary rows', () => {
  it('lists 3.1 (a) to (e) in rupees, with no tax heads on (c) and (e)', () => {
    const rows = gstr3bOutwardRows(RET);
    expect(rows.map((r) => r.key)).toEqual(['osup_det', 'osup_zero', 'osup_nil_exmp', 'isup_rev', 'osup_nongst']);
    expect(rows[0]?.tax.camt).toBe(900);
    expect(rows[1]?.tax.camt).toBeUndefined();
    expect(rows[2]?.tax).toEqual({});
  });

  it('derives 6.1 per head in paise: payable incl. reverse charge, credit used, cash', () => {
    expect(gstr3bPaymentRows(RET).map(({ key, payable, credit, cash }) => ({ key, payable, credit, cash }))).toEqual([
      { key: 'iamt', payable: 39000, credit: 39000, cash: 0 },
      // 900 + 450 payable; 330 IGST + 450 CGST credit = 780; cash 120 + 450 = 570
      { key: 'camt', payable: 135000, credit: 78000, cash: 57000 },
      { key: 'samt', payable: 135000, credit: 45000, cash: 90000 },
      { key: 'csamt', payable: 0, credit: 0, cash: 0 },
    ]);
  });
});
