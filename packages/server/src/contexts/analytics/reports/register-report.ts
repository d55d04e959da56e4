import type { Database } from '../../../platform/db/database';
import { monthPeriod } from './periods';
import { col, money, n, periodKey, type Built, type Filters } from './report-common';
import { registerRows } from './reports.repo';

/** The sales (receivable) or purchase (payable) register: issued documents by month. */
export async function registerReport(
  database: Database,
  f: Filters,
  direction: 'receivable' | 'payable',
): Promise<Built> {
  const r = await registerRows(database, f.period, direction);
  const columns = [
    col('month', 'Month', 'text'),
    col('documents', 'Documents', 'count'),
    col('taxable', 'Taxable value'),
    col('cgst', 'CGST'),
    col('sgst', 'SGST/UTGST'),
    col('igst', 'IGST'),
    col('cess', 'Cess'),
    col('total', 'Total'),
  ];
  const rows = r.map((x) => ({
    key: periodKey(monthPeriod(String(x.month))),
    cells: {
      month: String(x.month),
      documents: n(x.documents),
      taxable: money(n(x.taxable)),
      cgst: money(n(x.cgst)),
      sgst: money(n(x.sgst)),
      igst: money(n(x.igst)),
      cess: money(n(x.cess)),
      total: money(n(x.total)),
    },
  }));
  return {
    columns,
    rows,
    note: 'Issued documents by month; credit notes negative, in the month of the note. Drill down for each document',
  };
}
