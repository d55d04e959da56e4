import { sql } from 'kysely';
import type {
  InwardGroup,
  LineTaxability,
  OutwardGroup,
  RecipientKind,
  SupplierKind,
} from '@bizdash/domain/gst/gstr3b';
import type { Dialect, Executor } from '../../../platform/db/database';
import { jsonTextField } from '../../../platform/db/dialect-sql';
import { FROM, baseWhere, signed, type Gstr1Filter } from './returns.repo';

/** GSTR-3B queries: outward and inward lines summed per classifying attribute (the domain places each group). */

/** Issued inward documents of one GSTIN in the period: purchase bills and the supplier's notes against them. */
function inwardWhere(f: Gstr1Filter) {
  return sql`i.direction = 'payable'
    and i.type in ('purchase', 'credit_note', 'debit_note')
    and i.status = 'issued'
    and i.date >= ${f.from} and i.date <= ${f.to}
    and i.business_gstin = ${f.gstin}`;
}

/** GSTR-3B group columns shared by outward and inward lines (literals only, for PostgreSQL's GROUP BY). */
const ZERO_RATE_LINE = sql`(case when l.gst_rate_bp = 0 and l.cess_rate_bp = 0 and l.cess_per_unit_paise = 0
  then 1 else 0 end)`;
const INTER = sql`(case when i.is_inter_state then 1 else 0 end)`;
/** A note is under reverse charge when the bill it adjusts is. */
const REVERSE_CHARGE = sql`(case when i.reverse_charge or o.reverse_charge then 1 else 0 end)`;
const signedSums = sql`${signed('l.taxable_paise')} as taxable, ${signed('l.igst_paise')} as igst,
  ${signed('l.cgst_paise')} as cgst, ${signed('l.sgst_paise')} as sgst, ${signed('l.cess_paise')} as cess`;

const sums = (r: Record<string, unknown>) => ({
  taxable: Number(r.taxable),
  igst: Number(r.igst),
  cgst: Number(r.cgst),
  sgst: Number(r.sgst),
  cess: Number(r.cess),
});

/**
 * GSTR-3B outward lines summed per combination of the attributes that decide their table (domain gst/gstr3b.ts
 * classifies each group): one row per treatment, flags, recipient kind and place of supply, never per document.
 */
export async function gstr3bOutward(db: Executor, dialect: Dialect, f: Gstr1Filter): Promise<OutwardGroup[]> {
  const reg = jsonTextField(dialect, 'i.party_snapshot', 'registrationType');
  const billOfSupply = sql`(case when i.kind = 'bill_of_supply' or o.kind = 'bill_of_supply' then 1 else 0 end)`;
  const zeroRated = sql`(case when i.is_zero_rated
    or i.supply_kind in ('EXPWP', 'EXPWOP', 'SEZWP', 'SEZWOP') then 1 else 0 end)`;
  // Composition and UIN holders have a GSTIN but are listed apart in 3.2; B2C-billed parties count as unregistered.
  const recipient = sql`(case when ${reg} = 'composition' then 'composition' when ${reg} = 'uin' then 'uin'
    when i.party_gstin is null or i.supply_kind = 'B2C' then 'unregistered' else 'registered' end)`;
  const { rows } = await sql<Record<string, unknown>>`
    select l.taxability, ${billOfSupply} as bos, ${zeroRated} as zr, ${ZERO_RATE_LINE} as zrl,
      ${REVERSE_CHARGE} as rc, ${INTER} as inter, ${recipient} as recipient, i.place_of_supply, ${signedSums}
    from ${FROM}
    where ${baseWhere(f)}
    group by l.taxability, ${billOfSupply}, ${zeroRated}, ${ZERO_RATE_LINE}, ${REVERSE_CHARGE}, ${INTER},
      ${recipient}, i.place_of_supply`.execute(db);
  // `as`: each column holds only the values its CASE (or the taxability CHECK) can produce.
  return rows.map((r) => ({
    taxability: String(r.taxability) as LineTaxability,
    isBillOfSupply: Number(r.bos) === 1,
    isZeroRated: Number(r.zr) === 1,
    isZeroRateLine: Number(r.zrl) === 1,
    isReverseCharge: Number(r.rc) === 1,
    isInterState: Number(r.inter) === 1,
    recipient: String(r.recipient) as RecipientKind,
    placeOfSupply: String(r.place_of_supply),
    ...sums(r),
  }));
}

/**
 * GSTR-3B inward lines (purchase bills and supplier notes) summed per treatment, reverse charge, inter-state,
 * supplier kind, goods/services and ITC eligibility. A note takes the eligibility of the bill it adjusts.
 */
export async function gstr3bInward(db: Executor, dialect: Dialect, f: Gstr1Filter): Promise<InwardGroup[]> {
  const reg = jsonTextField(dialect, 'i.party_snapshot', 'registrationType');
  const supplier = sql`(case when ${reg} = 'composition' then 'composition' when ${reg} = 'overseas' then 'overseas'
    when i.party_gstin is null then 'unregistered' else 'registered' end)`;
  const service = sql`(case when l.hsn_sac like '99%' then 1 else 0 end)`;
  const itc = sql`coalesce(i.itc_eligibility, o.itc_eligibility, 'eligible')`;
  const { rows } = await sql<Record<string, unknown>>`
    select l.taxability, ${ZERO_RATE_LINE} as zrl, ${REVERSE_CHARGE} as rc, ${INTER} as inter,
      ${supplier} as supplier, ${service} as service, ${itc} as itc, ${signedSums}
    from ${FROM}
    where ${inwardWhere(f)}
    group by l.taxability, ${ZERO_RATE_LINE}, ${REVERSE_CHARGE}, ${INTER}, ${supplier}, ${service}, ${itc}`.execute(db);
  // `as`: as above; itc_eligibility is one of the contract's three values.
  return rows.map((r) => ({
    taxability: String(r.taxability) as LineTaxability,
    isZeroRateLine: Number(r.zrl) === 1,
    isReverseCharge: Number(r.rc) === 1,
    isInterState: Number(r.inter) === 1,
    supplier: String(r.supplier) as SupplierKind,
    isService: Number(r.service) === 1,
    itcEligibility: String(r.itc) as InwardGroup['itcEligibility'],
    ...sums(r),
  }));
}
