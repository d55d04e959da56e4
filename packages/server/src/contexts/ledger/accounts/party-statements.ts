import type { PartyStatement, PeriodQuery } from '@bizdash/contracts/accounts';
import { AppError } from '@bizdash/domain/errors';
import { toBool } from '../../../platform/db/columns';
import { money, type AccountsCore } from './accounts-core';
import * as repo from './accounts.repo';

/** Parties' statements and balances across their ledgers. */
export function makePartyStatements({ db, accounts, period }: AccountsCore) {
  /**
   * Everything with one party, orders and invoices alike: its lines on every party-ledger account (debtors,
   * creditors, advances, partner payable). Positive balances: the party owes the business.
   */
  async function statement(partyId: number, query: PeriodQuery): Promise<PartyStatement> {
    const p = await period(query);
    const party = await repo.findStatementParty(db, partyId);
    if (!party) throw new AppError('NOT_FOUND', `Party ${partyId} not found`);
    const partyAccounts = (await accounts()).filter((a) => toBool(a.party_ledger)).map((a) => Number(a.id));
    const filter: repo.LineFilter = { accountIds: partyAccounts, partyId, from: p.from, to: p.to };
    const opening = await repo.partyNetBefore(db, partyId, partyAccounts, p.from);
    // A statement is printed whole: bounded by what one party does in a period (tens of thousands of lines at most).
    const rows = await repo.pageOfLines(db, filter, 0, 100_000);
    let running = opening;
    let debit = 0;
    let credit = 0;
    const lines = rows.map((r) => {
      const d = Number(r.debit_paise);
      const c = Number(r.credit_paise);
      debit += d;
      credit += c;
      running += d - c;
      return {
        entryId: Number(r.entry_id),
        date: r.date,
        voucherType: r.voucher_type,
        reference: r.reference,
        narration: r.narration,
        sourceType: r.source_type,
        sourceId: Number(r.source_id),
        isReversal: r.reverses_id !== null,
        debit: money(d),
        credit: money(c),
        balance: money(running),
      };
    });
    return {
      party: { id: Number(party.id), name: party.name, gstin: party.gstin },
      from: p.from,
      to: p.to,
      opening: money(opening),
      totalDebit: money(debit),
      totalCredit: money(credit),
      closing: money(running),
      lines,
    };
  }

  /** Each party's balance across its ledgers (debtors, creditors, advances, partner payable), debit positive. */
  async function partyBalances(partyIds: number[]): Promise<Map<number, number>> {
    const partyAccounts = (await accounts()).filter((a) => toBool(a.party_ledger)).map((a) => Number(a.id));
    return repo.partyNets(db, partyIds, partyAccounts);
  }

  return { statement, partyBalances };
}
