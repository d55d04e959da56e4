/**
 * Memory under load (issue 21): the built server (`bizdash start`, as `npm start` runs it) on a copy of the reports
 * benches' database, idle and then under mixed load from 4 concurrent clients for --seconds (default 60): lists,
 * an order's detail and timeline, tasks, the dashboard, and creating orders. Samples the server's RSS from
 * /proc/<pid>/status every 100 ms; reports idle, peak and steady (median of the last half) RSS. Run once with
 * Node's defaults and once with the memory knobs README's configuration section documents (NODE_OPTIONS).
 * Targets: peak under 256 MB at 100k orders under load, idle under 120 MB. Needs `npm run build` first.
 *
 * --idle measures only what a new installation holds at rest: `bizdash start` on a fresh data dir, first-run setup
 * and a login through the API, then RSS 10, 30 and 60 s later with no requests, then after a first PDF (a party's
 * ledger) and a first XLSX (the parties export), the modules issue 21 loads on first use. --runs repeats it (V8's
 * memory reducer runs at no fixed time, so one run can differ by 30 MB); --cli measures another build (a checkout of
 * an older commit built with `node scripts/build.mjs --server-only`); --node-options adds flags (e.g. the knobs).
 *
 *   npx tsx bench/memory.bench.ts [--size 100000] [--seconds 60]
 *   npx tsx bench/memory.bench.ts --idle [--runs 3] [--cli packages/server/dist/cli.js] [--node-options="..."]
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATED_OWNER } from './generator/base-data';
import { machineLine } from './generator/bench-support';
import { FY, reportBenchDatabase } from './report-data';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '60' },
    idle: { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    cli: { type: 'string', default: 'packages/server/dist/cli.js' },
    'node-options': { type: 'string', default: '' },
  },
});
const size = Number(values.size);
const seconds = Number(values.seconds);
/** The knobs README documents for a small server: V8's old space capped, a small young generation. */
const KNOBS = '--max-old-space-size=160 --max-semi-space-size=4';

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** One idle measurement (see --idle above), in MB. */
async function idleRun(cli: string, nodeOptions: string, port: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-memory-'));
  const child = spawn(process.execPath, [...nodeOptions.split(' ').filter(Boolean), cli, 'start'], {
    env: {
      ...process.env,
      PORT: String(port),
      BIZDASH_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      BIZDASH_SECRET: 'bench-secret-bench-secret-0123456789abcd',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const rss = () => Math.round(rssMb(child.pid as number));
  const json = { 'content-type': 'application/json' };
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('server did not start');
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(100);
    }
    const owner = { name: 'Owner', email: 'owner@example.com', password: 'memory-bench-password' };
    const setup = await fetch(`${base}/api/v1/setup`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ owner, business: { name: 'Memory bench', stateCode: '27' } }),
    });
    if (!setup.ok) throw new Error(`setup: ${setup.status}`);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { ...json, authorization: `Bearer ${accessToken}` };
    await sleep(10_000);
    const at10 = rss();
    await sleep(20_000);
    const at30 = rss();
    await sleep(30_000);
    const at60 = rss();
    const party = (await (
      await fetch(`${base}/api/v1/parties`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Acme', roles: ['client'] }),
      })
    ).json()) as { id: number };
    const get = async (url: string) => {
      const r = await fetch(`${base}${url}`, { headers });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`GET ${url}: ${r.status}`);
    };
    await get(`/api/v1/parties/${party.id}/ledger.pdf`);
    await sleep(2000);
    const afterPdf = rss();
    await get('/api/v1/parties/export?format=xlsx');
    await sleep(2000);
    const afterXlsx = rss();
    return { at10, at30, at60, afterPdf, afterXlsx };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.idle) {
  const runs: Awaited<ReturnType<typeof idleRun>>[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const r = await idleRun(values.cli, values['node-options'], 18_933);
    console.log(`run ${i + 1}: ${JSON.stringify(r)}`);
    runs.push(r);
  }
  const keys = ['at10', 'at30', 'at60', 'afterPdf', 'afterXlsx'] as const;
  console.log(
    `\n| ${values.cli} ${values['node-options']} (median of ${runs.length}) | 10 s | 30 s | 60 s | + PDF | + XLSX |`,
  );
  console.log('|---|---|---|---|---|---|');
  console.log(`| idle RSS MB after first-run setup | ${keys.map((k) => median(runs.map((r) => r[k]))).join(' | ')} |`);
  console.log(`${machineLine()}, load average ${(loadavg()[0] ?? 0).toFixed(2)} at the end`);
  process.exit(0);
}

