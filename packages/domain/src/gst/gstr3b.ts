import type { Paise } from '../money';

/**
 * GSTR-3B for a month, as pure arithmetic over groups of invoice lines the database has already summed (paise,
 * credit notes negative). The server's SQL groups lines by the attributes below; these functions decide where each
 * group is reported and how the month's tax is paid (gst-rules.md 7.2). Keys follow the GST portal's GSTR-3B JSON.
 */

export interface TaxHeads {
  igst: Paise;
  cgst: Paise;
  /** SGST or UTGST. */
  sgst: Paise;
  cess: Paise;
}

export interface SupplyTotals extends TaxHeads {
  taxable: Paise;
}

export type LineTaxability = 'taxable' | 'nil' | 'exempt' | 'non_gst';

/** Who received an outward supply, for Table 3.2 (composition and UIN holders hold a GSTIN but are listed apart). */
export type RecipientKind = 'registered' | 'unregistered' | 'composition' | 'uin';

/** Outward lines with the same attributes, summed. */
export interface OutwardGroup extends SupplyTotals {
  taxability: LineTaxability;
  /** The document (or the invoice a note adjusts) is a bill of supply: its lines are exempt (Rule 49). */
  isBillOfSupply: boolean;
  /** Export or SEZ supply (with or without payment of IGST). */
  isZeroRated: boolean;
  /** GST rate 0 and no cess on the line. */
  isZeroRateLine: boolean;
  /** The recipient pays the tax (s.9(3)/9(4)); the supplier reports the value but owes no tax on it. */
  isReverseCharge: boolean;
  isInterState: boolean;
  recipient: RecipientKind;
  placeOfSupply: string;
}

export type SupplierKind = 'registered' | 'unregistered' | 'composition' | 'overseas';

/** Inward (payable) lines with the same attributes, summed; supplier credit notes negative. */
export interface InwardGroup extends SupplyTotals {
  taxability: LineTaxability;
  isZeroRateLine: boolean;
  isReverseCharge: boolean;
  isInterState: boolean;
  supplier: SupplierKind;
  /** SAC (starts with 99): an import of services rather than goods. */
  isService: boolean;
  itcEligibility: 'eligible' | 'partial' | 'ineligible';
}

/** 3.1 rows a line can land in. */
export type OutwardClass = 'osup_det' | 'osup_zero' | 'osup_nil_exmp' | 'osup_nongst';

/**
 * Where an outward line is reported in 3.1: its own treatment first (non-GST to (e), nil-rated and exempt to (c)),
 * a bill of supply is exempt, exports and SEZ supplies are zero-rated (b) even at 0 %, a taxable line at 0 % with no
 * cess is nil-rated (c), everything else is (a). The same order as GSTR-1's Table 8 classification.
 */
export function classifyOutward(
  g: Pick<OutwardGroup, 'taxability' | 'isBillOfSupply' | 'isZeroRated' | 'isZeroRateLine'>,
): OutwardClass {
  switch (g.taxability) {
    case 'non_gst':
      return 'osup_nongst';
    case 'nil':
    case 'exempt':
      return 'osup_nil_exmp';
    case 'taxable':
      if (g.isBillOfSupply) return 'osup_nil_exmp';
      if (g.isZeroRated) return 'osup_zero';
      if (g.isZeroRateLine) return 'osup_nil_exmp';
      return 'osup_det';
  }
}

/** Table 4(A) rows: imports of goods and services, inward supplies under reverse charge, ISD, all other ITC. */
export type ItcAvailableType = 'IMPG' | 'IMPS' | 'ISRC' | 'ISD' | 'OTH';
export const ITC_AVAILABLE_TYPES: readonly ItcAvailableType[] = ['IMPG', 'IMPS', 'ISRC', 'ISD', 'OTH'];

/**
 * Which 4(A) row an inward line's tax belongs to: an overseas supplier is an import (SAC: services, else goods);
 * reverse charge otherwise is ISRC; everything else OTH. BizDash records no ISD distributions, so ISD stays 0.
 */
export function itcTypeOf(g: Pick<InwardGroup, 'supplier' | 'isService' | 'isReverseCharge'>): ItcAvailableType {
  if (g.supplier === 'overseas') return g.isService ? 'IMPS' : 'IMPG';
  if (g.isReverseCharge) return 'ISRC';
  return 'OTH';
}

/** Table 5 column of an inward line, or null when it is a taxable supply (it belongs in Table 4 instead). */
export function exemptInwardOf(
  g: Pick<InwardGroup, 'taxability' | 'isZeroRateLine' | 'supplier'>,
): 'GST' | 'NONGST' | null {
  if (g.taxability === 'non_gst') return 'NONGST';
  // A composition dealer charges no tax on its bill of supply: the whole value is reported in 5 (GST column).
  if (g.taxability !== 'taxable' || g.supplier === 'composition' || g.isZeroRateLine) return 'GST';
  return null;
}

