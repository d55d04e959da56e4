import type { Gstr1ItemDetail } from '@bizdash/contracts/returns';
import { formatRateBp } from '@bizdash/domain/gst/units';
import { toMoneyString, type Paise } from '@bizdash/domain/money';
import type { TaxSums } from './gstr1-rows';

/** The portal's number, date and item formats shared by the GSTR-1 sections. */

/**
 * The offline tool whose JSON the GSTR-1 builder follows: the GST portal's Returns Offline Tool, GSTR-1 import format, as it
 * stands after the May 2025 Table 12 change (hsn_b2b / hsn_b2c, `desc` from the HSN master plus the user's
 * `user_desc`, UQC "NA" for services). The tool writes `"version": "GST3.x"` and `"hash": "hash"` at the top; the
 * portal takes the hash as a placeholder. "GST3.2.3" is the latest version string seen in public files written for
 * this format (the GSTN release notes themselves were not at hand): change it with the next format change.
 */
export const OFFLINE_TOOL_VERSION = 'GST3.2.3';
export const OFFLINE_TOOL_HASH = 'hash';

/** Rupees as the portal wants them: a JSON number with at most two decimals, from exact paise. */
export const rupees = (paise: Paise): number => Number(toMoneyString(paise));
export const rate = (bp: number): number => Number(formatRateBp(bp));

/** yyyy-mm-dd -> dd-mm-yyyy (idt, nt_dt, sbdt). */
export function portalDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}

/** yyyy-mm -> MMYYYY (fp). */
export function filingPeriod(period: string): string {
  const [y, m] = period.split('-');
  return `${m}${y}`;
}

/** The itm_det of one rate: iamt for IGST documents, camt and samt otherwise (never both: the portal refuses it). */
export function itemDetail(sums: TaxSums, rateBp: number, isIgst: boolean): Gstr1ItemDetail {
  return isIgst
    ? { txval: rupees(sums.taxable), rt: rate(rateBp), iamt: rupees(sums.igst), csamt: rupees(sums.cess) }
    : {
        txval: rupees(sums.taxable),
        rt: rate(rateBp),
        camt: rupees(sums.cgst),
        samt: rupees(sums.sgst),
        csamt: rupees(sums.cess),
      };
}

export function invoiceType(supplyKind: string): 'R' | 'SEWP' | 'SEWOP' | 'DE' {
  switch (supplyKind) {
    case 'SEZWP':
      return 'SEWP';
    case 'SEZWOP':
      return 'SEWOP';
    case 'DEXP':
      return 'DE';
    default:
      return 'R';
  }
}

/** B2CL, cdnur and exports are inter-state: only iamt is reported. */
export function omitIntra(d: Gstr1ItemDetail): Gstr1ItemDetail {
  return { txval: d.txval, rt: d.rt, iamt: d.iamt ?? 0, csamt: d.csamt };
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
