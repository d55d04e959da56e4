import type { Gstr3bReturn } from '@bizdash/contracts/returns';
import { ITC_AVAILABLE_TYPES, type Gstr3bFigures, type SupplyTotals, type TaxHeads } from '@bizdash/domain/gst/gstr3b';
import { filingPeriod, rupees } from './gstr1-format';

/**
 * The portal's GSTR-3B JSON from figures in paise (domain gst/gstr3b.ts); rupees appear only here, at the edge.
 * Every section is always present, zeros included, as the offline tool's file has them.
 */

const heads = (h: TaxHeads) => ({
  iamt: rupees(h.igst),
  camt: rupees(h.cgst),
  samt: rupees(h.sgst),
  csamt: rupees(h.cess),
});
const full = (t: SupplyTotals) => ({ txval: rupees(t.taxable), ...heads(t) });

export function gstr3bJson(gstin: string, period: string, fig: Gstr3bFigures): Gstr3bReturn {
  const inter = (rows: Gstr3bFigures['interState']['unregistered']) =>
    rows.map((r) => ({ pos: r.placeOfSupply, txval: rupees(r.taxable), iamt: rupees(r.igst) }));
  const p = fig.payment;
  return {
    gstin,
    ret_period: filingPeriod(period),
    sup_details: {
      osup_det: full(fig.outward.osup_det),
      osup_zero: {
        txval: rupees(fig.outward.osup_zero.taxable),
        iamt: rupees(fig.outward.osup_zero.igst),
        csamt: rupees(fig.outward.osup_zero.cess),
      },
      osup_nil_exmp: { txval: rupees(fig.outward.osup_nil_exmp.taxable) },
      isup_rev: full(fig.inwardReverseCharge),
      osup_nongst: { txval: rupees(fig.outward.osup_nongst.taxable) },
    },
    inter_sup: {
      unreg_details: inter(fig.interState.unregistered),
      comp_details: inter(fig.interState.composition),
      uin_details: inter(fig.interState.uin),
    },
    itc_elg: {
      itc_avl: ITC_AVAILABLE_TYPES.map((ty) => ({ ty, ...heads(fig.itcAvailable[ty]) })),
      itc_rev: (['RUL', 'OTH'] as const).map((ty) => ({ ty, ...heads(fig.itcReversed[ty]) })),
      itc_net: heads(fig.itcNet),
      itc_inelg: (['RUL', 'OTH'] as const).map((ty) => ({ ty, ...heads(fig.itcIneligible[ty]) })),
    },
    inward_sup: {
      isup_details: (['GST', 'NONGST'] as const).map((ty) => ({
        ty,
        inter: rupees(fig.inwardExempt[ty].inter),
        intra: rupees(fig.inwardExempt[ty].intra),
      })),
    },
    tax_pmt: {
      tx_py: [
        { ty: 'OTH', ...heads(p.payable.other) },
        { ty: 'RCM', ...heads(p.payable.reverseCharge) },
      ],
      itc_avl: heads(p.credit),
      pditc: {
        i_pdi: rupees(p.used.igstOnIgst),
        i_pdc: rupees(p.used.igstOnCgst),
        i_pds: rupees(p.used.igstOnSgst),
        c_pdc: rupees(p.used.cgstOnCgst),
        c_pdi: rupees(p.used.cgstOnIgst),
        s_pds: rupees(p.used.sgstOnSgst),
        s_pdi: rupees(p.used.sgstOnIgst),
        cs_pdcs: rupees(p.used.cessOnCess),
      },
      pdcash: [
        { ty: 'OTH', ...heads(p.cash.other) },
        { ty: 'RCM', ...heads(p.cash.reverseCharge) },
        { ty: 'TOTAL', ...heads(p.cash.total) },
      ],
      itc_bal: heads(p.creditLeft),
    },
  };
}
