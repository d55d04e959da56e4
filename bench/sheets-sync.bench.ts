/**
 * Ledger sync of 10,000 issued invoices to Google Sheets (issue 8: "completes within the quota-respecting schedule,
 * with no row lost or duplicated"). A fresh database (SQLite by default; TEST_DIALECT=postgres for PostgreSQL) gets
 * 10,000 issued invoices written straight into the table, each with its `invoice.issued` event raised through the
 * real outbox (emitEvent in the same transaction), and one Google Sheets target pointing at the local fake Sheets
 * and token server. Then the real job worker runs (system clock): 10,000 `sync.deliver` jobs, and the debounced
 * `sheets.flush` jobs that write batched appends. Reports the elapsed time, API requests and the busiest minute,
 * and checks the sheet has exactly one row per invoice.
 *
 *   npx tsx bench/sheets-sync.bench.ts [--invoices 10000]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { Insertable } from 'kysely';
import type { InvoicesTable } from '../packages/server/src/contexts/invoicing/invoices/invoices.tables';
import { systemClock } from '../packages/server/src/platform/clock';
import { emitEvent } from '../packages/server/src/platform/jobs/events.repo';
import { deriveKeys } from '../packages/server/src/platform/security/secrets';
import { makeServices } from '../packages/server/src/services';
import { startFakeSheets } from '../packages/server/test/support/fake-sheets';
import { TEST_SECRET, createTestApp } from '../packages/server/test/support/test-app';
import { testDialect } from '../packages/server/test/support/test-db';

const { values } = parseArgs({ options: { invoices: { type: 'string', default: '10000' } } });
const total = Number(values.invoices);
const QUOTA_PER_MINUTE = 300;

const fake = await startFakeSheets();
const t = await createTestApp();
try {
  await t.setup();
  const { token } = await t.login();
  const post = async (url: string, body: unknown) => {
    const res = await t.call({ method: 'POST', url, token, body });
    if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>();
  };
  const party = await post('/api/v1/parties', {
    name: 'Bench Client',
    roles: ['client'],
    kind: 'company',
    gstRegistrationType: 'unregistered',
  });
  const draft = await post('/api/v1/invoices', {
    type: 'sales',
    partyId: party.id,
    date: '2026-11-10',
    lines: [{ description: 'Service', hsnSac: '998311', quantity: '1', unit: 'NOS', rate: '1000.00', gstRate: '18' }],
  });
  await post(`/api/v1/sync/targets`, {
    kind: 'google_sheets',
    name: 'Bench sheet',
    events: ['invoice.issued'],
    config: {
      spreadsheetId: fake.spreadsheetId,
      serviceAccountEmail: fake.serviceAccountEmail,
      privateKey: fake.privateKey,
      tokenUrl: fake.tokenUrl,
      apiBaseUrl: fake.url,
    },
  });

  // 10,000 issued copies of the draft, each with its event, 500 per transaction.
  const { database } = t.services;
  const template = await database.db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', draft.id)
    .executeTakeFirstOrThrow();
  const { id: _omit, ...columns } = template;
  void _omit;
  const seedStart = performance.now();
  for (let start = 0; start < total; start += 500) {
    await database.transaction(async (tx) => {
      const rows: Insertable<InvoicesTable>[] = [];
      for (let i = start; i < Math.min(total, start + 500); i++) {
        rows.push({
          ...columns,
          status: 'issued',
          number: `BEN/2026-27/${String(i + 1).padStart(5, '0')}`,
          series: null,
          sequence: null,
          grand_total_paise: 100_000 + i,
          balance_due_paise: 100_000 + i,
        });
      }
      const at = new Date().toISOString();
      // Ten rows a statement keeps under SQLite's bound-parameter limit (an invoice row has ~80 columns).
      for (let k = 0; k < rows.length; k += 10) {
        const inserted = await tx
          .insertInto('invoices')
          .values(rows.slice(k, k + 10))
          .returning('id')
          .execute();
        for (const { id } of inserted) {
          await emitEvent(tx, { type: 'invoice.issued', entity: 'invoice', entityId: id, payload: {} }, at);
        }
      }
    });
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  // The real worker on the system clock: the same composition the server runs.
  const live = makeServices({
    database,
    clock: systemClock,
    keys: deriveKeys(TEST_SECRET),
    dataDir: t.testDb.location.dataDir,
  });
  const startedAt = performance.now();
  const worker = live.jobs.queue.start({ pollMs: 50, scheduleEveryMs: 3_600_000 });
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const left = await database.db
      .selectFrom('sync_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '<>', 'synced')
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    if (performance.now() - startedAt > 30 * 60_000) throw new Error(`gave up with ${left.n} records not synced`);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  await worker.stop();

  const rows = fake.rows('Sales').slice(1);
  const keys = new Set(rows.map((r) => r[0]));
  const numbers = new Set(rows.map((r) => r[1]));
  const ok = rows.length === total && keys.size === total && numbers.size === total;
  const times = fake.requests.map((r) => r.at).sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= 60_000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  const byKind = fake.requests.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }),
    {},
  );
  console.log(
    `sheets sync, ${total} issued invoices, ${testDialect()}, ${cpus().length} cores, Node ${process.version}: ` +
      `seeded with events in ${seedSeconds.toFixed(1)} s; synced in ${seconds.toFixed(1)} s ` +
      `(${(total / seconds).toFixed(0)} rows/s); ${fake.requests.length} Sheets API requests ${JSON.stringify(byKind)}, ` +
      `${fake.tokenRequests} token request(s); busiest minute ${busiest} requests (quota ${QUOTA_PER_MINUTE}); ` +
      `sheet rows ${rows.length}, distinct keys ${keys.size}: ${ok ? 'no row lost or duplicated' : 'MISMATCH'}`,
  );
  if (!ok || busiest > QUOTA_PER_MINUTE) process.exitCode = 1;
} finally {
  await t.close();
  await fake.close();
}
