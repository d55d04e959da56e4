import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type {
  B2csRow,
  DocumentRateRow,
  DocumentSection,
  DocumentNumberRow,
  HsnRow,
  NilKind,
  NilRow,
} from './gstr1-rows';

/**
 * GSTR-1 queries. Every figure is summed in SQL from the engine's stored line values (paise); JavaScript only
 * assembles the sections. Classification follows gst-rules.md 7.1 (IC GSTR1CategoryConditions).
 */

export interface Gstr1Filter {
  gstin: string;
  /** First and last day of the month, yyyy-mm-dd. */
  from: string;
  to: string;
}

/** B2CL limit in paise by invoice date: ₹2,50,000 up to 31-07-2024, ₹1,00,000 after (strictly greater). */
const b2clLimit = (alias: 'i' | 'o') =>
  sql`(case when ${sql.ref(`${alias}.date`)} <= ${sql.lit('2024-07-31')} then 25000000 else 10000000 end)`;

/**
 * The section of a document (i) given the invoice it adjusts (o, for notes). Exports are POS 96 with an export
 * supply kind; B2B needs the recipient's GSTIN; B2CL is inter-state above the limit; notes to unregistered persons go
 * to cdnur only against B2CL or export invoices, else they are netted into B2CS.
 */
const SECTION: RawBuilder<string> = sql<string>`(case
  when i.type = 'sales' then (case
    when i.supply_kind in ('EXPWP', 'EXPWOP') then 'exp'
    when i.party_gstin is not null and i.supply_kind <> 'B2C' then 'b2b'
    when i.is_inter_state and i.grand_total_paise > ${b2clLimit('i')} then 'b2cl'
    else 'b2cs' end)
  else (case
    when i.party_gstin is not null and i.supply_kind not in ('B2C', 'EXPWP', 'EXPWOP') then 'cdnr'
    when i.supply_kind in ('EXPWP', 'EXPWOP') then 'cdnur'
    when o.id is not null and o.is_inter_state and o.grand_total_paise > ${b2clLimit('o')} then 'cdnur'
    else 'b2cs' end)
  end)`;

/**
 * How a line (l) of a document (i, adjusting o) is reported: 'taxable' in Tables 4–7, else its Table 8 column. The
 * line's own taxability wins; lines of a bill of supply (or a note against one) are exempt (Rule 49); a taxable line
 * at 0 % with no cess is nil-rated, except on exports and SEZ supplies, which are zero-rated and stay in exp / b2b.
 * Literals only (no parameters), so PostgreSQL accepts the same expression in select and group by.
 */
const NIL_KIND: RawBuilder<string> = sql<string>`(case
  when l.taxability <> 'taxable' then l.taxability
  when i.kind = 'bill_of_supply' or o.kind = 'bill_of_supply' then 'exempt'
  when l.gst_rate_bp = 0 and l.cess_rate_bp = 0 and l.cess_per_unit_paise = 0
    and i.supply_kind not in ('EXPWP', 'EXPWOP', 'SEZWP', 'SEZWOP') then 'nil'
  else 'taxable' end)`;

/** Table 8's registered recipients: the same test as the b2b section (a GSTIN, not billed as B2C). */
const IS_REGISTERED = sql`(case when i.party_gstin is not null and i.supply_kind <> 'B2C' then 1 else 0 end)`;

/** Credit notes reduce the summarised tables (B2CS, HSN); invoices and debit notes add. */
export const signed = (column: string) =>
  sql<number>`sum(case when i.type = 'credit_note' then -${sql.ref(column)} else ${sql.ref(column)} end)`;

/**
 * Issued outward documents of one GSTIN in the period, supplies to oneself left out. Bills of supply are included:
 * their lines are exempt and land in Table 8 (NIL_KIND), never in Tables 4–9.
 */
export function baseWhere(f: Gstr1Filter) {
  return sql`i.direction = 'receivable'
    and i.type in ('sales', 'credit_note', 'debit_note')
    and i.status = 'issued'
    and i.date >= ${f.from} and i.date <= ${f.to}
    and i.business_gstin = ${f.gstin}
    and (i.party_gstin is null or i.party_gstin <> i.business_gstin)`;
}

/** Lines reported in Tables 4–7 and 9 (3B-style: nil-rated, exempt and non-GST values stay out of txval). */
const TAXABLE_LINE = sql`${NIL_KIND} = 'taxable'`;

