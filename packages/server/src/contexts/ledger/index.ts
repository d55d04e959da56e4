/** The ledger context's public face: what other contexts may import. */
export type { AccountsService, StatementSection } from './accounts/accounts.service';
export type { LedgerCheckService } from './accounts/ledger-check';
