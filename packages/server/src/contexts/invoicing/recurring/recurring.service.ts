import { makeRecurringProfiles } from './recurring-profiles';
import { RECURRING_RUN_JOB, RECURRING_SCHEDULE, type RecurringServiceDeps } from './recurring-core';
import { makeRecurringRuns } from './run-recurring';

export { RECURRING_RUN_JOB, RECURRING_SCHEDULE, type RecurringServiceDeps } from './recurring-core';

/** Local time (business time zone) of the daily pass: early, so the day's invoices exist when work starts. */
const DAILY_AT = '06:00';

export type RecurringService = ReturnType<typeof makeRecurringService>;

/**
 * Recurring invoices (issue 20): profiles that draft (and optionally issue and email) a sales invoice on a schedule.
 * Invoices are made through the invoices service's own create and issue, so they are priced, numbered, audited and
 * posted exactly as invoices made by hand.
 */
export function makeRecurringService(deps: RecurringServiceDeps) {
  const { queue } = deps;
  const { list, get, create, update, remove } = makeRecurringProfiles(deps);
  const { runDue } = makeRecurringRuns(deps);

  queue.register(RECURRING_RUN_JOB, async () => {
    await runDue();
  });
  queue.schedule(RECURRING_SCHEDULE, { type: RECURRING_RUN_JOB, dailyAt: DAILY_AT });

  return { list, get, create, update, remove, runDue };
}
