import type { Gstr1Query, Gstr1Return, Gstr3bQuery, Gstr3bReturn, RegisterQuery } from '@bizdash/contracts/returns';
import { AppError } from '@bizdash/domain/errors';
import { computeGstr3b } from '@bizdash/domain/gst/gstr3b';
import { stateTaxLabelOf } from '@bizdash/domain/gst/regime';
import { findState } from '@bizdash/domain/states';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { InvoiceRow } from '../invoices/invoices.tables';
import { Gstr1Builder } from './gstr1-builder';
import { gstr1Workbook } from './gstr1-xlsx';
import { gstr3bJson } from './gstr3b-json';
import { gstr3bWorkbook } from './gstr3b-xlsx';
import { registerWorkbook, type RegisterColumn } from '../../../platform/export/register-xlsx';
import { gstr3bInward, gstr3bOutward } from './gstr3b.repo';
import { registerPage } from './register.repo';
import { makeReturnsRepo, type Gstr1Filter } from './returns.repo';

export interface ReturnsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

export type ReturnsService = ReturnType<typeof makeReturnsService>;

/** Invoices per chunk of the per-document GSTR-1 query and per register page. */
const CHUNK = 5000;

function lastDayOf(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}

/** yyyy-mm-dd (PostgreSQL may hand back a longer form); register-xlsx writes it as a dd-mm-yyyy date cell. */
const isoDate = (value: string | null) => (value ? String(value).slice(0, 10) : null);
const pos = (code: string) => (code === '96' ? '96-Other Countries' : `${code}-${findState(code)?.name ?? ''}`);
/** Credit notes reduce a register's totals. */
const sign = (r: InvoiceRow) => (r.type === 'credit_note' ? -1 : 1);

const DOC_LABEL: Record<InvoiceRow['type'], string> = {
  sales: 'Invoice',
  purchase: 'Purchase bill',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
};

const COMMON_AMOUNTS: RegisterColumn<InvoiceRow>[] = [
  { header: 'Taxable value', width: 16, money: true, value: (r) => sign(r) * Number(r.taxable_paise) },
  { header: 'CGST', width: 14, money: true, value: (r) => sign(r) * Number(r.cgst_paise) },
  { header: 'SGST/UTGST', width: 14, money: true, value: (r) => sign(r) * Number(r.sgst_paise) },
  { header: 'IGST', width: 14, money: true, value: (r) => sign(r) * Number(r.igst_paise) },
  { header: 'Cess', width: 12, money: true, value: (r) => sign(r) * Number(r.cess_paise) },
  { header: 'Round off', width: 11, money: true, value: (r) => sign(r) * Number(r.round_off_paise) },
  { header: 'Total', width: 16, money: true, value: (r) => sign(r) * Number(r.grand_total_paise) },
];

const SALES_COLUMNS: RegisterColumn<InvoiceRow>[] = [
  { header: 'Date', width: 12, date: true, value: (r) => isoDate(r.date) },
  { header: 'Number', width: 20, value: (r) => r.number },
  { header: 'Document', width: 13, value: (r) => DOC_LABEL[r.type] },
  { header: 'Status', width: 10, value: (r) => r.status },
  { header: 'Party', width: 30, value: (r) => r.party_name },
  { header: 'GSTIN', width: 17, value: (r) => r.party_gstin },
  { header: 'Place of supply', width: 22, value: (r) => pos(r.place_of_supply) },
  { header: 'Supply type', width: 10, value: (r) => r.supply_kind },
  { header: 'Reverse charge', width: 9, value: (r) => (r.reverse_charge ? 'Y' : 'N') },
  { header: 'State tax', width: 9, value: (r) => stateTaxLabelOf(r.regime) ?? '' },
  ...COMMON_AMOUNTS,
  { header: 'Our GSTIN', width: 17, value: (r) => r.business_gstin },
];

const PURCHASE_COLUMNS: RegisterColumn<InvoiceRow>[] = [
  { header: 'Date', width: 12, date: true, value: (r) => isoDate(r.date) },
  { header: 'Supplier bill no.', width: 20, value: (r) => r.supplier_number },
  { header: 'Supplier bill date', width: 12, date: true, value: (r) => isoDate(r.supplier_date) },
  { header: 'Document', width: 13, value: (r) => DOC_LABEL[r.type] },
  { header: 'Status', width: 10, value: (r) => r.status },
  { header: 'Supplier', width: 30, value: (r) => r.party_name },
  { header: 'GSTIN', width: 17, value: (r) => r.party_gstin },
  { header: 'Place of supply', width: 22, value: (r) => pos(r.place_of_supply) },
  { header: 'Reverse charge', width: 9, value: (r) => (r.reverse_charge ? 'Y' : 'N') },
  ...COMMON_AMOUNTS,
  { header: 'ITC', width: 11, value: (r) => r.itc_eligibility },
  { header: 'ITC note', width: 24, value: (r) => r.itc_reason },
];

