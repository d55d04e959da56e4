import type { AccountKey } from '@bizdash/domain/ledger/chart';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database';

/** The SQL of `ledger check`: aggregates over the journal and over the documents, compared by ledger-check.ts. */

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function unbalancedEntries(executor: Executor, limit: number) {
  const rows = await executor
    .selectFrom('journal_lines')
    .select((eb) => [
      'entry_id',
      eb.fn.sum<number>('debit_paise').as('debit'),
      eb.fn.sum<number>('credit_paise').as('credit'),
    ])
    .groupBy('entry_id')
    .having((eb) => eb(eb.fn.sum('debit_paise'), '<>', eb.fn.sum('credit_paise')))
    .limit(limit)
    .execute();
  return rows.map((r) => ({ entryId: Number(r.entry_id), debit: num(r.debit), credit: num(r.credit) }));
}

export async function dailyMismatches(executor: Executor, limit: number) {
  const kept = sql`select account_id, date, debit_paise, credit_paise from ledger_daily`;
  const lines = sql`select account_id, date, sum(debit_paise) as debit_paise, sum(credit_paise) as credit_paise
    from journal_lines group by account_id, date`;
  const a = await sql<{ account_id: number; date: string }>`
    select account_id, date from (${kept} except ${lines}) x limit ${limit}`.execute(executor);
  const b = await sql<{ account_id: number; date: string }>`
    select account_id, date from (${lines} except ${kept}) x limit ${limit}`.execute(executor);
  return [
    ...a.rows.map((r) => ({ accountId: Number(r.account_id), date: String(r.date), side: 'kept' })),
    ...b.rows.map((r) => ({ accountId: Number(r.account_id), date: String(r.date), side: 'recomputed' })),
  ];
}

const SOURCE_TABLES = {
  invoice: 'invoices',
  payment: 'payments',
  expense: 'order_expenses',
  settlement: 'settlement_entries',
  payout: 'payouts',
  opening: 'parties',
} as const;

/** Documents that were posted and are now gone, whose entries were never reversed. */
export async function orphanSources(executor: Executor, limit: number) {
  const out: { sourceType: string; sourceId: number }[] = [];
  for (const [type, table] of Object.entries(SOURCE_TABLES)) {
    const rows = await sql<{ source_id: number }>`
      select s.source_id from ledger_sources s
      where s.source_type = ${type} and s.entry_id is not null
        and not exists (select 1 from ${sql.table(table)} d where d.id = s.source_id)
      limit ${limit}`.execute(executor);
    out.push(...rows.rows.map((r) => ({ sourceType: type, sourceId: Number(r.source_id) })));
  }
  return out;
}

/** Each party's balance on each party-ledger account, on the account's natural side ("key|partyId" → paise). */
export async function partyLedgerNets(executor: Executor): Promise<Map<string, number>> {
  const rows = await sql<{ system_key: string; party_id: number; net: number | string }>`
    select a.system_key, l.party_id,
      sum(case when a.type in ('asset', 'expense') then l.debit_paise - l.credit_paise
               else l.credit_paise - l.debit_paise end) as net
    from journal_lines l join ledger_accounts a on a.id = l.account_id
    where a.party_ledger = ${sql.lit(true)} and l.party_id is not null
    group by a.system_key, l.party_id`.execute(executor);
  const out = new Map<string, number>();
  for (const r of rows.rows) if (num(r.net) !== 0) out.set(`${r.system_key}|${r.party_id}`, num(r.net));
  return out;
}

