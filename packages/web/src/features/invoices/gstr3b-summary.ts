import type { Gstr3bReturn } from '@bizdash/contracts/returns';

/** The portal JSON carries rupees as numbers with two decimals; shown through the paise formatter. */
export const rupeesToPaise = (rupees: number | undefined) => Math.round((rupees ?? 0) * 100);

export interface Heads {
  iamt: number;
  camt: number;
  samt: number;
  csamt: number;
}

export const GSTR3B_HEADS: { key: keyof Heads; label: string }[] = [
  { key: 'iamt', label: 'Integrated tax' },
  { key: 'camt', label: 'Central tax' },
  { key: 'samt', label: 'State/UT tax' },
  { key: 'csamt', label: 'Cess' },
];

export interface OutwardRow {
  key: string;
  label: string;
  txval: number;
  /** The heads the portal reports for the row; (c) and (e) carry none. */
  tax: Partial<Heads>;
}

export function gstr3bOutwardRows(ret: Gstr3bReturn): OutwardRow[] {
  const s = ret.sup_details;
  return [
    { key: 'osup_det', label: '(a) Outward taxable supplies', txval: s.osup_det.txval, tax: s.osup_det },
    { key: 'osup_zero', label: '(b) Zero rated (exports, SEZ)', txval: s.osup_zero.txval, tax: s.osup_zero },
    { key: 'osup_nil_exmp', label: '(c) Nil rated and exempt', txval: s.osup_nil_exmp.txval, tax: {} },
    { key: 'isup_rev', label: '(d) Inward, reverse charge', txval: s.isup_rev.txval, tax: s.isup_rev },
    { key: 'osup_nongst', label: '(e) Non-GST outward', txval: s.osup_nongst.txval, tax: {} },
  ];
}

/** 6.1 per head: payable (outward + reverse charge), paid from credit, paid in cash. */
export function gstr3bPaymentRows(ret: Gstr3bReturn) {
  const p = ret.tax_pmt;
  const payable = (k: keyof Heads) => p.tx_py.reduce((sum, r) => sum + rupeesToPaise(r[k]), 0);
  const cash = (k: keyof Heads) => rupeesToPaise(p.pdcash.find((r) => r.ty === 'TOTAL')?.[k]);
  return GSTR3B_HEADS.map((h) => ({
    ...h,
    payable: payable(h.key),
    cash: cash(h.key),
    credit: payable(h.key) - cash(h.key),
  }));
}
