import type { Gstr1HsnRow, Gstr1ItemDetail, Gstr1NilRow, Gstr1Return } from '@bizdash/contracts/returns';
import { formatRateBp } from '@bizdash/domain/gst/units';
import { toMoneyString, type Paise } from '@bizdash/domain/money';

/**
 * Pure assembly of the portal's GSTR-1 JSON from rows the database has already aggregated (per document and rate,
 * per B2CS bucket, per HSN and rate, per number series). Amounts arrive in paise and are converted to rupee numbers
 * only here, at the edge (gst-rules.md 7.1). Rows may arrive in chunks; documents are keyed by id.
 */

/** GSTR-1 sections a document line can land in. B2CS is summarised separately (B2csRow). */
export type DocumentSection = 'b2b' | 'b2cl' | 'exp' | 'cdnr' | 'cdnur';

export interface TaxSums {
  taxable: Paise;
  igst: Paise;
  cgst: Paise;
  sgst: Paise;
  cess: Paise;
}

/** One issued document at one GST rate, with the document's header fields repeated. */
export interface DocumentRateRow extends TaxSums {
  section: DocumentSection;
  id: number;
  type: 'sales' | 'credit_note' | 'debit_note';
  number: string;
  /** yyyy-mm-dd */
  date: string;
  grandTotal: Paise;
  placeOfSupply: string;
  reverseCharge: boolean;
  supplyKind: string;
  /** IGST documents report iamt; CGST+SGST/UTGST documents camt and samt. */
  isIgst: boolean;
  partyGstin: string | null;
  partyName: string;
  /** cdnur only: the supply kind of the invoice the note adjusts (B2C inter-state above the limit, or export). */
  originalSupplyKind: string | null;
  shippingBillNumber: string | null;
  shippingBillDate: string | null;
  portCode: string | null;
  rateBp: number;
}

/** A B2CS bucket; credit notes already subtracted in SQL. */
export interface B2csRow extends TaxSums {
  isInterState: boolean;
  placeOfSupply: string;
  rateBp: number;
}

export interface HsnRow extends TaxSums {
  /** Supplies to registered persons (b2b, cdnr) go to hsn_b2b from May 2025; the rest to hsn_b2c. */
  isB2b: boolean;
  hsn: string;
  uqc: string;
  rateBp: number;
  quantityMilli: number;
  description: string | null;
}

/** How a line's value is reported outside Tables 4–7 (GSTR-1 Table 8). */
export type NilKind = 'nil' | 'exempt' | 'non_gst';

/** Table 8: one supply type and kind, credit notes already subtracted in SQL. */
export interface NilRow {
  isInterState: boolean;
  /** The recipient holds a GSTIN (B2B, SEZ, deemed export). */
  isRegistered: boolean;
  kind: NilKind;
  amount: Paise;
}

/** The portal's Table 8 rows in the offline tool's order. */
const NIL_SUPPLY_TYPES: readonly { type: Gstr1NilRow['sply_ty']; isInterState: boolean; isRegistered: boolean }[] = [
  { type: 'INTRB2B', isInterState: true, isRegistered: true },
  { type: 'INTRAB2B', isInterState: false, isRegistered: true },
  { type: 'INTRB2C', isInterState: true, isRegistered: false },
  { type: 'INTRAB2C', isInterState: false, isRegistered: false },
];

/** One numbered outward document of the GSTIN in the period (issued or cancelled), for Table 13. */
export interface DocumentNumberRow {
  /** GSTN document nature: 1 invoices for outward supply, 4 debit notes, 5 credit notes. */
  nature: 1 | 4 | 5;
  number: string;
  cancelled: boolean;
}

