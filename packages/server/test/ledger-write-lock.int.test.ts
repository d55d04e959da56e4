import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAlone } from '../src/contexts/integration/ledger-sync/ledger-records';
import { XLSX_REBUILD_JOB } from '../src/contexts/integration/ledger-sync/xlsx-ledger-driver';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const LINE = { description: 'Widget', hsnSac: '84713010', quantity: '10', unit: 'NOS', rate: '1250.00', gstRate: '18' };

/**
 * Two ledger writes of one target must not overlap, whichever workers run them (docs/deployment.md): overlapping
 * Sheets flushes append the same rows twice, overlapping XLSX rebuilds can leave the older workbook in place. The
 * guard is a PostgreSQL advisory lock; on SQLite one job lane per process already runs jobs one at a time, so there
 * is nothing to hold and this runs in the postgres project only.
 */
describe.skipIf(testDialect() !== 'postgres')('one ledger write per target at a time (postgres only)', () => {
  let t: TestApp;
  let token: string;

  async function call(method: 'GET' | 'POST', url: string, body?: unknown, status = 200) {
    const res = await t.call({ method, url, token, body });
    if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  }

  async function runJobs() {
    for (let round = 0; round < 10; round++) {
      t.clock.advance(4000);
      if ((await t.services.jobs.queue.drain()) === 0) return;
    }
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
  });
  afterEach(async () => t.close());

  it('defers an XLSX rebuild while another run of the same target holds the lock, then writes it once free', async () => {
    const target = await call(
      'POST',
      '/api/v1/sync/targets',
      { kind: 'xlsx', name: 'Workbook', events: ['invoice.issued'], config: { fileName: 'ledger.xlsx' } },
      201,
    );
    const targetId = Number(target.id);
    const party = await call(
      'POST',
      '/api/v1/parties',
      { kind: 'company', roles: ['client'], gstRegistrationType: 'unregistered', name: 'Acme Pune' },
      201,
    );
    const draft = await call(
      'POST',
      '/api/v1/invoices',
      { type: 'sales', partyId: Number(party.id), date: '2026-11-10', lines: [LINE] },
      201,
    );
    const issued = await call('POST', `/api/v1/invoices/${String(draft.id)}/issue`);

    // Another worker's rebuild of this target is in progress (it holds the lock until `release`).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const deps = { database: t.services.database, clock: t.clock, queue: t.services.jobs.queue };
    const other = runAlone(deps, XLSX_REBUILD_JOB, targetId, async () => {
      started();
      await gate;
    });
    await holding;

    await runJobs();
    const file = path.join(t.testDb.location.dataDir, 'ledger.xlsx');
    expect(existsSync(file)).toBe(false);
    const followUp = await t.services.database.db
      .selectFrom('jobs')
      .select('state')
      .where('type', '=', XLSX_REBUILD_JOB)
      .where('idempotency_key', '=', `${XLSX_REBUILD_JOB}:${targetId}:busy`)
      .execute();
    expect(followUp.length).toBeGreaterThan(0);
    const record = () =>
      t.services.database.db
        .selectFrom('sync_records')
        .select(['state', 'row_ref'])
        .where('target_id', '=', targetId)
        .where('entity', '=', 'invoice')
        .executeTakeFirstOrThrow();
    expect((await record()).state).toBe('pending');

    release();
    expect(await other).toBe('done');
    await runJobs();
    expect(await record()).toEqual({ state: 'synced', row_ref: 'Sales!A2' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('Sales')?.rowCount).toBe(2);
    expect(wb.getWorksheet('Sales')?.getRow(2).getCell(2).value).toBe(issued.number);
  });
});
