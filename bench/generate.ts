/**
 * Fills a fresh database with a realistic Indian share-services and trading firm (see bench/generator/*):
 *
 *   npm run generate -- --parties 100000 --orders 1000000 --invoices 0 --db bench/.data/big.db
 *   DATABASE_URL=postgres://... npm run generate -- --orders 100000
 *
 * Deterministic for the same --seed, sizes and --today. Log in as the printed owner to look around.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GENERATED_OWNER } from './generator/base-data';
import { generateData } from './generator/generate-data';

const { values } = parseArgs({
  options: {
    parties: { type: 'string', default: '1000' },
    orders: { type: 'string', default: '10000' },
    invoices: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '20261123' },
    today: { type: 'string' },
    years: { type: 'string', default: '3' },
    db: { type: 'string', default: 'bench/.data/generated.db' },
  },
});

function count(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const sqliteFile = values.db;
if (!databaseUrl && existsSync(sqliteFile)) {
  console.error(`${sqliteFile} exists; the generator fills a fresh database only (delete it or pass another --db)`);
  process.exit(2);
}
// Today in India unless given, so the data is "current" when browsed.
const today =
  values.today ??
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Kolkata',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

const report = await generateData({
  sqliteFile,
  databaseUrl,
  parties: count('parties', values.parties),
  orders: count('orders', values.orders),
  invoices: count('invoices', values.invoices),
  seed: count('seed', values.seed),
  today,
  years: Number(values.years),
  log: (line) => console.log(line),
});
console.log(`\ngenerated in ${report.seconds.toFixed(1)} s into ${databaseUrl ? 'PostgreSQL' : sqliteFile}:`);
for (const [table, n] of Object.entries(report.rows)) console.log(`  ${table}: ${n.toLocaleString('en-IN')}`);
console.log(`log in as ${GENERATED_OWNER.email} / ${GENERATED_OWNER.password}`);
