import type { Gstr1NilRow, Gstr1Return } from '@bizdash/contracts/returns';
import { rate, rupees } from './gstr1-format';
import type { B2csRow, NilKind, NilRow } from './gstr1-rows';

/** The GSTR-1 sections summed without documents: Table 7 (B2CS) and Table 8 (nil rated, exempt, non-GST). */

/** Table 7 in the portal's order: intra-state first, then by place of supply and rate. */
export function b2csSection(rows: readonly B2csRow[]): NonNullable<Gstr1Return['b2cs']> {
  return rows
    .slice()
    .sort(
      (a, b) =>
        Number(a.isInterState) - Number(b.isInterState) ||
        a.placeOfSupply.localeCompare(b.placeOfSupply) ||
        a.rateBp - b.rateBp,
    )
    .map((r) => ({
      sply_ty: r.isInterState ? ('INTER' as const) : ('INTRA' as const),
      pos: r.placeOfSupply,
      typ: 'OE' as const,
      rt: rate(r.rateBp),
      txval: rupees(r.taxable),
      ...(r.isInterState || r.igst !== 0 ? { iamt: rupees(r.igst) } : {}),
      ...(!r.isInterState ? { camt: rupees(r.cgst), samt: rupees(r.sgst) } : {}),
      csamt: rupees(r.cess),
    }));
}

/** The portal's Table 8 rows in the offline tool's order. */
const NIL_SUPPLY_TYPES: readonly { type: Gstr1NilRow['sply_ty']; isInterState: boolean; isRegistered: boolean }[] = [
  { type: 'INTRB2B', isInterState: true, isRegistered: true },
  { type: 'INTRAB2B', isInterState: false, isRegistered: true },
  { type: 'INTRB2C', isInterState: true, isRegistered: false },
  { type: 'INTRAB2C', isInterState: false, isRegistered: false },
];

/** Table 8: one row per supply type that has any value, or none at all. */
export function nilSection(nil: readonly NilRow[]): Gstr1Return['nil'] {
  const sum = (t: (typeof NIL_SUPPLY_TYPES)[number], kind: NilKind) =>
    nil
      .filter((r) => r.isInterState === t.isInterState && r.isRegistered === t.isRegistered && r.kind === kind)
      .reduce((acc, r) => acc + r.amount, 0);
  const inv = NIL_SUPPLY_TYPES.filter((t) =>
    nil.some((r) => r.isInterState === t.isInterState && r.isRegistered === t.isRegistered),
  ).map((t) => ({
    sply_ty: t.type,
    nil_amt: rupees(sum(t, 'nil')),
    expt_amt: rupees(sum(t, 'exempt')),
    ngsup_amt: rupees(sum(t, 'non_gst')),
  }));
  return inv.length > 0 ? { inv } : undefined;
}
