import type { Database } from '../../../platform/db/database';
import { col, money, n, type Built, type Filters } from './report-common';
import { taxLiabilityRows } from './reports.repo';

/** Output tax against input tax credit, by GST rate. */
export async function taxLiabilityReport(database: Database, f: Filters): Promise<Built> {
  const r = await taxLiabilityRows(database, f.period);
  const rates = [...new Set(r.map((x) => n(x.rate)))].sort((a, b) => a - b);
  const get = (rate: number, direction: string, key: string) =>
    n(r.find((x) => n(x.rate) === rate && x.direction === direction)?.[key]);
  const columns = [
    col('rate', 'GST rate', 'text'),
    col('outputTaxable', 'Output taxable value'),
    col('outputTax', 'Output tax'),
    col('inputTaxable', 'Input taxable value'),
    col('inputTax', 'Input tax credit'),
    col('net', 'Net payable'),
  ];
  const rows = rates.map((rate) => ({
    key: `rate:${rate}`,
    cells: {
      rate: `${(rate / 100).toFixed(rate % 100 === 0 ? 0 : 2)}%`,
      outputTaxable: money(get(rate, 'receivable', 'taxable')),
      outputTax: money(get(rate, 'receivable', 'tax')),
      inputTaxable: money(get(rate, 'payable', 'taxable')),
      inputTax: money(get(rate, 'payable', 'tax')),
      net: money(get(rate, 'receivable', 'tax') - get(rate, 'payable', 'tax')),
    },
  }));
  return { columns, rows, note: 'Issued documents, net of credit and debit notes; ITC-ineligible bills left out' };
}
