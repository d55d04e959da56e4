import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import { makeSettingsRepo, type BusinessRow } from './settings.repo';

export interface SettingsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: a series set without a year is for the current financial year. */
  calendar: BusinessCalendar;
  /**
   * The business's zone or financial-year start changed, in the transaction of the change: the analytics context
   * re-buckets its summaries by local day and financial year (wired by the composition root).
   */
  onCalendarChanged: (tx: Executor, zone: { timeZone: string; fyStartMonth: number }) => Promise<void>;
}

export function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { field });
}

export type SettingsCore = ReturnType<typeof makeSettingsCore>;

/** What the settings use cases share: their dependencies, the reads and the business row (SETUP_REQUIRED without). */
export function makeSettingsCore(deps: SettingsServiceDeps) {
  const repo = makeSettingsRepo();

  async function business(executor: Executor = deps.database.db): Promise<BusinessRow> {
    const row = await repo.findBusiness(executor);
    if (!row) throw new AppError('SETUP_REQUIRED', 'Set up the business first');
    return row;
  }

  return { ...deps, repo, business };
}