const source = await reportBenchDatabase({ orders: size, invoices: size, parties: Math.max(1000, size / 10) });

async function run(label: string, nodeOptions: string, port: number) {
  const dir = path.resolve('bench/.data/tmp', `memory-${port}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(source, path.join(dir, 'bizdash.db'));
  const child = spawn(
    process.execPath,
    [...nodeOptions.split(' ').filter(Boolean), 'packages/server/dist/cli.js', 'start'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        BIZDASH_DATA_DIR: dir,
        LOG_LEVEL: 'warn',
        BIZDASH_SECRET: 'bench-secret-bench-secret-0123456789abcd',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('server did not start');
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(100);
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: GENERATED_OWNER.email, password: GENERATED_OWNER.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const call = async (method: string, url: string, body?: unknown) => {
      const r = await fetch(`${base}${url}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${method} ${url}: ${r.status}`);
    };
    await sleep(3000);
    const idle = rssMb(child.pid as number);
    const meta = (await (await fetch(`${base}/api/v1/orders?pageSize=1`, { headers })).json()) as {
      items: { id: number; client: { id: number } | null; clientId?: number; orderType?: { id: number } }[];
    };
    const lastId = meta.items[0]?.id ?? 1;
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(child.pid as number)), 100);
    const until = Date.now() + seconds * 1000;
    let requests = 0;
    const client = async (n: number) => {
      for (let i = n; Date.now() < until; i += 4) {
        const id = lastId - (i % 5000);
        const step = i % 8;
        if (step === 0) await call('GET', '/api/v1/orders');
        else if (step === 1) await call('GET', `/api/v1/orders/${id}`);
        else if (step === 2) await call('GET', `/api/v1/orders/${id}/history`);
        else if (step === 3) await call('GET', '/api/v1/tasks');
        else if (step === 4) await call('GET', `/api/v1/dashboard?from=${FY.from}&to=${FY.to}`);
        else if (step === 5) await call('GET', '/api/v1/invoices');
        else if (step === 6) await call('GET', '/api/v1/parties');
        else await call('GET', '/api/v1/dashboard');
        requests += 1;
      }
    };
    await Promise.all([0, 1, 2, 3].map(client));
    clearInterval(sampler);
    const sorted = samples.slice(Math.floor(samples.length / 2)).sort((a, b) => a - b);
    const r = {
      label,
      nodeOptions,
      idle: Math.round(idle),
      peak: Math.round(Math.max(...samples)),
      steady: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      requests,
    };
    console.log(`${label}: idle ${r.idle} MB, peak ${r.peak} MB, steady ${r.steady} MB, ${requests} requests`);
    return r;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = [await run("Node's defaults", '', 18_931), await run(`NODE_OPTIONS="${KNOBS}"`, KNOBS, 18_932)];
const load = loadavg()[0] ?? 0;
console.log(
  `\n| ${size.toLocaleString('en-US')} orders, ${seconds} s, 4 clients | idle MB | peak MB | steady MB | requests |`,
);
console.log('|---|---|---|---|---|');
for (const r of runs) console.log(`| ${r.label} | ${r.idle} | ${r.peak} | ${r.steady} | ${r.requests} |`);
console.log(`${machineLine()}, load average ${load.toFixed(2)} at the end`);
const best = runs[1] as (typeof runs)[number];
mkdirSync(path.resolve('bench/.data/results'), { recursive: true });
writeFileSync(
  path.resolve('bench/.data/results/memory.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: machineLine(),
      load,
      runs,
      figures: [
        {
          figure: `peak RSS, ${seconds} s mixed load (${best.label})`,
          data: `${size.toLocaleString('en-US')} orders`,
          value: `${best.peak} MB`,
          target: '< 256 MB',
          holds: best.peak < 256,
        },
        {
          figure: `idle RSS (${best.label})`,
          data: `${size.toLocaleString('en-US')} orders`,
          value: `${best.idle} MB`,
          target: '< 120 MB',
          holds: best.idle < 120,
        },
      ],
    },
    null,
    2,
  ),
);
