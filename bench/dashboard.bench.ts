/**
 * The dashboard at scale on SQLite: 1,000,000 generated orders and 1,000,000 invoices (100,000 parties), with
 * receipts and settlements filled in (bench/report-data.ts). Through the real HTTP app, one request at a time:
 * GET /api/v1/dashboard for a financial year (with the previous year), a quarter and a month: p95 < 100 ms.
 *
 *   npx tsx bench/dashboard.bench.ts [--orders 1000000] [--invoices 1000000] [--parties 100000] [--runs 50]
 */
import { parseArgs } from 'node:util';
import { machineLine, measure, openBenchApp, printStats, type Stats } from './generator/bench-support';
import { FY, reportBenchDatabase, TODAY } from './report-data';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    invoices: { type: 'string', default: '1000000' },
    parties: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '50' },
  },
});
const runs = Number(values.runs);
const file = await reportBenchDatabase({
  orders: Number(values.orders),
  invoices: Number(values.invoices),
  parties: Number(values.parties),
});
const bench = await openBenchApp(file, TODAY);
try {
  const results: (Stats & { target: number | null })[] = [];
  const add = async (label: string, url: string, target: number | null) => {
    const s = await measure(bench, label, [url], { runs, warmup: 5 });
    results.push({ ...s, target });
    console.log(`${label}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
  };
  await add('dashboard, financial year', `/api/v1/dashboard?from=${FY.from}&to=${FY.to}`, 100);
  await add('dashboard, quarter', '/api/v1/dashboard?from=2026-10-01&to=2026-12-31', 100);
  await add('dashboard, this month', '/api/v1/dashboard', 100);
  console.log(`\n${machineLine()}`);
  const ok = printStats(results);
  if (!ok) process.exitCode = 1;
} finally {
  await bench.close();
}