/** GST returns and registers, aggregated in SQL. */
export function makeReturnsService({ database }: ReturnsServiceDeps) {
  const repo = makeReturnsRepo();
  const db = database.db;

  async function resolveGstin(requested: string | undefined): Promise<string> {
    const { primary, all } = await repo.businessGstins(db);
    const gstin = requested?.toUpperCase() ?? primary;
    if (!gstin) {
      throw new AppError('VALIDATION_FAILED', 'The business has no GSTIN; set it in business settings', {
        field: 'gstin',
      });
    }
    if (!all.includes(gstin)) {
      throw new AppError('VALIDATION_FAILED', `${gstin} is not one of the business's GST registrations`, {
        field: 'gstin',
      });
    }
    return gstin;
  }

  async function buildGstr1(
    query: Pick<Gstr1Query, 'period' | 'gstin'>,
  ): Promise<{ ret: Gstr1Return; names: Map<string, string> }> {
    const gstin = await resolveGstin(query.gstin);
    const filter: Gstr1Filter = { gstin, from: `${query.period}-01`, to: lastDayOf(query.period) };
    const builder = new Gstr1Builder();
    const range = await repo.idRange(db, filter);
    if (range) {
      // Walk the month's ids in chunks: each chunk is one indexed, grouped query, so memory stays flat.
      for (let lo = range.min; lo <= range.max; lo += CHUNK) {
        for (const row of await repo.documentRates(db, filter, lo, Math.min(lo + CHUNK - 1, range.max)))
          builder.addDocumentRate(row);
      }
    }
    const [b2cs, hsn, nil, series] = await Promise.all([
      repo.b2cs(db, filter),
      repo.hsn(db, filter),
      repo.nil(db, filter),
      repo.documentNumbers(db, filter),
    ]);
    b2cs.forEach((r) => builder.addB2cs(r));
    nil.forEach((r) => builder.addNil(r));
    hsn.forEach((r) => builder.addHsn(r));
    series.forEach((r) => builder.addDocumentNumber(r));
    return { ret: builder.build(gstin, query.period), names: builder.partyNames() };
  }

  /** GSTR-1 for a month in the portal's JSON. */
  async function gstr1(query: Pick<Gstr1Query, 'period' | 'gstin'>): Promise<Gstr1Return> {
    return (await buildGstr1(query)).ret;
  }

  /** The same GSTR-1 as an XLSX workbook, one sheet per section. */
  async function gstr1Xlsx(query: Pick<Gstr1Query, 'period' | 'gstin'>): Promise<Buffer> {
    const { ret, names } = await buildGstr1(query);
    return gstr1Workbook(ret, names);
  }

  /**
   * GSTR-3B for a month: two grouped queries (outward and inward lines summed per classifying attribute), then the
   * domain rules place each group and compute 6.1. Read-only, so no transaction: both reads see committed documents.
   */
  async function gstr3b(query: Pick<Gstr3bQuery, 'period' | 'gstin'>): Promise<Gstr3bReturn> {
    const gstin = await resolveGstin(query.gstin);
    const filter: Gstr1Filter = { gstin, from: `${query.period}-01`, to: lastDayOf(query.period) };
    const [outward, inward] = await Promise.all([
      gstr3bOutward(db, database.dialect, filter),
      gstr3bInward(db, database.dialect, filter),
    ]);
    return gstr3bJson(gstin, query.period, computeGstr3b(outward, inward));
  }

  /** The same GSTR-3B as a workbook, one sheet per table. */
  async function gstr3bXlsx(query: Pick<Gstr3bQuery, 'period' | 'gstin'>): Promise<Buffer> {
    return gstr3bWorkbook(await gstr3b(query));
  }

  /** Keyset pages of a register's documents, in date order, never the whole table at once. */
  async function* registerPages(query: RegisterQuery): AsyncGenerator<InvoiceRow[]> {
    const direction = query.type === 'sales' ? 'receivable' : 'payable';
    let after: { date: string; id: number } | null = null;
    for (;;) {
      const rows = await registerPage(db, {
        direction,
        from: query.from,
        to: query.to,
        after,
        limit: CHUNK,
      });
      if (rows.length === 0) return;
      // Cancelled documents keep their number in the register but carry no value (Table 13 counts them).
      yield rows.map((r) =>
        r.status === 'cancelled'
          ? {
              ...r,
              taxable_paise: 0,
              cgst_paise: 0,
              sgst_paise: 0,
              igst_paise: 0,
              cess_paise: 0,
              round_off_paise: 0,
              grand_total_paise: 0,
            }
          : r,
      );
      const last = rows[rows.length - 1];
      if (!last || rows.length < CHUNK) return;
      after = { date: String(last.date).slice(0, 10), id: last.id };
    }
  }

  /** Sales or purchase register for a date range as XLSX. */
  async function register(query: RegisterQuery): Promise<Buffer> {
    if (query.from > query.to) throw new AppError('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
    const title = query.type === 'sales' ? 'Sales register' : 'Purchase register';
    return registerWorkbook(title, query.type === 'sales' ? SALES_COLUMNS : PURCHASE_COLUMNS, registerPages(query));
  }

  return { gstr1, gstr1Xlsx, gstr3b, gstr3bXlsx, register };
}
