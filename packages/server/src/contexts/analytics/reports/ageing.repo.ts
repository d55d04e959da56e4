import { addDays } from '@bizdash/domain/orders/calendar';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../../platform/db/database';

/** The ageing report's queries: outstanding documents by party in due-date buckets, and today's totals. */

/** The due-date buckets of an ageing as of a date: sums of `amount` by how overdue `due` (yyyy-mm-dd) is. */
function ageingBuckets(asOf: string, due: RawBuilder<unknown>, amount: RawBuilder<unknown>) {
  const d30 = addDays(asOf, -30);
  const d60 = addDays(asOf, -60);
  const d90 = addDays(asOf, -90);
  return sql`sum(case when ${due} >= ${asOf} then ${amount} else 0 end) as not_due,
    sum(case when ${due} < ${asOf} and ${due} >= ${d30} then ${amount} else 0 end) as b30,
    sum(case when ${due} < ${d30} and ${due} >= ${d60} then ${amount} else 0 end) as b60,
    sum(case when ${due} < ${d60} and ${due} >= ${d90} then ${amount} else 0 end) as b90,
    sum(case when ${due} < ${d90} then ${amount} else 0 end) as over90,
    sum(${amount}) as total`;
}

/** SQLite plans without statistics; the hint names the partial index of open documents by party. */
function openPartyIndex(database: Database): RawBuilder<unknown> {
  return database.dialect === 'sqlite' ? sql`indexed by invoices_open_party_idx` : sql``;
}

/**
 * Outstanding documents by party in due-date buckets. As of today it reads the balances kept on the documents
 * (a partial index of open documents by party); with `top`, only the parties with the largest balances (from the
 * per-party summary). As of a past date it takes off the payments and credit notes dated by then, aggregated
 * once per document (not a subquery per document).
 */
export async function ageingRows(
  database: Database,
  direction: 'receivable' | 'payable',
  asOf: string,
  today: string,
  partyId: number | null,
  top: number | null,
) {
  const { db } = database;
  const due = sql`coalesce(i.due_date, i.date)`;
  let parties = partyId ? sql`and i.party_id = ${partyId}` : sql``;
  if (top !== null) {
    const largest = await sql<{ party_id: number }>`
        select party_id from metric_open_parties where direction = ${direction} and documents <> 0
        order by balance desc, party_id limit ${top}`.execute(db);
    if (largest.rows.length === 0) return [];
    parties = sql`and i.party_id in (${sql.join(largest.rows.map((x) => Number(x.party_id)))})`;
  }
  const docs =
    asOf >= today
      ? sql`select i.party_id, ${due} as due, i.balance_due_paise as outstanding
            from invoices i ${openPartyIndex(database)}
            where i.status = 'issued' and i.type <> 'credit_note' and i.balance_due_paise > 0
              and i.direction = ${direction} ${parties}`
      : sql`select i.party_id, ${due} as due,
              i.grand_total_paise - coalesce(p.paid, 0) - coalesce(c.credited, 0) as outstanding
            from invoices i
            left join (select a.invoice_id, sum(a.amount_paise) as paid from payment_allocations a
                       join payments y on y.id = a.payment_id where y.date <= ${asOf} group by a.invoice_id) p
              on p.invoice_id = i.id
            left join (select x.original_invoice_id, sum(x.grand_total_paise) as credited from invoices x
                       where x.type = 'credit_note' and x.status = 'issued' and x.date <= ${asOf}
                         and x.original_invoice_id is not null group by x.original_invoice_id) c
              on c.original_invoice_id = i.id
            where i.status = 'issued' and i.direction = ${direction} and i.type <> 'credit_note'
              and i.date <= ${asOf} ${parties}`;
  const r = await sql<Record<string, unknown>>`
      select d.party_id as party_id, pa.name as party_name, count(*) as documents, ${ageingBuckets(asOf, sql`d.due`, sql`d.outstanding`)}
      from (${docs}) d join parties pa on pa.id = d.party_id
      where d.outstanding > 0
      group by d.party_id, pa.name
      order by sum(d.outstanding) desc, d.party_id`.execute(db);
  return r.rows;
}

/** Today's ageing totals over every party, from the open balances by due date (a row per day). */
export async function ageingTotalsNow(database: Database, direction: 'receivable' | 'payable', asOf: string) {
  const { db } = database;
  const [totals, parties] = await Promise.all([
    sql<Record<string, unknown>>`
        select sum(m.documents) as documents, ${ageingBuckets(asOf, sql`m.day`, sql`m.balance`)}
        from metric_open_due_days m where m.direction = ${direction}`.execute(db),
    sql<{ n: number }>`
        select count(*) as n from metric_open_parties where direction = ${direction} and documents <> 0`.execute(db),
  ]);
  return { totals: totals.rows[0] ?? {}, parties: Number(parties.rows[0]?.n ?? 0) };
}
