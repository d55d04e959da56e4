import type {
  AgeingBuckets,
  AgeingQuery,
  AgeingReport,
  LedgerEntryKind,
  LedgerQuery,
  PartyLedger,
} from '@bizdash/contracts/payments';
import type { Address } from '@bizdash/contracts/parties';
import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { toMoneyString } from '@bizdash/domain/money';
import { sql } from 'kysely';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';

const m = (paise: number | string) => toMoneyString(Number(paise));

const minusDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

export interface MoneyReportsDeps {
  database: Database;
  clock: Clock;
  /** Business time: reports run to today's date by default. */
  calendar: BusinessCalendar;
}

/**
 * The SQL-side signed amount of each ledger source, from our books' side: positive (debit) = the party owes us
 * more. Kept as one expression list so opening balance and entries can never disagree.
 */
function ledgerSource(partyId: number) {
  return sql<{
    date: string;
    kind: LedgerEntryKind;
    invoice_id: number | null;
    payment_id: number | null;
    number: string | null;
    mode: string | null;
    debit: number;
    credit: number;
    seq: number;
    row_id: number;
  }>`
    select i.date as date,
      case when i.type = 'sales' then 'sales_invoice' when i.type = 'purchase' then 'purchase_bill' else i.type end as kind,
      i.id as invoice_id, null as payment_id, i.number as number, null as mode,
      case when (i.direction = 'receivable' and i.type in ('sales', 'debit_note'))
             or (i.direction = 'payable' and i.type = 'credit_note') then i.grand_total_paise else 0 end as debit,
      case when (i.direction = 'receivable' and i.type = 'credit_note')
             or (i.direction = 'payable' and i.type in ('purchase', 'debit_note')) then i.grand_total_paise else 0 end as credit,
      0 as seq, i.id as row_id
    from invoices i
    where i.party_id = ${partyId} and i.status = 'issued'
    union all
    select p.date, case when p.direction = 'received' then 'payment_received' else 'payment_made' end,
      null, p.id, p.reference, p.mode,
      case when p.direction = 'made' then p.amount_paise else 0 end,
      case when p.direction = 'received' then p.amount_paise else 0 end,
      1, p.id
    from payments p
    where p.party_id = ${partyId}
    union all
    select p.date, 'tds', null, p.id, p.reference, p.mode,
      case when p.direction = 'made' then p.tds_paise else 0 end,
      case when p.direction = 'received' then p.tds_paise else 0 end,
      2, p.id
    from payments p
    where p.party_id = ${partyId} and p.tds_paise > 0`;
}

const KIND_LABELS: Record<LedgerEntryKind, string> = {
  sales_invoice: 'Sales invoice',
  purchase_bill: 'Purchase bill',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  payment_received: 'Payment received',
  payment_made: 'Payment made',
  tds: 'TDS deducted',
};

