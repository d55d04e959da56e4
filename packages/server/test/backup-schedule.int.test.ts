import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupSettings } from '@bizdash/contracts/backup';
import { FORMAT, MANIFEST_FILE, type Manifest } from '../src/contexts/system/backup/dump-format';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const DAY = 24 * 3600_000;

/** Bytes of every file under `dir`, counted from the disk. */
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}

describe(`scheduled backups (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let backupsDir: string;

  const call = async (method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown, as = token) =>
    t.call({ method, url, token: as, ...(body !== undefined ? { body } : {}) });

  /** One worker pass: due schedules enqueue, then every due job runs. */
  async function tick(): Promise<number> {
    const queue = t.services.jobs.queue;
    const enqueued = await queue.runSchedules();
    await queue.drain();
    return enqueued;
  }

  /** Moves the clock; a new login follows, since access tokens expire on the same clock. */
  async function moveClock(to: Date | number) {
    if (typeof to === 'number') t.clock.advance(to);
    else t.clock.set(to);
    ({ token } = await t.login());
  }

  const folders = () => (existsSync(backupsDir) ? readdirSync(backupsDir).sort() : []);

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    backupsDir = path.join(t.testDb.location.dataDir, 'backups');
  });
  afterEach(async () => {
    await t.close();
  });

  it('runs the daily backup at the configured business time, keeps the newest N and reports the last one', async () => {
    const initial = await call('GET', '/api/v1/settings/backups');
    expect(initial.statusCode).toBe(200);
    expect(initial.json<BackupSettings>()).toMatchObject({ isEnabled: false, lastBackup: null, directory: backupsDir });

    // Off: nothing runs even long after the default time.
    await moveClock(new Date('2026-11-23T12:00:00.000Z'));
    await tick();
    expect(folders()).toEqual([]);

    await moveClock(new Date('2026-11-24T04:30:00.000Z')); // 10:00 in Kolkata
    const saved = await call('PUT', '/api/v1/settings/backups', { isEnabled: true, dailyAt: '10:30', keepCount: 2 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<BackupSettings>()).toMatchObject({ isEnabled: true, dailyAt: '10:30', keepCount: 2 });

    // 10:00 IST: before the backup time.
    await tick();
    expect(folders()).toEqual([]);

    await moveClock(35 * 60_000); // 10:35 IST
    await tick();
    expect(folders()).toEqual(['2026-11-24-103500']);
    const first = path.join(backupsDir, '2026-11-24-103500');
    const manifest = JSON.parse(readFileSync(path.join(first, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.format).toBe(FORMAT);
    expect(manifest.dialect).toBe(testDialect());
    expect(manifest.tables.users).toBe(1);
    expect(manifest.migrations).toContain('202612061300-create-backup-settings');
    // A second check the same day backs up nothing more.
    await tick();
    expect(folders()).toHaveLength(1);

    const after = (await call('GET', '/api/v1/settings/backups')).json<BackupSettings>();
    expect(after.lastBackup).toMatchObject({
      trigger: 'schedule',
      status: 'done',
      folder: first,
      sizeBytes: folderBytes(first),
      startedAt: '2026-11-24T05:05:00.000Z',
      error: null,
    });

    // The job went through the durable queue, so the Jobs page lists it.
    const jobs = await call('GET', '/api/v1/jobs?state=done&type=backup.run');
    expect(jobs.statusCode, jobs.body).toBe(200);
    expect(jobs.json<{ items: { type: string; payload: unknown }[] }>().items).toEqual([
      expect.objectContaining({ type: 'backup.run', payload: { trigger: 'schedule' } }),
    ]);

    // "Back up now" queues a job; its backup is not the schedule's, so retention leaves it.
    await moveClock(60 * 60_000);
    const now = await call('POST', '/api/v1/settings/backups/run');
    expect(now.statusCode, now.body).toBe(202);
    expect(await t.services.jobs.queue.drain()).toBe(1);
    const manual = path.join(backupsDir, '2026-11-24-113500');
    expect(existsSync(path.join(manual, MANIFEST_FILE))).toBe(true);
    expect((await call('GET', '/api/v1/settings/backups')).json<BackupSettings>().lastBackup).toMatchObject({
      trigger: 'manual',
      folder: manual,
    });

    // Two more days: three scheduled backups with keepCount 2, so the oldest scheduled one is deleted.
    await moveClock(new Date('2026-11-25T05:05:00.000Z'));
    await tick();
    expect(folders()).toEqual(['2026-11-24-103500', '2026-11-24-113500', '2026-11-25-103500']);
    await moveClock(new Date('2026-11-26T05:05:00.000Z'));
    await tick();
    expect(folders()).toEqual(['2026-11-24-113500', '2026-11-25-103500', '2026-11-26-103500']);
    expect(existsSync(first)).toBe(false);

    // Switched off again: the next day passes without a backup.
    await call('PUT', '/api/v1/settings/backups', { isEnabled: false, dailyAt: '10:30', keepCount: 2 });
    await moveClock(DAY);
    await tick();
    expect(folders()).toHaveLength(3);
  });

  it('records a failed backup so Settings shows it, and the job fails for a retry', async () => {
    // A file where the backups folder should be makes the backup fail.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(backupsDir, 'not a folder');
    const res = await call('POST', '/api/v1/settings/backups/run');
    expect(res.statusCode).toBe(202);
    await t.services.jobs.queue.drain();
    const settings = (await call('GET', '/api/v1/settings/backups')).json<BackupSettings>();
    expect(settings.lastBackup).toMatchObject({ status: 'failed', folder: null, sizeBytes: null });
    expect(settings.lastBackup?.error).toBeTruthy();
    const failed = await call('GET', '/api/v1/jobs?state=failed&type=backup.run');
    expect(failed.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('validates the schedule and needs settings.manage to change it', async () => {
    const bad = await call('PUT', '/api/v1/settings/backups', { isEnabled: true, dailyAt: '25:00', keepCount: 0 });
    expect(bad.statusCode).toBe(400);
    const extra = await call('PUT', '/api/v1/settings/backups', {
      isEnabled: true,
      dailyAt: '02:00',
      keepCount: 3,
      folder: '/tmp',
    });
    expect(extra.statusCode).toBe(400);

    await t.createUser(token, { name: 'Chitra Accounts', email: 'chitra@example.com', role: 'accountant' });
    const { token: accountant } = await t.login('chitra@example.com', 'staff password 123');
    expect((await call('GET', '/api/v1/settings/backups', undefined, accountant)).statusCode).toBe(200);
    const put = await call(
      'PUT',
      '/api/v1/settings/backups',
      { isEnabled: true, dailyAt: '02:00', keepCount: 3 },
      accountant,
    );
    expect(put.statusCode).toBe(403);
    expect((await call('POST', '/api/v1/settings/backups/run', undefined, accountant)).statusCode).toBe(403);
  });
});