/** The same balances as the documents give them. */
export async function partyDocumentNets(executor: Executor): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const put = (key: AccountKey, rows: { party_id: number; net: number | string | null }[]) => {
    for (const r of rows) {
      const v = num(r.net);
      if (v !== 0) out.set(`${key}|${r.party_id}`, (out.get(`${key}|${r.party_id}`) ?? 0) + v);
    }
  };
  for (const [key, direction] of [
    ['sundry_debtors', 'receivable'],
    ['sundry_creditors', 'payable'],
  ] as const) {
    const rows = await sql<{ party_id: number; net: number }>`
      select party_id, sum(balance_due_paise) as net from invoices
      where status = 'issued' and direction = ${direction} and type <> 'credit_note'
      group by party_id`.execute(executor);
    put(key, rows.rows);
  }
  for (const [key, direction] of [
    ['customer_advances', 'received'],
    ['supplier_advances', 'made'],
  ] as const) {
    const rows = await sql<{ party_id: number; net: number }>`
      select party_id, sum(amount_paise + tds_paise - allocated_paise) as net from payments
      where direction = ${direction} group by party_id`.execute(executor);
    put(key, rows.rows);
  }
  const shares = await sql<{ party_id: number; net: number }>`
    select partner_id as party_id, sum(partner_share_paise) as net from settlement_entries
    where status = 'approved' and partner_id is not null group by partner_id`.execute(executor);
  put('partner_payable', shares.rows);
  // Opening balances stand on the debtor or creditor ledger, by their sign.
  const opening = await sql<{ party_id: number; net: number }>`
    select id as party_id, opening_balance_paise as net from parties where opening_balance_paise <> 0`.execute(
    executor,
  );
  put(
    'sundry_debtors',
    opening.rows.filter((r) => num(r.net) > 0),
  );
  put(
    'sundry_creditors',
    opening.rows.filter((r) => num(r.net) < 0).map((r) => ({ party_id: r.party_id, net: -num(r.net) })),
  );
  const paid = await sql<{ party_id: number; net: number }>`
    select partner_id as party_id, -sum(amount_paise) as net from payouts group by partner_id`.execute(executor);
  put('partner_payable', paid.rows);
  for (const [k, v] of [...out]) if (v === 0) out.delete(k);
  return out;
}

/** Tax on issued documents as each GST account should hold it, on the account's natural side. */
export async function documentTax(executor: Executor): Promise<Partial<Record<AccountKey, number>>> {
  const rows = await sql<{
    direction: string;
    rcm: number;
    inel: number;
    ut: number;
    cgst: number;
    sgst: number;
    igst: number;
    cess: number;
  }>`
    select direction,
      case when reverse_charge then 1 else 0 end as rcm,
      case when itc_eligibility = 'ineligible' then 1 else 0 end as inel,
      case when regime = 'CGST_UTGST' then 1 else 0 end as ut,
      sum(case when type = 'credit_note' then -cgst_paise else cgst_paise end) as cgst,
      sum(case when type = 'credit_note' then -sgst_paise else sgst_paise end) as sgst,
      sum(case when type = 'credit_note' then -igst_paise else igst_paise end) as igst,
      sum(case when type = 'credit_note' then -cess_paise else cess_paise end) as cess
    from invoices where status = 'issued'
    group by direction, case when reverse_charge then 1 else 0 end,
      case when itc_eligibility = 'ineligible' then 1 else 0 end, case when regime = 'CGST_UTGST' then 1 else 0 end`.execute(
    executor,
  );
  const out: Partial<Record<AccountKey, number>> = {
    output_cgst: 0,
    output_sgst: 0,
    output_utgst: 0,
    output_igst: 0,
    output_cess: 0,
    input_cgst: 0,
    input_sgst: 0,
    input_utgst: 0,
    input_igst: 0,
    input_cess: 0,
    rcm_payable: 0,
    ineligible_itc: 0,
  };
  const add = (key: AccountKey, v: number) => {
    out[key] = (out[key] ?? 0) + v;
  };
  for (const r of rows.rows) {
    const [cgst, sgst, igst, cess] = [num(r.cgst), num(r.sgst), num(r.igst), num(r.cess)];
    const ut = num(r.ut) === 1;
    if (r.direction === 'receivable') {
      if (num(r.rcm) === 1) continue; // the recipient pays reverse-charge tax on our sales
      add('output_cgst', cgst);
      add(ut ? 'output_utgst' : 'output_sgst', sgst);
      add('output_igst', igst);
      add('output_cess', cess);
    } else {
      if (num(r.inel) === 1) add('ineligible_itc', cgst + sgst + igst + cess);
      else {
        add('input_cgst', cgst);
        add(ut ? 'input_utgst' : 'input_sgst', sgst);
        add('input_igst', igst);
        add('input_cess', cess);
      }
      if (num(r.rcm) === 1) add('rcm_payable', cgst + sgst + igst + cess);
    }
  }
  return out;
}

/** Every account's all-time balance on its natural side, by account id. */
export async function accountNets(executor: Executor): Promise<Map<number, number>> {
  const rows = await sql<{ id: number; net: number | string }>`
    select a.id, sum(case when a.type in ('asset', 'expense') then d.debit_paise - d.credit_paise
                          else d.credit_paise - d.debit_paise end) as net
    from ledger_daily d join ledger_accounts a on a.id = d.account_id group by a.id`.execute(executor);
  return new Map(rows.rows.map((r) => [Number(r.id), num(r.net)]));
}

export async function countAllEntries(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
