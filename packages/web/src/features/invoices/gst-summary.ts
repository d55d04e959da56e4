import type { Gstr1Return } from '@bizdash/contracts/returns';
import { formatPaise } from '../../lib/format';

export interface SectionSummary {
  key: string;
  title: string;
  description: string;
  count: number;
  taxable: number;
  tax: number;
  value: number | null;
}

/** The portal JSON carries rupees as numbers with two decimals; sums are kept in paise. */
const paise = (rupees: number | undefined) => Math.round((rupees ?? 0) * 100);

interface ItemLike {
  txval: number;
  iamt?: number | undefined;
  camt?: number | undefined;
  samt?: number | undefined;
  csamt: number;
}
function addItems(items: ItemLike[]) {
  let taxable = 0;
  let tax = 0;
  for (const d of items) {
    taxable += paise(d.txval);
    tax += paise(d.iamt) + paise(d.camt) + paise(d.samt) + paise(d.csamt);
  }
  return { taxable, tax };
}

/** Counts and totals per GSTR-1 section, for a person to check before filing. */
export function summarise(ret: Gstr1Return): SectionSummary[] {
  const out: SectionSummary[] = [];
  const b2b = (ret.b2b ?? []).flatMap((p) => p.inv);
  out.push({
    key: 'b2b',
    title: 'B2B (4A)',
    description: 'Invoices to registered parties',
    count: b2b.length,
    ...addItems(b2b.flatMap((i) => i.itms.map((x) => x.itm_det))),
    value: b2b.reduce((s, i) => s + paise(i.val), 0),
  });
  const b2cl = (ret.b2cl ?? []).flatMap((p) => p.inv);
  out.push({
    key: 'b2cl',
    title: 'B2C large (5)',
    description: 'Inter-state to unregistered, above ₹1,00,000',
    count: b2cl.length,
    ...addItems(b2cl.flatMap((i) => i.itms.map((x) => x.itm_det))),
    value: b2cl.reduce((s, i) => s + paise(i.val), 0),
  });
  out.push({
    key: 'b2cs',
    title: 'B2C small (7)',
    description: 'Other supplies to unregistered, by state and rate',
    count: (ret.b2cs ?? []).length,
    ...addItems(ret.b2cs ?? []),
    value: null,
  });
  const exp = (ret.exp ?? []).flatMap((p) => p.inv);
  out.push({
    key: 'exp',
    title: 'Exports (6A)',
    description: 'With and without payment of IGST',
    count: exp.length,
    ...addItems(exp.flatMap((i) => i.itms)),
    value: exp.reduce((s, i) => s + paise(i.val), 0),
  });
  const nil = ret.nil?.inv ?? [];
  const nilTotals = nil.reduce(
    (t, r) => ({
      nil: t.nil + paise(r.nil_amt),
      exempt: t.exempt + paise(r.expt_amt),
      nonGst: t.nonGst + paise(r.ngsup_amt),
    }),
    { nil: 0, exempt: 0, nonGst: 0 },
  );
  out.push({
    key: 'nil',
    title: 'Nil rated, exempt, non-GST (8)',
    description:
      nil.length > 0
        ? `Nil ${formatPaise(nilTotals.nil)} · Exempt ${formatPaise(nilTotals.exempt)} · Non-GST ${formatPaise(nilTotals.nonGst)}`
        : 'Outward supplies that carry no GST, by supply type',
    // One row per supply type (inter/intra-state, registered or not) that had such supplies.
    count: nil.length,
    taxable: nilTotals.nil + nilTotals.exempt + nilTotals.nonGst,
    tax: 0,
    value: null,
  });
  const cdnr = (ret.cdnr ?? []).flatMap((p) => p.nt);
  out.push({
    key: 'cdnr',
    title: 'Credit/debit notes, registered (9B)',
    description: 'Notes to registered parties',
    count: cdnr.length,
    ...addItems(cdnr.flatMap((n) => n.itms.map((x) => x.itm_det))),
    value: cdnr.reduce((s, n) => s + paise(n.val), 0),
  });
  const cdnur = ret.cdnur ?? [];
  out.push({
    key: 'cdnur',
    title: 'Credit/debit notes, unregistered (9B)',
    description: 'Notes on B2C large and export invoices',
    count: cdnur.length,
    ...addItems(cdnur.flatMap((n) => n.itms.map((x) => x.itm_det))),
    value: cdnur.reduce((s, n) => s + paise(n.val), 0),
  });
  const hsnRows = ret.hsn ? ('data' in ret.hsn ? ret.hsn.data : [...ret.hsn.hsn_b2b, ...ret.hsn.hsn_b2c]) : [];
  out.push({
    key: 'hsn',
    title: 'HSN summary (12)',
    description: 'By HSN/SAC, unit and rate',
    count: hsnRows.length,
    ...addItems(hsnRows),
    value: null,
  });
  const docs = (ret.doc_issue?.doc_det ?? []).flatMap((d) => d.docs);
  out.push({
    key: 'doc_issue',
    title: 'Documents issued (13)',
    description: 'Number ranges, cancelled',
    count: docs.reduce((s, d) => s + d.totnum, 0),
    taxable: 0,
    tax: 0,
    value: null,
  });
  return out;
}
