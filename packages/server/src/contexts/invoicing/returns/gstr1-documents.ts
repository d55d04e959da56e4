import type { Gstr1Return } from '@bizdash/contracts/returns';
import { groupBy, invoiceType, itemDetail, omitIntra, portalDate, rate, rupees } from './gstr1-format';
import type { DocumentRateRow, DocumentSection } from './gstr1-rows';

/** The GSTR-1 sections listed document by document: Tables 4 (b2b), 5 (b2cl), 6 (exp) and 9B (cdnr, cdnur). */

/** One document with its rows, one per GST rate. */
export interface DocAcc {
  head: DocumentRateRow;
  rates: DocumentRateRow[];
}

/** Documents of a section in their portal order: by counterparty, then date, then number. */
export function sortedDocs(docs: Iterable<DocAcc>, section: DocumentSection): DocAcc[] {
  const list = [...docs].filter((d) => d.head.section === section);
  return list.sort(
    (a, b) =>
      (a.head.partyGstin ?? '').localeCompare(b.head.partyGstin ?? '') ||
      a.head.date.localeCompare(b.head.date) ||
      a.head.number.localeCompare(b.head.number),
  );
}

function items(acc: DocAcc) {
  return acc.rates
    .slice()
    .sort((a, b) => a.rateBp - b.rateBp)
    .map((r) => ({ num: r.rateBp + 1, itm_det: itemDetail(r, r.rateBp, r.isIgst) }));
}

export function b2bSection(docs: Iterable<DocAcc>): Gstr1Return['b2b'] {
  const b2b = groupBy(sortedDocs(docs, 'b2b'), (d) => d.head.partyGstin ?? '');
  if (b2b.size === 0) return undefined;
  return [...b2b].map(([ctin, docs]) => ({
    ctin,
    inv: docs.map((d) => ({
      inum: d.head.number,
      idt: portalDate(d.head.date),
      val: rupees(d.head.grandTotal),
      pos: d.head.placeOfSupply,
      rchrg: d.head.reverseCharge ? ('Y' as const) : ('N' as const),
      inv_typ: invoiceType(d.head.supplyKind),
      itms: items(d),
    })),
  }));
}

export function b2clSection(docs: Iterable<DocAcc>): Gstr1Return['b2cl'] {
  const b2cl = groupBy(
    sortedDocs(docs, 'b2cl').sort((a, b) => a.head.placeOfSupply.localeCompare(b.head.placeOfSupply)),
    (d) => d.head.placeOfSupply,
  );
  if (b2cl.size === 0) return undefined;
  return [...b2cl].map(([pos, docs]) => ({
    pos,
    inv: docs.map((d) => ({
      inum: d.head.number,
      idt: portalDate(d.head.date),
      val: rupees(d.head.grandTotal),
      // B2CL is inter-state by definition, so every row is IGST.
      itms: items(d).map((i) => ({ num: i.num, itm_det: omitIntra(i.itm_det) })),
    })),
  }));
}

export function expSection(docs: Iterable<DocAcc>): Gstr1Return['exp'] {
  const exp = groupBy(sortedDocs(docs, 'exp'), (d) => (d.head.supplyKind === 'EXPWP' ? 'WPAY' : 'WOPAY'));
  if (exp.size === 0) return undefined;
  return (['WPAY', 'WOPAY'] as const)
    .filter((t) => exp.has(t))
    .map((t) => ({
      exp_typ: t,
      inv: (exp.get(t) ?? []).map((d) => ({
        inum: d.head.number,
        idt: portalDate(d.head.date),
        val: rupees(d.head.grandTotal),
        ...(d.head.portCode ? { sbpcode: d.head.portCode } : {}),
        ...(d.head.shippingBillNumber ? { sbnum: d.head.shippingBillNumber } : {}),
        ...(d.head.shippingBillDate ? { sbdt: portalDate(d.head.shippingBillDate) } : {}),
        itms: d.rates
          .slice()
          .sort((a, b) => a.rateBp - b.rateBp)
          .map((r) => ({
            txval: rupees(r.taxable),
            rt: rate(r.rateBp),
            iamt: rupees(r.igst),
            csamt: rupees(r.cess),
          })),
      })),
    }));
}

export function cdnrSection(docs: Iterable<DocAcc>): Gstr1Return['cdnr'] {
  const cdnr = groupBy(sortedDocs(docs, 'cdnr'), (d) => d.head.partyGstin ?? '');
  if (cdnr.size === 0) return undefined;
  return [...cdnr].map(([ctin, docs]) => ({
    ctin,
    nt: docs.map((d) => ({
      ntty: d.head.type === 'credit_note' ? ('C' as const) : ('D' as const),
      nt_num: d.head.number,
      nt_dt: portalDate(d.head.date),
      val: rupees(d.head.grandTotal),
      pos: d.head.placeOfSupply,
      rchrg: d.head.reverseCharge ? ('Y' as const) : ('N' as const),
      inv_typ: invoiceType(d.head.supplyKind),
      itms: items(d),
    })),
  }));
}

export function cdnurSection(docs: Iterable<DocAcc>): Gstr1Return['cdnur'] {
  const cdnur = sortedDocs(docs, 'cdnur');
  if (cdnur.length === 0) return undefined;
  return cdnur.map((d) => {
    const kind = d.head.originalSupplyKind ?? d.head.supplyKind;
    const typ = kind === 'EXPWP' ? ('EXPWP' as const) : kind === 'EXPWOP' ? ('EXPWOP' as const) : ('B2CL' as const);
    return {
      typ,
      ntty: d.head.type === 'credit_note' ? ('C' as const) : ('D' as const),
      nt_num: d.head.number,
      nt_dt: portalDate(d.head.date),
      val: rupees(d.head.grandTotal),
      ...(typ === 'B2CL' ? { pos: d.head.placeOfSupply } : {}),
      itms: items(d).map((i) => ({ num: i.num, itm_det: omitIntra(i.itm_det) })),
    };
  });
}