/**
 * The offline tool whose JSON this file follows: the GST portal's Returns Offline Tool, GSTR-1 import format, as it
 * stands after the May 2025 Table 12 change (hsn_b2b / hsn_b2c, `desc` from the HSN master plus the user's
 * `user_desc`, UQC "NA" for services). The tool writes `"version": "GST3.x"` and `"hash": "hash"` at the top; the
 * portal takes the hash as a placeholder. "GST3.2.3" is the latest version string seen in public files written for
 * this format (the GSTN release notes themselves were not at hand): change it with the next format change.
 */
export const OFFLINE_TOOL_VERSION = 'GST3.2.3';
export const OFFLINE_TOOL_HASH = 'hash';

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

/**
 * The number's series prefix: the number without its trailing run of digits ("INV/2026-27/0002" -> "INV/2026-27/").
 * A change of numbering template within the year gives a new prefix and so a new Table 13 range.
 */
export function seriesPrefix(number: string): { prefix: string; serial: bigint | null } {
  const m = /^(.*?)(\d+)$/.exec(number);
  return m ? { prefix: m[1] ?? '', serial: BigInt(m[2] ?? '0') } : { prefix: number, serial: null };
}

interface RangeAcc {
  nature: DocumentNumberRow['nature'];
  prefix: string;
  from: { number: string; serial: bigint | null };
  to: { number: string; serial: bigint | null };
  total: number;
  cancelled: number;
}

/** Order within one prefix: by the trailing number, then the text (numbers without one). */
function before(a: { number: string; serial: bigint | null }, b: { number: string; serial: bigint | null }): boolean {
  if (a.serial !== null && b.serial !== null && a.serial !== b.serial) return a.serial < b.serial;
  return a.number < b.number;
}

/** GSTR-1 Table 12 is split into B2B and B2C from the May 2025 period (IC HSN_BIFURCATION_FROM). */
export const HSN_SPLIT_FROM = '2025-05';

const DOC_NATURES: Record<DocumentNumberRow['nature'], string> = {
  1: 'Invoices for outward supply',
  4: 'Debit Note',
  5: 'Credit Note',
};

/** Rupees as the portal wants them: a JSON number with at most two decimals, from exact paise. */
export const rupees = (paise: Paise): number => Number(toMoneyString(paise));
const rate = (bp: number): number => Number(formatRateBp(bp));

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