export interface InterStateRow {
  placeOfSupply: string;
  taxable: Paise;
  igst: Paise;
}

export interface Gstr3bFigures {
  /** 3.1 (a)–(e). */
  outward: Record<OutwardClass, SupplyTotals>;
  /** 3.1(d): inward supplies liable to reverse charge. */
  inwardReverseCharge: SupplyTotals;
  /** 3.2, by place of supply, sorted. */
  interState: Record<'unregistered' | 'composition' | 'uin', InterStateRow[]>;
  /** 4(A), 4(B) (no reversals are recorded: always 0), 4(C) = A − B, 4(D). */
  itcAvailable: Record<ItcAvailableType, TaxHeads>;
  itcReversed: Record<'RUL' | 'OTH', TaxHeads>;
  itcNet: TaxHeads;
  itcIneligible: Record<'RUL' | 'OTH', TaxHeads>;
  /** 5: exempt, nil-rated and composition (GST) and non-GST inward supplies, inter- and intra-state. */
  inwardExempt: Record<'GST' | 'NONGST', { inter: Paise; intra: Paise }>;
  /** 6.1. */
  payment: SetOff;
}

export const zeroHeads = (): TaxHeads => ({ igst: 0, cgst: 0, sgst: 0, cess: 0 });
const zeroTotals = (): SupplyTotals => ({ taxable: 0, ...zeroHeads() });

function addHeads<T extends TaxHeads>(into: T, from: TaxHeads): void {
  into.igst += from.igst;
  into.cgst += from.cgst;
  into.sgst += from.sgst;
  into.cess += from.cess;
}

/** Classifies every group into the GSTR-3B tables and computes 6.1 from them. */
export function computeGstr3b(outward: readonly OutwardGroup[], inward: readonly InwardGroup[]): Gstr3bFigures {
  const out: Record<OutwardClass, SupplyTotals> = {
    osup_det: zeroTotals(),
    osup_zero: zeroTotals(),
    osup_nil_exmp: zeroTotals(),
    osup_nongst: zeroTotals(),
  };
  const interState = new Map<string, InterStateRow>();
  for (const g of outward) {
    const cls = classifyOutward(g);
    const row = out[cls];
    row.taxable += g.taxable;
    // Under reverse charge the recipient pays: the value is the supplier's outward supply, the tax is not.
    if (!g.isReverseCharge) addHeads(row, g);
    // 3.2 is the part of 3.1(a) made inter-state to persons without a regular registration (exports are in (b)).
    if (cls === 'osup_det' && g.isInterState && g.recipient !== 'registered' && g.placeOfSupply !== '96') {
      const key = `${g.recipient}:${g.placeOfSupply}`;
      const acc = interState.get(key) ?? { placeOfSupply: g.placeOfSupply, taxable: 0, igst: 0 };
      acc.taxable += g.taxable;
      acc.igst += g.isReverseCharge ? 0 : g.igst;
      interState.set(key, acc);
    }
  }
  const interRows = (kind: 'unregistered' | 'composition' | 'uin') =>
    [...interState.entries()]
      .filter(([k, r]) => k.startsWith(`${kind}:`) && (r.taxable !== 0 || r.igst !== 0))
      .map(([, r]) => r)
      .sort((a, b) => a.placeOfSupply.localeCompare(b.placeOfSupply));

  const reverseCharge = zeroTotals();
  const itcAvailable: Record<ItcAvailableType, TaxHeads> = {
    IMPG: zeroHeads(),
    IMPS: zeroHeads(),
    ISRC: zeroHeads(),
    ISD: zeroHeads(),
    OTH: zeroHeads(),
  };
  const itcIneligible = { RUL: zeroHeads(), OTH: zeroHeads() };
  const inwardExempt = { GST: { inter: 0, intra: 0 }, NONGST: { inter: 0, intra: 0 } };
  for (const g of inward) {
    const exempt = exemptInwardOf(g);
    if (exempt) {
      inwardExempt[exempt][g.isInterState ? 'inter' : 'intra'] += g.taxable;
      continue;
    }
    if (g.isReverseCharge) {
      reverseCharge.taxable += g.taxable;
      addHeads(reverseCharge, g);
    }
    // Partial eligibility keeps the whole tax in 4(A); the blocked part is the user's reversal in 4(B) on the portal.
    // Ineligible credit goes to 4(D)(2) "OTH": BizDash keeps the reason as free text, not the section it cites.
    addHeads(g.itcEligibility === 'ineligible' ? itcIneligible.OTH : itcAvailable[itcTypeOf(g)], g);
  }
  const itcReversed = { RUL: zeroHeads(), OTH: zeroHeads() };
  const itcNet = zeroHeads();
  for (const t of ITC_AVAILABLE_TYPES) addHeads(itcNet, itcAvailable[t]);
  for (const r of [itcReversed.RUL, itcReversed.OTH]) addHeads(itcNet, negate(r));

  // Tax on outward supplies (3.1 a and b; c and e carry none) is paid by credit first; reverse-charge tax only in cash.
  const other = zeroHeads();
  addHeads(other, out.osup_det);
  addHeads(other, out.osup_zero);
  const rcm: TaxHeads = {
    igst: reverseCharge.igst,
    cgst: reverseCharge.cgst,
    sgst: reverseCharge.sgst,
    cess: reverseCharge.cess,
  };

  return {
    outward: out,
    inwardReverseCharge: reverseCharge,
    interState: {
      unregistered: interRows('unregistered'),
      composition: interRows('composition'),
      uin: interRows('uin'),
    },
    itcAvailable,
    itcReversed,
    itcNet,
    itcIneligible,
    inwardExempt,
    payment: setOffTax(other, rcm, itcNet),
  };
}

