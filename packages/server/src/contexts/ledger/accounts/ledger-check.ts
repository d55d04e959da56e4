import type { LedgerCheck } from '@bizdash/contracts/accounts';
import type { AccountKey } from '@bizdash/domain/ledger/chart';
import { fingerprint } from '@bizdash/domain/ledger/posting';
import { toMoneyString } from '@bizdash/domain/money';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import * as checks from './ledger-check.repo';
import { countBacklog, storedSources, systemAccountIds } from './journal.repo';
import { loadDrafts, SOURCE_TYPES, sourceIdsAfter } from './ledger-documents.repo';

type Problem = LedgerCheck['problems'][number];

/** At most this many problems of one kind are listed; a count line says how many more there were. */
const LIST = 20;

/**
 * `bizdash ledger check`: proves the book equal to the documents, or names what differs.
 * - every entry balances, and the daily totals equal the lines;
 * - every document's standing entry is what the posting rules give for it now;
 * - each party's sub-ledgers equal its open documents, unallocated payments, and unpaid partner shares;
 * - the GST accounts equal the tax on the issued documents.
 */
export function makeLedgerCheck({ database, clock }: { database: Database; clock: Clock }) {
  const { db } = database;

  async function check(): Promise<LedgerCheck> {
    const problems: Problem[] = [];
    const add = (kind: Problem['kind'], messages: string[]) => {
      for (const message of messages.slice(0, LIST)) problems.push({ kind, message });
      if (messages.length > LIST) problems.push({ kind, message: `… and ${messages.length - LIST} more` });
    };
    const accounts = await systemAccountIds(db, clock.now().toISOString());
    const idOf = (key: AccountKey) => accounts.get(key) ?? -1;

    // 1. Entries balance; daily totals equal the lines.
    const unbalanced = await checks.unbalancedEntries(db, LIST + 1);
    add(
      'unbalanced_entry',
      unbalanced.map(
        (e) => `entry ${e.entryId} debits ${toMoneyString(e.debit)} but credits ${toMoneyString(e.credit)}`,
      ),
    );
    const daily = await checks.dailyMismatches(db, LIST + 1);
    add(
      'daily_balance',
      daily.map((d) => `account ${d.accountId} on ${d.date}: daily totals ${d.side} differ from the journal lines`),
    );

    // 2. Each document's standing entry is what the rules say now.
    const waiting = await countBacklog(db);
    const docMessages: string[] = [];
    if (waiting.backlog + waiting.pending > 0) {
      docMessages.push(`${waiting.backlog + waiting.pending} documents are waiting to be posted (run ledger rebuild)`);
    }
    for (const type of SOURCE_TYPES) {
      let after = 0;
      for (;;) {
        const ids = await sourceIdsAfter(db, type, after, 5000);
        if (ids.length === 0) break;
        after = ids[ids.length - 1]!;
        const [drafts, stored] = await Promise.all([loadDrafts(db, type, ids), storedSources(db, type, ids)]);
        for (const id of ids) {
          const expected = fingerprint(drafts.get(id) ?? null);
          if ((stored.get(id)?.fingerprint ?? '') !== expected) {
            docMessages.push(
              expected === ''
                ? `${type} ${id} posts nothing but has an entry standing`
                : `${type} ${id} is not posted as it stands`,
            );
          }
        }
      }
    }
    for (const orphan of await checks.orphanSources(db, LIST + 1)) {
      docMessages.push(`${orphan.sourceType} ${orphan.sourceId} no longer exists but its entry stands`);
    }
    add('document', docMessages);

    // 3. Party sub-ledgers.
    const ledgerByParty = await checks.partyLedgerNets(db);
    const expectedByParty = await checks.partyDocumentNets(db);
    const partyMessages: string[] = [];
    const keys = new Set([...ledgerByParty.keys(), ...expectedByParty.keys()]);
    for (const key of keys) {
      const [account, party] = key.split('|');
      const inBook = ledgerByParty.get(key) ?? 0;
      const inDocs = expectedByParty.get(key) ?? 0;
      if (inBook !== inDocs) {
        partyMessages.push(
          `party ${party} on ${account}: the book holds ${toMoneyString(inBook)}, its documents ${toMoneyString(inDocs)}`,
        );
      }
    }
    add('party_ledger', partyMessages);

    // 4. GST accounts equal the documents' tax.
    const tax = await checks.documentTax(db);
    const book = await checks.accountNets(db);
    const gstMessages: string[] = [];
    for (const [key, expected] of Object.entries(tax) as [AccountKey, number][]) {
      const inBook = book.get(idOf(key)) ?? 0;
      if (inBook !== expected) {
        gstMessages.push(`${key}: the book holds ${toMoneyString(inBook)}, the documents ${toMoneyString(expected)}`);
      }
    }
    add('gst_account', gstMessages);

    return { ok: problems.length === 0, checkedEntries: await checks.countAllEntries(db), problems };
  }

  return { check };
}

export type LedgerCheckService = ReturnType<typeof makeLedgerCheck>;
