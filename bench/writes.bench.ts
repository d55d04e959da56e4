/**
 * The slow tail on writes (issue 21): 200 orders created in a row through the real HTTP app (POST /api/v1/orders,
 * one at a time) on a copy of the reports benches' database (bench/report-data.ts), with SQLite at
 * synchronous = FULL. Run twice: with the WAL checkpointed inside the commit that crosses SQLite's default threshold
 * (how BizDash ran before), and with the background checkpointer (platform/db/database.ts) as `bizdash start` runs.
 * Targets: p99 < 15 ms, max < 50 ms. Also prints the bench process's peak RSS (tsx included; the server's memory is bench/memory.bench.ts). Results go to bench/.data/results/writes.json.
 *
 *   npx tsx bench/writes.bench.ts [--size 100000] [--orders 200] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineLine, openBenchApp } from './generator/bench-support';
import { reportBenchDatabase, TODAY } from './report-data';
import { postgresCopy } from './generator/postgres-copy';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    orders: { type: 'string', default: '200' },
    /** Also on PostgreSQL: the size's database moved there once (lists.bench does the same) and kept. */
    postgres: { type: 'string' },
  },
});
const size = Number(values.size);
const count = Number(values.orders);
const source = await reportBenchDatabase({ orders: size, invoices: size, parties: Math.max(1000, size / 10) });

interface Run {
  mode: string;
  p50: number;
  p99: number;
  max: number;
  peakRssMb: number;
}

async function run(
  mode: 'in-commit checkpoint (before)' | 'background checkpointer' | 'PostgreSQL',
  background: boolean,
) {
  const dir = path.resolve('bench/.data/tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `writes-${size}.db`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  // PostgreSQL keeps its copy between runs: the 200 orders a run adds stay (0.2% of 100k).
  let target = file;
  if (mode === 'PostgreSQL') target = await postgresCopy(values.postgres as string, size, source);
  else {
    copyFileSync(source, file);
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${file}-wal`);
  }
  const bench = await openBenchApp(target, TODAY, { backgroundCheckpoint: background });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const db = bench.database.db;
    const client = await db
      .selectFrom('parties')
      .select('id')
      .where('archived_at', 'is', null)
      .executeTakeFirstOrThrow();
    const type = await db.selectFrom('order_types').select('id').executeTakeFirstOrThrow();
    const times: number[] = [];
    for (let i = 0; i < count + 10; i++) {
      const start = performance.now();
      const res = await bench.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { authorization: `Bearer ${bench.token}` },
        payload: { title: `Bench order ${i}`, clientId: client.id, orderTypeId: type.id, fees: '1500.00' },
      });
      const ms = performance.now() - start;
      if (res.statusCode !== 201) throw new Error(`create answered ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (i >= 10) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    const r: Run = { mode, p50: at(0.5), p99: at(0.99), max: times[times.length - 1] ?? 0, peakRssMb: 0 };
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    r.peakRssMb = Math.round(peakRss / 2 ** 20);
    console.log(
      `${mode}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, peak RSS ${r.peakRssMb} MB`,
    );
    return r;
  } finally {
    clearInterval(sampler);
    await bench.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}

const runs = [await run('in-commit checkpoint (before)', false), await run('background checkpointer', true)];
if (values.postgres) runs.push(await run('PostgreSQL', false));
const after = runs[1] as Run;
const ok = after.p99 < 15 && after.max < 50;
console.log(
  `\n| ${count} orders in a row at ${size.toLocaleString('en-US')} orders | p50 ms | p99 ms | max ms | peak RSS MB |`,
);
console.log('|---|---|---|---|---|');
for (const r of runs)
  console.log(`| ${r.mode} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.peakRssMb} |`);
console.log(`target: p99 < 15 ms, max < 50 ms: ${ok ? 'met' : 'MISSED'}`);
const load = loadavg()[0] ?? 0;
console.log(`${machineLine()}, load average ${load.toFixed(2)} at the end`);
mkdirSync(path.resolve('bench/.data/results'), { recursive: true });
writeFileSync(
  path.resolve('bench/.data/results/writes.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: machineLine(),
      load,
      size,
      count,
      runs,
      figures: [
        {
          figure: `create an order, ${count} in a row: p99 / max`,
          data: `${size.toLocaleString('en-US')} orders`,
          value: `${after.p99.toFixed(1)} / ${after.max.toFixed(1)} ms`,
          target: 'p99 < 15 ms, max < 50 ms',
          holds: ok,
        },
      ],
    },
    null,
    2,
  ),
);
if (!ok) process.exitCode = 1;
