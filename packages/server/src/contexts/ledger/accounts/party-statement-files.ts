import type { PartyStatement, PeriodQuery } from '@bizdash/contracts/accounts';
import type { BusinessSettings } from '@bizdash/contracts/settings';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { addressLines } from '../../../platform/pdf/blocks';
import type { AccountsService } from './accounts.service';
import { partyBillingAddress } from './party-statement.repo';
import { renderPartyStatementPdf, type StatementPartyDetails } from './statement-pdf';
import { partyStatementWorkbook } from './statement-xlsx';

export interface PartyStatementFilesDeps {
  database: Database;
  clock: Clock;
  accounts: Pick<AccountsService, 'statement'>;
  settings: { getBusiness(): Promise<BusinessSettings> };
}

export interface StatementFile {
  filename: string;
  content: Buffer;
}

function details(json: string | null): StatementPartyDetails {
  if (!json) return { addressLines: [] };
  try {
    const value = JSON.parse(json) as Parameters<typeof addressLines>[0];
    return { addressLines: addressLines(value) };
  } catch {
    return { addressLines: [] };
  }
}

/** A file name that survives any mail client and file system: letters, digits and dashes. */
const safe = (text: string) =>
  text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'party';

/**
 * A party's statement as the files people send: PDF (download and email attachment alike) and XLSX. Both render
 * the one statement the accounts service reads from the book.
 */
export function makePartyStatementFiles({ database, clock, accounts, settings }: PartyStatementFilesDeps) {
  async function load(partyId: number, period: PeriodQuery) {
    const statement = await accounts.statement(partyId, period);
    const [business, address] = await Promise.all([settings.getBusiness(), partyBillingAddress(database.db, partyId)]);
    const name = `statement-${safe(statement.party.name)}-${statement.from}-${statement.to}`;
    return { statement, business, party: details(address), name, generatedAt: clock.now().toISOString() };
  }

  async function pdf(partyId: number, period: PeriodQuery): Promise<StatementFile & { statement: PartyStatement }> {
    const x = await load(partyId, period);
    const content = await renderPartyStatementPdf(x.statement, x.party, x.business, x.generatedAt);
    return { filename: `${x.name}.pdf`, content, statement: x.statement };
  }

  async function xlsx(partyId: number, period: PeriodQuery): Promise<StatementFile & { statement: PartyStatement }> {
    const x = await load(partyId, period);
    const content = await partyStatementWorkbook(
      x.statement,
      x.party,
      x.business.tradeName ?? x.business.name,
      x.generatedAt,
    );
    return { filename: `${x.name}.xlsx`, content, statement: x.statement };
  }

  return { pdf, xlsx, statement: (partyId: number, period: PeriodQuery) => accounts.statement(partyId, period) };
}

export type PartyStatementFiles = ReturnType<typeof makePartyStatementFiles>;
