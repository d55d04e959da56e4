import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../packages/server/src/http/app';
import { fixedClock } from '../../packages/server/src/platform/clock';
import { createDatabase, type Database } from '../../packages/server/src/platform/db/database';
import { migrateToLatest } from '../../packages/server/src/platform/db/migrator';
import { deriveKeys } from '../../packages/server/src/platform/security/secrets';
import { makeServices } from '../../packages/server/src/services';
import { GENERATED_OWNER } from './base-data';
import { generateData, type GenerateOptions } from './generate-data';

/**
 * A generated SQLite database kept under bench/.data/ (gitignored) and reused while its sizes match: generating a
 * million orders takes minutes, a bench run should not. Written to a .tmp file first, so an interrupted run never
 * leaves a half-filled cache behind.
 */
export async function cachedDatabase(
  name: string,
  options: Omit<GenerateOptions, 'sqliteFile' | 'databaseUrl'>,
): Promise<{ file: string; generatedSeconds: number | null }> {
  const dir = path.resolve('bench/.data');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.db`);
  if (existsSync(file)) return { file, generatedSeconds: null };
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  console.log(`generating ${file} (cached for later runs)...`);
  const report = await generateData({ ...options, sqliteFile: tmp, log: (l) => console.log(`  ${l}`) });
  renameSync(tmp, file);
  console.log(`generated in ${report.seconds.toFixed(0)} s: ${JSON.stringify(report.rows)}`);
  return { file, generatedSeconds: report.seconds };
}

export interface BenchApp {
  app: FastifyInstance;
  database: Database;
  token: string;
  get(url: string): Promise<{ statusCode: number; body: string }>;
  close(): Promise<void>;
}

/** The real app (routes, auth guard, contracts) over the generated file, with the clock at `today` noon IST. */
/** The bench app over a SQLite file or, given a `postgres://` URL, a PostgreSQL database (see lists.bench --postgres). */
export async function openBenchApp(
  source: string,
  today: string,
  options: { backgroundCheckpoint?: boolean } = {},
): Promise<BenchApp> {
  const database = /^postgres(ql)?:\/\//.test(source)
    ? createDatabase({ url: source })
    : createDatabase({ sqliteFile: source, backgroundCheckpoint: options.backgroundCheckpoint ?? false });
  await migrateToLatest(database);
  const clock = fixedClock(new Date(`${today}T06:30:00.000Z`));
  const services = makeServices({ database, clock, keys: deriveKeys('bench-secret-bench-secret-0123456789abcd') });
  const app = await buildApp({ services, version: 'bench' });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: GENERATED_OWNER.email, password: GENERATED_OWNER.password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const token = login.json<{ accessToken: string }>().accessToken;
  return {
    app,
    database,
    token,
    async get(url) {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      return { statusCode: res.statusCode, body: res.body };
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

export interface Stats {
  label: string;
  runs: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  /** `total` of the last answer, when the answer is a page. */
  total: number | null;
}

/**
 * Sends each URL in turn (cycling through `urls`) `runs` times after `warmup` unmeasured requests, one at a time, and
 * reports latency percentiles in milliseconds. An entry that is a list of URLs is one sample of several requests in
 * sequence (a page that loads two endpoints). Every answer must be 200.
 */
export async function measure(
  bench: BenchApp,
  label: string,
  urls: readonly (string | readonly string[])[],
  options: { runs?: number; warmup?: number } = {},
): Promise<Stats> {
  const runs = options.runs ?? 200;
  const warmup = options.warmup ?? 20;
  let total: number | null = null;
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const entry = urls[i % urls.length] ?? '/';
    const group = typeof entry === 'string' ? [entry] : entry;
    const start = performance.now();
    let res = { statusCode: 200, body: '{}' };
    for (const url of group) {
      res = await bench.get(url);
      if (res.statusCode !== 200)
        throw new Error(`${label}: ${url} answered ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    const ms = performance.now() - start;
    if (i >= warmup) times.push(ms);
    if (i === warmup + runs - 1) {
      // Exports (CSV) are timed too; only a JSON page has a total.
      const parsed = res.body.startsWith('{') ? (JSON.parse(res.body) as { total?: unknown }) : {};
      total = typeof parsed.total === 'number' ? parsed.total : null;
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { label, runs, median: at(0.5), p95: at(0.95), p99: at(0.99), max: times[times.length - 1] ?? 0, total };
}

/** Prints a markdown table; a null target is reported without a check. Returns false when a target was missed. */
export function printStats(rows: readonly (Stats & { target: number | null })[]): boolean {
  let ok = true;
  console.log('\n| request | runs | median ms | p95 ms | p99 ms | max ms | rows matched | target p95 |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const s of rows) {
    const miss = s.target !== null && s.p95 >= s.target;
    if (miss) ok = false;
    console.log(
      `| ${s.label} | ${s.runs} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} | ${s.total ?? '-'} | ${s.target === null ? '-' : `< ${s.target}`}${miss ? ' MISSED' : ''} |`,
    );
  }
  return ok;
}

export function machineLine(): string {
  const sqlite = new SQLite(':memory:');
  const version = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  sqlite.close();
  return (
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `node ${process.version}, SQLite ${version}`
  );
}
