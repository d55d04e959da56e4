/**
 * Every report at scale on SQLite (1,000,000 orders, 1,000,000 invoices; bench/report-data.ts), for a financial
 * year, through the real HTTP app: each under 1 s (p95), plus a drill-down page and an XLSX export.
 *
 *   npx tsx bench/reports.bench.ts [--orders 1000000] [--invoices 1000000] [--parties 100000] [--runs 10]
 */
import { parseArgs } from 'node:util';
import { REPORT_NAMES } from '../packages/contracts/src/reports';
import { machineLine, measure, openBenchApp, printStats, type Stats } from './generator/bench-support';
import { FY, reportBenchDatabase, TODAY } from './report-data';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    invoices: { type: 'string', default: '1000000' },
    parties: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '10' },
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
    const s = await measure(bench, label, [url], { runs, warmup: 2 });
    results.push({ ...s, target });
    console.log(`${label}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
  };
  const period = `from=${FY.from}&to=${FY.to}`;
  for (const name of REPORT_NAMES) await add(`${name}, financial year`, `/api/v1/reports/${name}?${period}`, 1000);
  // On screen the ageing lists the 100 largest balances; the export lists every party owing something.
  await add('party-ageing export, CSV (every party)', `/api/v1/reports/party-ageing?format=csv`, null);
  await add(
    'revenue drill-down (October)',
    `/api/v1/reports/revenue/rows?${period}&key=period:2026-10-01..2026-10-31`,
    1000,
  );
  await add(
    'sales register drill (October)',
    `/api/v1/reports/sales-register/rows?${period}&key=period:2026-10-01..2026-10-31`,
    1000,
  );
  console.log(`\n${machineLine()}`);
  const ok = printStats(results);
  if (!ok) process.exitCode = 1;
} finally {
  await bench.close();
}