export function makeMoneyReports({ database, clock, calendar }: MoneyReportsDeps) {
  const { db } = database;

  /** Receivables or payables by party in due-date buckets, as of a date; aggregated in SQL. */
  async function ageing(query: AgeingQuery): Promise<AgeingReport> {
    const asOf = query.asOf ?? (await calendar.today(db));
    financialYearOf(asOf, 'asOf');
    const d30 = minusDays(asOf, 30);
    const d60 = minusDays(asOf, 60);
    const d90 = minusDays(asOf, 90);
    const partyFilter = query.partyId ? sql`and i.party_id = ${query.partyId}` : sql``;
    // Outstanding as of asOf: the total less allocations of payments dated by then and credit notes issued by then.
    const result = await sql<{
      party_id: number;
      party_name: string;
      not_due: number;
      b30: number;
      b60: number;
      b90: number;
      over90: number;
      total: number;
      documents: number;
    }>`
      with docs as (
        select i.party_id, coalesce(i.due_date, i.date) as due,
          i.grand_total_paise
          - coalesce((select sum(a.amount_paise) from payment_allocations a
                      join payments p on p.id = a.payment_id
                      where a.invoice_id = i.id and p.date <= ${asOf}), 0)
          - coalesce((select sum(c.grand_total_paise) from invoices c
                      where c.original_invoice_id = i.id and c.type = 'credit_note' and c.status = 'issued'
                        and c.date <= ${asOf}), 0) as outstanding
        from invoices i
        where i.direction = ${query.direction} and i.status = 'issued' and i.type <> 'credit_note'
          and i.date <= ${asOf} ${partyFilter}
      )
      select d.party_id, pa.name as party_name,
        sum(case when d.due >= ${asOf} then d.outstanding else 0 end) as not_due,
        sum(case when d.due < ${asOf} and d.due >= ${d30} then d.outstanding else 0 end) as b30,
        sum(case when d.due < ${d30} and d.due >= ${d60} then d.outstanding else 0 end) as b60,
        sum(case when d.due < ${d60} and d.due >= ${d90} then d.outstanding else 0 end) as b90,
        sum(case when d.due < ${d90} then d.outstanding else 0 end) as over90,
        sum(d.outstanding) as total,
        count(*) as documents
      from docs d
      join parties pa on pa.id = d.party_id
      where d.outstanding > 0
      group by d.party_id, pa.name
      order by sum(d.outstanding) desc, pa.name, d.party_id`.execute(db);
    const totals = { notDue: 0, days0to30: 0, days31to60: 0, days61to90: 0, over90: 0, total: 0 };
    const rows = result.rows.map((r) => {
      const b = {
        notDue: Number(r.not_due),
        days0to30: Number(r.b30),
        days31to60: Number(r.b60),
        days61to90: Number(r.b90),
        over90: Number(r.over90),
        total: Number(r.total),
      };
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += b[key];
      return { party: { id: Number(r.party_id), name: r.party_name }, documents: Number(r.documents), ...money(b) };
    });
    return { direction: query.direction, asOf, basis: 'due_date', rows, totals: money(totals) };
  }

  function money(b: Record<keyof AgeingBuckets, number>): AgeingBuckets {
    return {
      notDue: m(b.notDue),
      days0to30: m(b.days0to30),
      days31to60: m(b.days31to60),
      days61to90: m(b.days61to90),
      over90: m(b.over90),
      total: m(b.total),
    };
  }

  /** A party's statement: opening balance, every document and payment in date order with a running balance. */
  async function ledger(partyId: number, query: LedgerQuery): Promise<PartyLedger> {
    const party = await db.selectFrom('parties').selectAll().where('id', '=', partyId).executeTakeFirst();
    if (!party) throw new AppError('NOT_FOUND', `Party ${partyId} not found`);
    const business = await db.selectFrom('business').select(['name', 'gstin']).where('id', '=', 1).executeTakeFirst();
    const today = await calendar.today(db);
    const to = query.to ?? today;
    const from = query.from ?? financialYearOf(to, 'to').start;
    financialYearOf(from, 'from');
    financialYearOf(to, 'to');
    if (from > to) throw new AppError('VALIDATION_FAILED', 'from: is after to', { field: 'from' });

    const source = ledgerSource(partyId);
    const opening = await sql<{ balance: number | null }>`
      select sum(s.debit - s.credit) as balance from (${source}) s where s.date < ${from}`.execute(db);
    const entries = await sql<{
      date: string;
      kind: LedgerEntryKind;
      invoice_id: number | null;
      payment_id: number | null;
      number: string | null;
      mode: string | null;
      debit: number;
      credit: number;
    }>`
      select s.date, s.kind, s.invoice_id, s.payment_id, s.number, s.mode, s.debit, s.credit
      from (${source}) s
      where s.date >= ${from} and s.date <= ${to}
      order by s.date, s.seq, s.row_id`.execute(db);

    const openingBalance = Number(opening.rows[0]?.balance ?? 0);
    let balance = openingBalance;
    let totalDebit = 0;
    let totalCredit = 0;
    const out = entries.rows.map((e) => {
      const debit = Number(e.debit);
      const credit = Number(e.credit);
      balance += debit - credit;
      totalDebit += debit;
      totalCredit += credit;
      const label = KIND_LABELS[e.kind];
      const isPayment = e.payment_id !== null;
      const description = isPayment
        ? [label, e.mode ? `(${e.mode.replace('_', ' ')})` : null, e.number].filter(Boolean).join(' ')
        : `${label} ${e.number ?? ''}`.trim();
      return {
        // PostgreSQL returns dates as yyyy-mm-dd already; SQLite stores them so.
        date: String(e.date).slice(0, 10),
        kind: e.kind,
        invoiceId: e.invoice_id === null ? null : Number(e.invoice_id),
        paymentId: e.payment_id === null ? null : Number(e.payment_id),
        number: e.number,
        description,
        debit: m(debit),
        credit: m(credit),
        balance: m(balance),
      };
    });
    const billing = party.billing_address ? (JSON.parse(party.billing_address) as Address) : null;
    return {
      party: {
        id: party.id,
        name: party.name,
        gstin: party.gstin,
        billingAddress: billing
          ? {
              line1: billing.line1,
              line2: billing.line2 ?? null,
              city: billing.city,
              stateCode: billing.stateCode,
              pin: billing.pin,
            }
          : null,
      },
      business: { name: business?.name ?? '', gstin: business?.gstin ?? null },
      from,
      to,
      openingBalance: m(openingBalance),
      entries: out,
      totalDebit: m(totalDebit),
      totalCredit: m(totalCredit),
      closingBalance: m(balance),
      generatedAt: clock.now().toISOString(),
    };
  }

  return { ageing, ledger };
}
