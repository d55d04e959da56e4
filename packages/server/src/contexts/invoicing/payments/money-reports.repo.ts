import type { AgeingQuery, LedgerEntryKind } from '@bizdash/contracts/payments';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database';

/** SQL of the money reports (ageing, party ledger). */

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

export interface AgeingFilter {
  direction: AgeingQuery['direction'];
  asOf: string;
  /** asOf less 30, 60 and 90 days. */
  d30: string;
  d60: string;
  d90: string;
  partyId?: number | undefined;
}

/** Outstanding documents by party in due-date buckets, as of a date, largest total first. */
export async function ageingRows(executor: Executor, { direction, asOf, d30, d60, d90, partyId }: AgeingFilter) {
  const partyFilter = partyId ? sql`and i.party_id = ${partyId}` : sql``;
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
        where i.direction = ${direction} and i.status = 'issued' and i.type <> 'credit_note'
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
      order by sum(d.outstanding) desc, pa.name, d.party_id`.execute(executor);
  return result.rows;
}

/** A party's balance from every document and payment dated before `from` (debit less credit). */
export async function ledgerOpening(executor: Executor, partyId: number, from: string) {
  const source = ledgerSource(partyId);
  const opening = await sql<{ balance: number | null }>`
      select sum(s.debit - s.credit) as balance from (${source}) s where s.date < ${from}`.execute(executor);
  return opening.rows[0]?.balance;
}

/** A party's documents and payments from `from` to `to`, in date order, each as a debit or a credit. */
export async function ledgerEntries(executor: Executor, partyId: number, from: string, to: string) {
  const source = ledgerSource(partyId);
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
      order by s.date, s.seq, s.row_id`.execute(executor);
  return entries.rows;
}

export function partyById(executor: Executor, partyId: number) {
  return executor.selectFrom('parties').selectAll().where('id', '=', partyId).executeTakeFirst();
}

export function businessNameAndGstin(executor: Executor) {
  return executor.selectFrom('business').select(['name', 'gstin']).where('id', '=', 1).executeTakeFirst();
}