function invoiceType(supplyKind: string): 'R' | 'SEWP' | 'SEWOP' | 'DE' {
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

interface DocAcc {
  head: DocumentRateRow;
  rates: DocumentRateRow[];
}

export class Gstr1Builder {
  readonly #docs = new Map<number, DocAcc>();
  readonly #b2cs: B2csRow[] = [];
  readonly #hsn: HsnRow[] = [];
  readonly #ranges = new Map<string, RangeAcc>();
  readonly #hsnMaster: (hsn: string) => string | null;

  /**
   * `hsnMaster`: the HSN master's description of a code (Table 12 `desc` from May 2025). BizDash ships no HSN master
   * yet, so by default there is none and `desc` carries the user's own text, cleaned, as before May 2025.
   */
  constructor(options: { hsnMaster?: (hsn: string) => string | null } = {}) {
    this.#hsnMaster = options.hsnMaster ?? (() => null);
  }
  readonly #nil: NilRow[] = [];

  addDocumentRate(row: DocumentRateRow): void {
    const acc = this.#docs.get(row.id);
    if (acc) acc.rates.push(row);
    else this.#docs.set(row.id, { head: row, rates: [row] });
  }

  /** Recipient names by GSTIN, for the workbook's "Receiver Name" column (the JSON has no names). */
  partyNames(): Map<string, string> {
    const names = new Map<string, string>();
    for (const { head } of this.#docs.values()) if (head.partyGstin) names.set(head.partyGstin, head.partyName);
    return names;
  }

  addB2cs(row: B2csRow): void {
    this.#b2cs.push(row);
  }

  addHsn(row: HsnRow): void {
    this.#hsn.push(row);
  }

  /**
   * Table 13 from the documents themselves: one range per (nature, series prefix), counting the rows actually
   * numbered (issued and cancelled) rather than the span between the first and last number.
   */
  addDocumentNumber(row: DocumentNumberRow): void {
    const { prefix, serial } = seriesPrefix(row.number);
    const key = `${row.nature}|${prefix}`;
    const at = { number: row.number, serial };
    const acc = this.#ranges.get(key);
    if (!acc) {
      this.#ranges.set(key, {
        nature: row.nature,
        prefix,
        from: at,
        to: at,
        total: 1,
        cancelled: row.cancelled ? 1 : 0,
      });
      return;
    }
    acc.total += 1;
    if (row.cancelled) acc.cancelled += 1;
    if (before(at, acc.from)) acc.from = at;
    if (before(acc.to, at)) acc.to = at;
  }

  addNil(row: NilRow): void {
    this.#nil.push(row);
  }

  /** Documents in their portal order: by counterparty, then date, then number. */
  #sortedDocs(section: DocumentSection): DocAcc[] {
    const docs = [...this.#docs.values()].filter((d) => d.head.section === section);
    return docs.sort(
      (a, b) =>
        (a.head.partyGstin ?? '').localeCompare(b.head.partyGstin ?? '') ||
        a.head.date.localeCompare(b.head.date) ||
        a.head.number.localeCompare(b.head.number),
    );
  }

  #items(acc: DocAcc) {
    return acc.rates
      .slice()
      .sort((a, b) => a.rateBp - b.rateBp)
      .map((r) => ({ num: r.rateBp + 1, itm_det: itemDetail(r, r.rateBp, r.isIgst) }));
  }

  build(gstin: string, period: string): Gstr1Return {
    const out: Gstr1Return = {
      gstin,
      fp: filingPeriod(period),
      version: OFFLINE_TOOL_VERSION,
      hash: OFFLINE_TOOL_HASH,
    };

    const b2b = groupBy(this.#sortedDocs('b2b'), (d) => d.head.partyGstin ?? '');
    if (b2b.size > 0) {
      out.b2b = [...b2b].map(([ctin, docs]) => ({
        ctin,
        inv: docs.map((d) => ({
          inum: d.head.number,
          idt: portalDate(d.head.date),
          val: rupees(d.head.grandTotal),
          pos: d.head.placeOfSupply,
          rchrg: d.head.reverseCharge ? ('Y' as const) : ('N' as const),
          inv_typ: invoiceType(d.head.supplyKind),
          itms: this.#items(d),
        })),
      }));
    }

    const b2cl = groupBy(
      this.#sortedDocs('b2cl').sort((a, b) => a.head.placeOfSupply.localeCompare(b.head.placeOfSupply)),
      (d) => d.head.placeOfSupply,
    );
    if (b2cl.size > 0) {
      out.b2cl = [...b2cl].map(([pos, docs]) => ({
        pos,
        inv: docs.map((d) => ({
          inum: d.head.number,
          idt: portalDate(d.head.date),
          val: rupees(d.head.grandTotal),
          // B2CL is inter-state by definition, so every row is IGST.
          itms: this.#items(d).map((i) => ({ num: i.num, itm_det: omitIntra(i.itm_det) })),
        })),
      }));
    }

    if (this.#b2cs.length > 0) {
      out.b2cs = this.#b2cs
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

    const exp = groupBy(this.#sortedDocs('exp'), (d) => (d.head.supplyKind === 'EXPWP' ? 'WPAY' : 'WOPAY'));
    if (exp.size > 0) {
      out.exp = (['WPAY', 'WOPAY'] as const)
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

    const cdnr = groupBy(this.#sortedDocs('cdnr'), (d) => d.head.partyGstin ?? '');
    if (cdnr.size > 0) {
      out.cdnr = [...cdnr].map(([ctin, docs]) => ({
        ctin,
        nt: docs.map((d) => ({
          ntty: d.head.type === 'credit_note' ? ('C' as const) : ('D' as const),
          nt_num: d.head.number,
          nt_dt: portalDate(d.head.date),
          val: rupees(d.head.grandTotal),
          pos: d.head.placeOfSupply,
          rchrg: d.head.reverseCharge ? ('Y' as const) : ('N' as const),
          inv_typ: invoiceType(d.head.supplyKind),
          itms: this.#items(d),
        })),
      }));
    }

    const cdnur = this.#sortedDocs('cdnur');
    if (cdnur.length > 0) {
      out.cdnur = cdnur.map((d) => {
        const kind = d.head.originalSupplyKind ?? d.head.supplyKind;
        const typ = kind === 'EXPWP' ? ('EXPWP' as const) : kind === 'EXPWOP' ? ('EXPWOP' as const) : ('B2CL' as const);
        return {
          typ,
          ntty: d.head.type === 'credit_note' ? ('C' as const) : ('D' as const),
          nt_num: d.head.number,
          nt_dt: portalDate(d.head.date),
          val: rupees(d.head.grandTotal),
          ...(typ === 'B2CL' ? { pos: d.head.placeOfSupply } : {}),
          itms: this.#items(d).map((i) => ({ num: i.num, itm_det: omitIntra(i.itm_det) })),
        };
      });
    }

    if (this.#nil.length > 0) {
      const sum = (t: (typeof NIL_SUPPLY_TYPES)[number], kind: NilKind) =>
        this.#nil
          .filter((r) => r.isInterState === t.isInterState && r.isRegistered === t.isRegistered && r.kind === kind)
          .reduce((acc, r) => acc + r.amount, 0);
      const inv = NIL_SUPPLY_TYPES.filter((t) =>
        this.#nil.some((r) => r.isInterState === t.isInterState && r.isRegistered === t.isRegistered),
      ).map((t) => ({
        sply_ty: t.type,
        nil_amt: rupees(sum(t, 'nil')),
        expt_amt: rupees(sum(t, 'exempt')),
        ngsup_amt: rupees(sum(t, 'non_gst')),
      }));
      if (inv.length > 0) out.nil = { inv };
    }

    if (this.#hsn.length > 0) {
      const split = period >= HSN_SPLIT_FROM;
      const toRows = (rows: HsnRow[]): Gstr1HsnRow[] =>
        rows
          .slice()
          .sort((a, b) => a.hsn.localeCompare(b.hsn) || a.rateBp - b.rateBp || a.uqc.localeCompare(b.uqc))
          .map((r, i) => {
            const isService = r.hsn.startsWith('99');
            const userText = r.description ? portalHsnDescription(r.description) : '';
            const master = split ? this.#hsnMaster(r.hsn) : null;
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
      out.hsn = split
        ? { hsn_b2b: toRows(this.#hsn.filter((r) => r.isB2b)), hsn_b2c: toRows(this.#hsn.filter((r) => !r.isB2b)) }
        : { data: toRows(this.#hsn) };
    }

    if (this.#ranges.size > 0) {
      const natures = groupBy(
        [...this.#ranges.values()].sort(
          (a, b) =>
            a.nature - b.nature || a.from.number.localeCompare(b.from.number) || a.prefix.localeCompare(b.prefix),
        ),
        (r) => r.nature,
      );
      out.doc_issue = {
        doc_det: [...natures].map(([nature, ranges]) => ({
          doc_num: nature,
          doc_typ: DOC_NATURES[nature],
          docs: ranges.map((r, i) => ({
            num: i + 1,
            from: r.from.number,
            to: r.to.number,
            totnum: r.total,
            cancel: r.cancelled,
            net_issue: r.total - r.cancelled,
          })),
        })),
      };
    }
    return out;
  }
}

/** B2CL, cdnur and exports are inter-state: only iamt is reported. */
function omitIntra(d: Gstr1ItemDetail): Gstr1ItemDetail {
  return { txval: d.txval, rt: d.rt, iamt: d.iamt ?? 0, csamt: d.csamt };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