function negate(h: TaxHeads): TaxHeads {
  return { igst: -h.igst, cgst: -h.cgst, sgst: -h.sgst, cess: -h.cess };
}

/** Credit of one head used against the tax of another: `igstOnCgst` is IGST credit paying CGST. */
export interface CreditUsed {
  igstOnIgst: Paise;
  igstOnCgst: Paise;
  igstOnSgst: Paise;
  cgstOnCgst: Paise;
  cgstOnIgst: Paise;
  sgstOnSgst: Paise;
  sgstOnIgst: Paise;
  cessOnCess: Paise;
}

export interface SetOff {
  /** Tax payable: on outward supplies (other than reverse charge) and under reverse charge. */
  payable: { other: TaxHeads; reverseCharge: TaxHeads };
  /** Credit available for set-off: net ITC, a negative head counted as 0. */
  credit: TaxHeads;
  used: CreditUsed;
  /** Cash still to pay per head: what credit did not cover, plus all reverse-charge tax. */
  cash: { other: TaxHeads; reverseCharge: TaxHeads; total: TaxHeads };
  /** Credit left to carry forward. */
  creditLeft: TaxHeads;
}

/**
 * Pays the month's tax from credit in the portal's order (s.49, s.49A, Rule 88A): IGST credit against IGST, then
 * CGST and SGST; only then CGST credit against CGST, then IGST; SGST credit against SGST, then IGST; cess against
 * cess. CGST credit never pays SGST, nor SGST credit CGST. The law lets the IGST left over be split between CGST and
 * SGST in any proportion; it goes first to the part of each that its own credit cannot cover, so no cash is paid
 * while usable credit remains. Reverse-charge tax is always paid in cash (s.49(4): credit cannot pay it). A negative
 * payable head (credit notes above sales) counts as 0.
 */
export function setOffTax(other: TaxHeads, reverseCharge: TaxHeads, itcNet: TaxHeads): SetOff {
  const pay = { igst: pos(other.igst), cgst: pos(other.cgst), sgst: pos(other.sgst), cess: pos(other.cess) };
  const credit = { igst: pos(itcNet.igst), cgst: pos(itcNet.cgst), sgst: pos(itcNet.sgst), cess: pos(itcNet.cess) };
  const left = { ...credit };
  const due = { ...pay };
  const take = (from: keyof TaxHeads, against: keyof TaxHeads, cap = Infinity): Paise => {
    const amount = Math.min(left[from], due[against], cap);
    left[from] -= amount;
    due[against] -= amount;
    return amount;
  };
  const igstOnIgst = take('igst', 'igst');
  // IGST first to what CGST's and SGST's own credit cannot pay, then to whatever remains of either.
  let igstOnCgst = take('igst', 'cgst', pos(due.cgst - left.cgst));
  let igstOnSgst = take('igst', 'sgst', pos(due.sgst - left.sgst));
  igstOnCgst += take('igst', 'cgst');
  igstOnSgst += take('igst', 'sgst');
  const cgstOnCgst = take('cgst', 'cgst');
  const cgstOnIgst = take('cgst', 'igst');
  const sgstOnSgst = take('sgst', 'sgst');
  const sgstOnIgst = take('sgst', 'igst');
  const cessOnCess = take('cess', 'cess');
  const rc = {
    igst: pos(reverseCharge.igst),
    cgst: pos(reverseCharge.cgst),
    sgst: pos(reverseCharge.sgst),
    cess: pos(reverseCharge.cess),
  };
  const total = { ...due };
  addHeads(total, rc);
  return {
    payable: { other: pay, reverseCharge: rc },
    credit,
    used: { igstOnIgst, igstOnCgst, igstOnSgst, cgstOnCgst, cgstOnIgst, sgstOnSgst, sgstOnIgst, cessOnCess },
    cash: { other: due, reverseCharge: rc, total },
    creditLeft: left,
  };
}

const pos = (n: number): number => (n > 0 ? n : 0);
