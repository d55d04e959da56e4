import type { Executor } from '../../../platform/db/database';

/** SQL of the sales and purchase registers. */

/**
 * One keyset page of a register's documents (issued and cancelled) dated from `from` to `to`, in date and id order,
 * after the `after` document when given.
 */
export function registerPage(
  executor: Executor,
  query: {
    direction: 'receivable' | 'payable';
    from: string;
    to: string;
    after: { date: string; id: number } | null;
    limit: number;
  },
) {
  let q = executor
    .selectFrom('invoices')
    .selectAll()
    .where('direction', '=', query.direction)
    .where('status', 'in', ['issued', 'cancelled'])
    .where('date', '>=', query.from)
    .where('date', '<=', query.to);
  if (query.after) {
    const { date, id } = query.after;
    q = q.where((eb) => eb.or([eb('date', '>', date), eb.and([eb('date', '=', date), eb('id', '>', id)])]));
  }
  return q.orderBy('date').orderBy('id').limit(query.limit).execute();
}
