import type { Database } from '../../../platform/db/database';
import { ageingRows, ageingTotalsNow } from './ageing.repo';
import { col, money, n, type Built, type Filters } from './report-common';

const INDIAN = new Intl.NumberFormat('en-IN');

/** Parties the on-screen ageing lists (largest balances first). */
const AGEING_TOP = 100;

/** Receivables or payables by party in due-date buckets, as of the end of the period or today. */
export async function partyAgeingReport(database: Database, f: Filters): Promise<Built> {
  const asOf = f.period.to > f.today ? f.today : f.period.to;
  const direction = f.query.direction;
  const partyId = f.query.partyId ?? null;
  // On screen, today's ageing of every party shows the largest balances (a mature firm has tens of thousands
  // of parties owing something) with totals over all of them; exports and a single party list every row.
  const top = asOf >= f.today && partyId === null && f.query.format === 'json' ? (f.query.top ?? AGEING_TOP) : null;
  const [r, summary] = await Promise.all([
    ageingRows(database, direction, asOf, f.today, partyId, top),
    top === null ? null : ageingTotalsNow(database, direction, asOf),
  ]);
  const columns = [
    col('party', 'Party', 'text'),
    col('documents', 'Documents', 'count'),
    col('notDue', 'Not due'),
    col('days0to30', '0–30 days'),
    col('days31to60', '31–60 days'),
    col('days61to90', '61–90 days'),
    col('over90', 'Over 90 days'),
    col('total', 'Total'),
  ];
  const cellsOf = (x: Record<string, unknown>) => ({
    documents: n(x.documents),
    notDue: money(n(x.not_due)),
    days0to30: money(n(x.b30)),
    days31to60: money(n(x.b60)),
    days61to90: money(n(x.b90)),
    over90: money(n(x.over90)),
    total: money(n(x.total)),
  });
  const rows = r.map((x) => ({
    key: `party:${n(x.party_id)}`,
    cells: { party: String(x.party_name), ...cellsOf(x) },
  }));
  const what = direction === 'receivable' ? 'Receivables' : 'Payables';
  // Notes are read by people: dates as dd-mm-yyyy, counts with Indian grouping.
  const asOfText = asOf.split('-').reverse().join('-');
  if (summary === null) return { columns, rows, note: `${what} as of ${asOfText}, by due date` };
  const moreRows = Math.max(0, summary.parties - rows.length);
  return {
    columns,
    rows,
    moreRows,
    totals: { party: 'Total', ...cellsOf(summary.totals) },
    note:
      `${what} as of ${asOfText}, by due date` +
      (moreRows > 0
        ? `; the ${rows.length} largest of ${INDIAN.format(summary.parties)} parties (exports list all)`
        : ''),
  };
}
