import type { Account, PeriodQuery } from '@bizdash/contracts/accounts';
import { AppError } from '@bizdash/domain/errors';
import type { StatementGroup } from '@bizdash/domain/ledger/chart';
import { toMoneyString } from '@bizdash/domain/money';
import { addDays } from '@bizdash/domain/orders/calendar';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import * as repo from './accounts.repo';
import type { LedgerAccountRow } from './accounts.tables';
import { ensureChart } from './journal.repo';

export interface AccountsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: periods default to the books' year up to today. */
  calendar: BusinessCalendar;
}

export const money = toMoneyString;

export function toAccount(r: LedgerAccountRow): Account {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    type: r.type,
    group: r.statement_group as StatementGroup,
    systemKey: r.system_key,
    partyLedger: toBool(r.party_ledger),
    isActive: toBool(r.is_active),
  };
}

/** The first day of the financial year a date falls in, for a year starting in `fyStartMonth`. */
export function fyStartOf(date: string, fyStartMonth: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= fyStartMonth ? year : year - 1;
  return `${startYear}-${String(fyStartMonth).padStart(2, '0')}-01`;
}

export const dayBefore = (date: string) => addDays(date, -1);

export function assertDate(value: string, field: string): void {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (
    Number.isNaN(t) ||
    new Date(t).toISOString().slice(0, 10) !== value ||
    value < '2000-01-01' ||
    value > '2099-12-31'
  ) {
    throw new AppError('VALIDATION_FAILED', `${field} is not a valid date`, { field });
  }
}

export type AccountsCore = ReturnType<typeof makeAccountsCore>;

/** What the accounts use cases share: the chart (set up on first use) and the period a query asks for. */
export function makeAccountsCore({ database, audit, clock, calendar }: AccountsServiceDeps) {
  const { db } = database;
  const now = () => clock.now().toISOString();

  async function accounts(): Promise<LedgerAccountRow[]> {
    let rows = await repo.listAccounts(db);
    if (!rows.some((r) => r.system_key)) {
      await database.transaction((tx) => ensureChart(tx, now()));
      rows = await repo.listAccounts(db);
    }
    return rows;
  }

  async function period(query: PeriodQuery): Promise<{ from: string; to: string; fyStartMonth: number }> {
    const { today, fyStartMonth } = await calendar.current();
    const from = query.from ?? fyStartOf(today, fyStartMonth);
    const to = query.to ?? today;
    assertDate(from, 'from');
    assertDate(to, 'to');
    if (from > to) throw new AppError('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
    return { from, to, fyStartMonth };
  }

  return { database, audit, calendar, db, now, accounts, period };
}
