import type { Gstr1HsnRow, Gstr1Return } from '@bizdash/contracts/returns';
import { rate, rupees } from './gstr1-format';
import type { HsnRow } from './gstr1-rows';

/** GSTR-1 Table 12 (HSN-wise summary of outward supplies). */

/** The offline tool's pattern for Table 12 `desc` and `user_desc`. */
export const HSN_DESC_PATTERN = /^[ A-Za-z0-9_@./&-]{0,30}$/;
const HSN_DESC_MAX = 30;

/**
 * A description the tool accepts: accents dropped (é -> e), every other character outside its set replaced by a
 * space ("Chairs, tables (wood)" -> "Chairs tables wood"), spaces collapsed, then shortened to 30 characters at a
 * word boundary when there is one in the second half, else at 30. The result always matches HSN_DESC_PATTERN.
 */
export function portalHsnDescription(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const cleaned = ascii
    .replace(/[^ A-Za-z0-9_@./&-]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
  if (cleaned.length <= HSN_DESC_MAX) return cleaned;
  const head = cleaned.slice(0, HSN_DESC_MAX + 1);
  const space = head.lastIndexOf(' ');
  return (space >= HSN_DESC_MAX / 2 ? head.slice(0, space) : cleaned.slice(0, HSN_DESC_MAX)).trim();
}

/** GSTR-1 Table 12 is split into B2B and B2C from the May 2025 period (IC HSN_BIFURCATION_FROM). */
export const HSN_SPLIT_FROM = '2025-05';

/**
 * Table 12 from its rows: one list before May 2025, split into B2B and B2C from then. `hsnMaster` gives the HSN
 * master's description of a code (Table 12 `desc` from May 2025).
 */
export function hsnSection(
  hsn: readonly HsnRow[],
  period: string,
  hsnMaster: (hsn: string) => string | null,
): NonNullable<Gstr1Return['hsn']> {
  const split = period >= HSN_SPLIT_FROM;
  const toRows = (rows: readonly HsnRow[]): Gstr1HsnRow[] =>
    rows
      .slice()
      .sort((a, b) => a.hsn.localeCompare(b.hsn) || a.rateBp - b.rateBp || a.uqc.localeCompare(b.uqc))
      .map((r, i) => {
        const isService = r.hsn.startsWith('99');
        const userText = r.description ? portalHsnDescription(r.description) : '';
        const master = split ? hsnMaster(r.hsn) : null;
        const desc = master !== null ? portalHsnDescription(master) : userText;
        return {
          num: i + 1,
          hsn_sc: r.hsn,
          ...(desc ? { desc } : {}),
          // From May 2025 the user's own text has a field of its own; `desc` is the HSN master's.
          ...(split && userText ? { user_desc: userText } : {}),
          // Services carry no quantity: UQC "NA" from May 2025 (the tool's list), OTH before, quantity 0.
          uqc: isService ? (split ? 'NA' : 'OTH') : r.uqc,
          qty: isService ? 0 : r.quantityMilli / 1000,
          rt: rate(r.rateBp),
          txval: rupees(r.taxable),
          iamt: rupees(r.igst),
          camt: rupees(r.cgst),
          samt: rupees(r.sgst),
          csamt: rupees(r.cess),
        };
      });
  return split
    ? { hsn_b2b: toRows(hsn.filter((r) => r.isB2b)), hsn_b2c: toRows(hsn.filter((r) => !r.isB2b)) }
    : { data: toRows(hsn) };
}
