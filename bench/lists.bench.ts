/**
 * Every list flat in size (issue 21): the p50 of each list's first page, and of the dashboard, at 10k, 100k and 1M
 * orders (and as many invoices), through the real HTTP app one request at a time. The reports benches' databases
 * are reused (bench/report-data.ts, cached in bench/.data/); a size whose database is missing is generated only with
 * --generate (1M takes about ten minutes), otherwise skipped and reported as such.
 *
 * A list is flat when its p50 at the largest size measured is within 3 ms of its p50 at the smallest (a list that
 * reads an ordered index range costs the same at any size; one that sorts or counts the table does not).
 * Results are also written to bench/.data/results/lists.json for `npm run bench -- --summary`.
 *
 *   npx tsx bench/lists.bench.ts [--sizes 10000,100000,1000000] [--runs 100] [--generate] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineLine, measure, openBenchApp } from './generator/bench-support';
import { postgresCopy } from './generator/postgres-copy';
import { FY, reportBenchDatabase, TODAY } from './report-data';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    runs: { type: 'string', default: '100' },
    generate: { type: 'boolean', default: false },
    /** A PostgreSQL server: each size's SQLite database is moved there once (`bizdash move`), kept, and measured. */
    postgres: { type: 'string' },
  },
});
const onPostgres = values.postgres !== undefined;

const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

/** Each list's first page as the web app opens it (default sort and filters), plus the filters people use most. */
const LISTS: { label: string; url: string; target: number }[] = [
  { label: 'tasks, open by due date (default)', url: '/api/v1/tasks', target: 3 },
  { label: 'tasks, mine', url: '/api/v1/tasks?assignee=me', target: 3 },
  { label: 'tasks, overdue', url: '/api/v1/tasks?overdue=true', target: 3 },
  { label: 'orders (default)', url: '/api/v1/orders', target: 10 },
  { label: 'invoices (default)', url: '/api/v1/invoices', target: 10 },
  { label: 'parties (default)', url: '/api/v1/parties', target: 10 },
  { label: 'payments (default)', url: '/api/v1/payments', target: 10 },
  { label: 'settlements (default)', url: '/api/v1/settlements', target: 10 },
  { label: 'notifications', url: '/api/v1/notifications', target: 10 },
  { label: 'dashboard, financial year', url: `/api/v1/dashboard?from=${FY.from}&to=${FY.to}`, target: 10 },
  { label: 'dashboard, this month', url: '/api/v1/dashboard', target: 10 },
];

interface Row {
  label: string;
  target: number;
  p50: Record<string, number | null>;
  p95: Record<string, number | null>;
}

const rows: Row[] = LISTS.map((l) => ({ label: l.label, target: l.target, p50: {}, p95: {} }));
const measured: number[] = [];
for (const size of sizes) {
  const file = path.resolve('bench/.data', `reports-${size}-${size}.db`);
  if (!existsSync(file) && !values.generate) {
    console.log(`${size} orders: no cached database (${file}); run with --generate to make it`);
    continue;
  }
  const db = await reportBenchDatabase({ orders: size, invoices: size, parties: Math.max(1000, size / 10) });
  const bench = await openBenchApp(onPostgres ? await postgresCopy(values.postgres as string, size, db) : db, TODAY);
  try {
    for (const [i, list] of LISTS.entries()) {
      const s = await measure(bench, list.label, [list.url], { runs, warmup: 10 });
      const row = rows[i] as Row;
      row.p50[size] = s.median;
      row.p95[size] = s.p95;
      console.log(`${size} orders, ${list.label}: p50 ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`);
    }
    measured.push(size);
  } finally {
    await bench.close();
  }
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v.toFixed(2));
const first = measured[0];
const last = measured[measured.length - 1];
let ok = true;
console.log(
  `\n| list | ${measured.map((s) => `p50 ms at ${s.toLocaleString('en-US')}`).join(' | ')} | target p50 | flat |`,
);
console.log(`|---|${measured.map(() => '---|').join('')}---|---|`);
for (const row of rows) {
  const top = last === undefined ? null : (row.p50[last] ?? null);
  const bottom = first === undefined ? null : (row.p50[first] ?? null);
  const flat = top !== null && bottom !== null && top - bottom < 3;
  const holds = top !== null && top < row.target && flat;
  if (!holds) ok = false;
  console.log(
    `| ${row.label} | ${measured.map((s) => fmt(row.p50[s])).join(' | ')} | < ${row.target} | ${flat ? 'yes' : 'NO'}${holds ? '' : ' MISSED'} |`,
  );
}
const load = loadavg()[0] ?? 0;
console.log(`\n${machineLine()}${onPostgres ? ', PostgreSQL' : ''}, load average ${load.toFixed(2)} at the end`);
mkdirSync(path.resolve('bench/.data/results'), { recursive: true });
writeFileSync(
  path.resolve(`bench/.data/results/${onPostgres ? 'lists-postgres' : 'lists'}.json`),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: machineLine(),
      load,
      runs,
      sizes: measured,
      rows,
      // The shape `npm run bench -- --summary` reads: one line per figure, at the largest size measured.
      figures: rows.map((row) => {
        const top = last === undefined ? null : (row.p50[last] ?? null);
        const bottom = first === undefined ? null : (row.p50[first] ?? null);
        return {
          figure: `${row.label}, p50${onPostgres ? ' (PostgreSQL)' : ''}`,
          data: `${measured.map((s) => s.toLocaleString('en-US')).join(' / ')} orders`,
          value: measured.map((s) => `${fmt(row.p50[s])}`).join(' / ') + ' ms',
          target: `< ${row.target} ms, flat`,
          holds: top !== null && bottom !== null && top < row.target && top - bottom < 3,
        };
      }),
    },
    null,
    2,
  ),
);
if (!ok) process.exitCode = 1;
