import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, startWalCheckpointer, startWalCheckpointerOnWrites, type WalCheckpointer } from './database';

/**
 * The background checkpointer (issue 21) moves committed WAL frames into the database file off the request thread:
 * after it runs, the WAL is fully backfilled, nothing committed is lost, and durability settings are untouched.
 */
describe('startWalCheckpointer', () => {
  const dirs: string[] = [];
  let checkpointer: WalCheckpointer | null = null;
  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = null;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('checkpoints committed writes from a worker thread; every acknowledged row is there on reopening', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-wal-'));
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite');
    const db = openSqlite(file);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL: a commit is durable once acknowledged
    db.pragma('wal_autocheckpoint = 0'); // only the background checkpointer may move frames in this test
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    for (let i = 0; i < 500; i++) insert.run(`row ${i}`);
    const sizeBefore = statSync(file).size;

    checkpointer = startWalCheckpointer(file, 20);
    // Frames are backfilled once a checkpoint has run: a PASSIVE checkpoint then has nothing left to copy.
    let left = -1;
    for (let i = 0; i < 100 && left !== 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const [row] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
      left = row ? row.log - row.checkpointed : -1;
    }
    expect(left).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(sizeBefore);
    await checkpointer.stop();
    checkpointer = null;
    db.close();

    const reopened = new SQLite(file, { readonly: true });
    expect(reopened.prepare('select count(*) as n from t').get()).toEqual({ n: 500 });
    reopened.close();
  });

  it('runs the worker only while the database is written: it checkpoints again after an idle spell', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-wal-'));
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite');
    const db = openSqlite(file);
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    const framesLeft = () => {
      const [row] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
      return row ? row.log - row.checkpointed : -1;
    };
    const waitForBackfill = async () => {
      let left = -1;
      // Up to 10 s: starting a worker thread takes a while on a busy machine (the whole suite beside it).
      for (let i = 0; i < 500 && left !== 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        left = framesLeft();
      }
      return left;
    };
    const onWrites = startWalCheckpointerOnWrites(file, { everyMs: 20, idleMs: 100 });
    checkpointer = onWrites;
    for (let i = 0; i < 200; i++) insert.run(`row ${i}`);
    expect(await waitForBackfill()).toBe(0);
    expect(onWrites.isRunning()).toBe(true);
    // Idle past idleMs: the worker stops. Then write again: the next change starts it again.
    await new Promise((r) => setTimeout(r, 400));
    expect(onWrites.isRunning()).toBe(false);
    for (let i = 0; i < 200; i++) insert.run(`more ${i}`);
    expect(framesLeft()).toBeGreaterThan(0);
    expect(await waitForBackfill()).toBe(0);
    expect(onWrites.isRunning()).toBe(true);
    await checkpointer.stop();
    checkpointer = null;
    db.close();
  }, 30_000);
});