export const FROM = sql`invoices i
  join invoice_lines l on l.invoice_id = i.id
  left join invoices o on o.id = i.original_invoice_id`;

interface ExportDetailsJson {
  shippingBillNumber?: string | null;
  shippingBillDate?: string | null;
  portCode?: string | null;
}

export function makeReturnsRepo() {
  /** The id range of the period's documents, so the per-document query can walk it in chunks. */
  async function idRange(db: Executor, f: Gstr1Filter): Promise<{ min: number; max: number } | null> {
    const { rows } = await sql<{ lo: number | null; hi: number | null }>`
      select min(i.id) as lo, max(i.id) as hi from invoices i where ${baseWhere(f)}`.execute(db);
    const row = rows[0];
    if (!row || row.lo === null || row.hi === null) return null;
    return { min: Number(row.lo), max: Number(row.hi) };
  }

  /**
   * One row per document and GST rate for the listed sections (b2b, b2cl, exp, cdnr, cdnur), for ids in
   * [fromId, toId]. Chunking by id keeps memory flat for a month of 100,000 invoices.
   */
  async function documentRates(db: Executor, f: Gstr1Filter, fromId: number, toId: number): Promise<DocumentRateRow[]> {
    const { rows } = await sql<Record<string, unknown>>`
      select i.id, i.type, i.number, i.date, i.grand_total_paise, i.place_of_supply, i.reverse_charge,
        i.supply_kind, i.regime, i.party_gstin, i.party_name, i.export_details, o.supply_kind as original_supply_kind,
        ${SECTION} as section, l.gst_rate_bp,
        sum(l.taxable_paise) as taxable, sum(l.igst_paise) as igst, sum(l.cgst_paise) as cgst,
        sum(l.sgst_paise) as sgst, sum(l.cess_paise) as cess
      from ${FROM}
      where ${baseWhere(f)} and i.id between ${fromId} and ${toId} and ${SECTION} <> 'b2cs' and ${TAXABLE_LINE}
      group by i.id, o.id, l.gst_rate_bp
      order by i.id, l.gst_rate_bp`.execute(db);
    return rows.map((r) => {
      const exp = typeof r.export_details === 'string' ? (JSON.parse(r.export_details) as ExportDetailsJson) : null;
      return {
        section: String(r.section) as DocumentSection,
        id: Number(r.id),
        type: String(r.type) as DocumentRateRow['type'],
        number: String(r.number),
        date: String(r.date).slice(0, 10),
        grandTotal: Number(r.grand_total_paise),
        placeOfSupply: String(r.place_of_supply),
        reverseCharge: toBool(r.reverse_charge as boolean | number),
        supplyKind: String(r.supply_kind),
        isIgst: r.regime === 'IGST' || r.regime === 'IGST_ZERO_RATED_LUT',
        partyGstin: r.party_gstin === null ? null : String(r.party_gstin),
        partyName: String(r.party_name),
        originalSupplyKind: r.original_supply_kind === null ? null : String(r.original_supply_kind),
        shippingBillNumber: exp?.shippingBillNumber ?? null,
        shippingBillDate: exp?.shippingBillDate ?? null,
        portCode: exp?.portCode ?? null,
        rateBp: Number(r.gst_rate_bp),
        taxable: Number(r.taxable),
        igst: Number(r.igst),
        cgst: Number(r.cgst),
        sgst: Number(r.sgst),
        cess: Number(r.cess),
      };
    });
  }

  /** Table 7: B2CS by supply type, place of supply and rate, credit notes netted off. */
  async function b2cs(db: Executor, f: Gstr1Filter): Promise<B2csRow[]> {
    const { rows } = await sql<Record<string, unknown>>`
      select (case when i.is_inter_state then 1 else 0 end) as inter, i.place_of_supply, l.gst_rate_bp,
        ${signed('l.taxable_paise')} as taxable, ${signed('l.igst_paise')} as igst,
        ${signed('l.cgst_paise')} as cgst, ${signed('l.sgst_paise')} as sgst, ${signed('l.cess_paise')} as cess
      from ${FROM}
      where ${baseWhere(f)} and ${SECTION} = 'b2cs' and ${TAXABLE_LINE}
      group by (case when i.is_inter_state then 1 else 0 end), i.place_of_supply, l.gst_rate_bp`.execute(db);
    return rows.map((r) => ({
      isInterState: Number(r.inter) === 1,
      placeOfSupply: String(r.place_of_supply),
      rateBp: Number(r.gst_rate_bp),
      taxable: Number(r.taxable),
      igst: Number(r.igst),
      cgst: Number(r.cgst),
      sgst: Number(r.sgst),
      cess: Number(r.cess),
    }));
  }

  /** Table 12: by B2B/B2C, HSN, unit and rate, net of credit notes. */
  async function hsn(db: Executor, f: Gstr1Filter): Promise<HsnRow[]> {
    const isB2b = sql`(case when ${SECTION} in ('b2b', 'cdnr') then 1 else 0 end)`;
    const { rows } = await sql<Record<string, unknown>>`
      select ${isB2b} as b2b, l.hsn_sac, l.unit, l.gst_rate_bp, min(l.description) as description,
        ${signed('l.quantity_milli')} as qty,
        ${signed('l.taxable_paise')} as taxable, ${signed('l.igst_paise')} as igst,
        ${signed('l.cgst_paise')} as cgst, ${signed('l.sgst_paise')} as sgst, ${signed('l.cess_paise')} as cess
      from ${FROM}
      where ${baseWhere(f)} and ${NIL_KIND} <> 'non_gst'
      group by ${isB2b}, l.hsn_sac, l.unit, l.gst_rate_bp`.execute(db);
    return rows.map((r) => ({
      isB2b: Number(r.b2b) === 1,
      hsn: String(r.hsn_sac),
      uqc: String(r.unit),
      rateBp: Number(r.gst_rate_bp),
      quantityMilli: Number(r.qty),
      description: r.description === null ? null : String(r.description),
      taxable: Number(r.taxable),
      igst: Number(r.igst),
      cgst: Number(r.cgst),
      sgst: Number(r.sgst),
      cess: Number(r.cess),
    }));
  }

  /** Table 8: nil-rated, exempt and non-GST values by inter/intra-state and registered/unregistered recipient. */
  async function nil(db: Executor, f: Gstr1Filter): Promise<NilRow[]> {
    const { rows } = await sql<Record<string, unknown>>`
      select (case when i.is_inter_state then 1 else 0 end) as inter, ${IS_REGISTERED} as reg, ${NIL_KIND} as kind,
        ${signed('l.taxable_paise')} as amount
      from ${FROM}
      where ${baseWhere(f)} and ${NIL_KIND} <> 'taxable'
      group by (case when i.is_inter_state then 1 else 0 end), ${IS_REGISTERED}, ${NIL_KIND}`.execute(db);
    return rows.map((r) => ({
      isInterState: Number(r.inter) === 1,
      isRegistered: Number(r.reg) === 1,
      kind: String(r.kind) as NilKind,
      amount: Number(r.amount),
    }));
  }

  /**
   * Table 13: every numbered outward document of this GSTIN dated in the period, issued or cancelled, with its
   * nature. The builder groups them by series prefix and counts them; only this GSTIN's documents count, as GSTR-1
   * is filed per registration.
   */
  async function documentNumbers(db: Executor, f: Gstr1Filter): Promise<DocumentNumberRow[]> {
    const rows = await db
      .selectFrom('invoices')
      .select(['type', 'number', 'status'])
      .where('direction', '=', 'receivable')
      .where('type', 'in', ['sales', 'credit_note', 'debit_note'])
      .where('status', 'in', ['issued', 'cancelled'])
      .where('number', 'is not', null)
      .where('date', '>=', f.from)
      .where('date', '<=', f.to)
      .where('business_gstin', '=', f.gstin)
      .execute();
    return rows.map((r) => ({
      nature: r.type === 'credit_note' ? 5 : r.type === 'debit_note' ? 4 : 1,
      number: String(r.number),
      cancelled: r.status === 'cancelled',
    }));
  }

  /** The primary GSTIN and every registration's, to check the requested one is the business's own. */
  async function businessGstins(db: Executor): Promise<{ primary: string | null; all: string[] }> {
    const business = await db.selectFrom('business').select(['gstin']).where('id', '=', 1).executeTakeFirst();
    const regs = await db.selectFrom('business_registrations').select(['gstin']).execute();
    const primary = business?.gstin ?? null;
    return { primary, all: [...(primary ? [primary] : []), ...regs.map((r) => r.gstin)] };
  }

  return { idRange, documentRates, b2cs, hsn, nil, documentNumbers, businessGstins };
}
