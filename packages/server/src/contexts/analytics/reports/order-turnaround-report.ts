import { ratio } from '@bizdash/domain/metrics/definitions';
import type { Database } from '../../../platform/db/database';
import { col, n, type Built, type Filters } from './report-common';
import { orderTurnaroundRows } from './reports.repo';

/** Orders closed in the period by order type or assignee: completed, failed, average days, on-time rate. */
export async function orderTurnaroundReport(database: Database, f: Filters): Promise<Built> {
  const byType = f.query.by === 'orderType';
  const r = await orderTurnaroundRows(database, f.span, f.timeZone, byType);
  const columns = [
    col('group', byType ? 'Order type' : 'Assignee', 'text'),
    col('completed', 'Completed', 'count'),
    col('failed', 'Failed', 'count'),
    col('averageDays', 'Average days to complete', 'days'),
    col('onTimeRate', 'On time %', 'percent'),
  ];
  const rows = r.map((x) => {
    const completed = n(x.completed);
    const bp = ratio(n(x.on_time), n(x.with_due)).bp;
    const id = x.group_id === null ? 'none' : String(n(x.group_id));
    return {
      key: `${byType ? 'type' : 'assignee'}:${id}`,
      cells: {
        group: x.name === null || x.name === undefined ? '(unassigned)' : String(x.name),
        completed,
        failed: n(x.failed),
        averageDays: completed === 0 ? null : (Math.round((n(x.days_sum) / completed) * 100) / 100).toFixed(2),
        onTimeRate: bp === null ? null : (bp / 100).toFixed(2),
      },
    };
  });
  return { columns, rows, note: 'Days from received to completed; on time = completed on or before the due date' };
}
