/**
 * Parties at scale on SQLite: 100,000 generated parties (clients, suppliers, partners with GSTINs, phones, emails).
 * Through the real HTTP app (Fastify inject, one request at a time), p95 targets:
 * - search `GET /api/v1/parties?q=<fragment>` (name, typo'd name, GSTIN, phone): < 30 ms;
 * - the list `?role=client&sort=name`, a page of 50: < 30 ms;
 * - Ctrl+K `GET /api/v1/search?q=` (parties, orders, invoices, companies, items): reported against the same 30 ms.
 * The generated database is cached in bench/.data/.
 *
 *   npx tsx bench/parties.bench.ts [--parties 100000] [--runs 200]
 */
import { parseArgs } from 'node:util';
import { cachedDatabase, machineLine, measure, openBenchApp, printStats, type Stats } from './generator/bench-support';

const { values } = parseArgs({
  options: { parties: { type: 'string', default: '100000' }, runs: { type: 'string', default: '200' } },
});
const parties = Number(values.parties);
const runs = Number(values.runs);
const TODAY = '2026-11-23';

const cache = await cachedDatabase(`parties-${parties}`, {
  parties,
  orders: 0,
  invoices: 0,
  seed: 2,
  today: TODAY,
  years: 3,
});
const bench = await openBenchApp(cache.file, TODAY);
try {
  const db = bench.database.db;
  const sample = await db
    .selectFrom('parties')
    .select(['gstin', 'phones'])
    .where('gstin', 'is not', null)
    .where('id', '=', Math.floor(parties / 2))
    .executeTakeFirst();
  const anyGstin =
    sample?.gstin ??
    (await db.selectFrom('parties').select('gstin').where('gstin', 'is not', null).executeTakeFirstOrThrow()).gstin ??
    '';
  const phone = (JSON.parse(sample?.phones ?? '["+919876543210"]') as string[])[0] ?? '+919876543210';

  const searches: [string, string][] = [
    ['surname fragment "kulkar"', 'kulkar'],
    ['company word "ganesh"', 'ganesh'],
    ['two words "sai logist"', 'sai logist'],
    ['typo "bhatacharya" (for Bhattacharya)', 'bhatacharya'],
    ['typo "agarwl" (for Agarwal)', 'agarwl'],
    ['GSTIN fragment', anyGstin.slice(2, 12).toLowerCase()],
    ['phone fragment (7 digits)', phone.slice(5, 12)],
  ];
  const results: (Stats & { target: number | null })[] = [];
  const add = async (label: string, urls: string[], target: number | null) => {
    const s = await measure(bench, label, urls, { runs });
    results.push({ ...s, target });
    console.log(`${label}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (total ${s.total ?? '-'})`);
  };
  for (const [label, q] of searches) {
    await add(`parties?q= ${label}`, [`/api/v1/parties?q=${encodeURIComponent(q)}`], 30);
  }
  await add('parties?role=client&sort=name (page 1 of 50)', ['/api/v1/parties?role=client&sort=name&pageSize=50'], 30);
  await add(
    'parties?role=client&sort=name (page 40)',
    ['/api/v1/parties?role=client&sort=name&pageSize=50&page=40'],
    30,
  );
  await add('parties?role=supplier&sort=name', ['/api/v1/parties?role=supplier&sort=name&pageSize=50'], 30);
  const search = await bench.get('/api/v1/search?q=ganesh');
  if (search.statusCode === 200) {
    await add('Ctrl+K search?q=ganesh', ['/api/v1/search?q=ganesh'], null);
    await add('Ctrl+K search?q=agarwl (typo)', ['/api/v1/search?q=agarwl'], null);
  } else {
    console.log(`GET /api/v1/search answered ${search.statusCode}: skipped`);
  }

  console.log(`\n${machineLine()}`);
  console.log(
    `data: ${parties} parties${cache.generatedSeconds === null ? ' (cached)' : `, generated in ${cache.generatedSeconds.toFixed(0)} s`}`,
  );
  if (!printStats(results)) {
    console.error('FAIL: a target was missed');
    process.exitCode = 1;
  }
} finally {
  await bench.close();
}
