import type { Executor } from '../../../platform/db/database';

/** Reads for the Tally export: which ledgers a period uses, and its journal entries a page at a time. */

/** Accounts with a line in [from, to] that is not a party's line (those go to the party's own ledger in Tally). */
export async function accountIdsOwningLines(executor: Executor, from: string, to: string): Promise<number[]> {
  const rows = await executor
    .selectFrom('journal_lines as l')
    .innerJoin('ledger_accounts as a', 'a.id', 'l.account_id')
    .select('l.account_id')
    .distinct()
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where((eb) => eb.or([eb('a.party_ledger', '=', false), eb('l.party_id', 'is', null)]))
    .execute();
  return rows.map((r) => Number(r.account_id));
}

/** Parties with a line on a party-ledger account in [from, to], with the accounts they appear on. */
export async function partiesOnPartyLedgers(executor: Executor, from: string, to: string) {
  return executor
    .selectFrom('journal_lines as l')
    .innerJoin('ledger_accounts as a', 'a.id', 'l.account_id')
    .innerJoin('parties as p', 'p.id', 'l.party_id')
    .select([
      'p.id',
      'p.name',
      'p.gstin',
      'p.pan',
      'p.gst_registration_type',
      'p.billing_address',
      'p.emails',
      'l.account_id',
    ])
    .distinct()
    .where('a.party_ledger', '=', true)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('p.id')
    .execute();
}

export async function countEntries(executor: Executor, from: string, to: string): Promise<number> {
  const row = await executor
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('date', '>=', from)
    .where('date', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next page of entries after (date, id), in date order: keyset paging, so a long period stays cheap. */
export async function entriesAfter(
  executor: Executor,
  from: string,
  to: string,
  after: { date: string; id: number } | null,
  limit: number,
) {
  let q = executor
    .selectFrom('journal_entries')
    .select(['id', 'date', 'voucher_type', 'party_id', 'reference', 'narration', 'source_type', 'reverses_id'])
    .where('date', '>=', from)
    .where('date', '<=', to);
  if (after) {
    q = q.where((eb) =>
      eb.or([eb('date', '>', after.date), eb.and([eb('date', '=', after.date), eb('id', '>', after.id)])]),
    );
  }
  return q.orderBy('date').orderBy('id').limit(limit).execute();
}

export async function linesOf(executor: Executor, entryIds: number[]) {
  if (entryIds.length === 0) return [];
  return executor
    .selectFrom('journal_lines')
    .select(['entry_id', 'account_id', 'party_id', 'debit_paise', 'credit_paise'])
    .where('entry_id', 'in', entryIds)
    .orderBy('entry_id')
    .orderBy('id')
    .execute();
}

export async function businessName(executor: Executor): Promise<string> {
  const row = await executor.selectFrom('business').select('name').where('id', '=', 1).executeTakeFirst();
  return row?.name ?? '';
}
