/**
 * Durable job queue throughput on SQLite (issue 8, target: 500 jobs/s of enqueue + process, sustained).
 *
 * Phase 1, sustained: a producer enqueues at --rate jobs/s for --seconds, --per-tx jobs per transaction (a business
 * write that raises events for a few targets), while the in-process worker (one lane, as on SQLite) runs them;
 * reports the rate achieved on both sides, the backlog at the end and the worst enqueue-to-run lag. With --per-tx 1
 * the producer is bound by the disk's commit (fsync) rate, not by the queue: every business write pays one commit
 * whether or not it enqueues. Phase 2, capacity: --burst jobs enqueued up front, then drained; reports jobs/s.
 *
 *   npx tsx bench/queue.bench.ts [--rate 500] [--seconds 10] [--per-tx 10] [--burst 5000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../packages/server/src/platform/clock';
import { createDatabase } from '../packages/server/src/platform/db/database';
import { migrateToLatest } from '../packages/server/src/platform/db/migrator';
import { countJobsByState, makeJobQueue } from '../packages/server/src/platform/jobs/queue';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
    burst: { type: 'string', default: '5000' },
    'per-tx': { type: 'string', default: '10' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const burst = Number(values.burst);
const perTx = Number(values['per-tx']);

const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-queue-bench-'));
const database = createDatabase({ sqliteFile: path.join(dir, 'bizdash.db') });
try {
  await migrateToLatest(database);
  const queue = makeJobQueue({ database, clock: systemClock });
  let processed = 0;
  let maxLagMs = 0;
  queue.register('bench', async (payload) => {
    processed++;
    maxLagMs = Math.max(maxLagMs, Date.now() - Number(payload.at));
  });

  // Phase 1: sustained.
  const worker = queue.start({ pollMs: 20 });
  const started = Date.now();
  let enqueued = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    while (enqueued < due) {
      const n = Math.min(perTx, due - enqueued);
      await database.transaction(async (tx) => {
        for (let i = 0; i < n; i++) await queue.enqueue(tx, { type: 'bench', payload: { at: Date.now() } });
      });
      enqueued += n;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const elapsed = (Date.now() - started) / 1000;
  const processedAtEnd = processed;
  const backlog = enqueued - processedAtEnd;
  await worker.stop();
  await queue.drain();
  console.log(
    `sustained: asked ${rate}/s for ${seconds}s; enqueued ${(enqueued / elapsed).toFixed(0)} jobs/s (up to ${perTx} per transaction), ` +
      `processed ${(processedAtEnd / elapsed).toFixed(0)} jobs/s; backlog at end ${backlog}, max lag ${maxLagMs} ms`,
  );

  // Phase 2: capacity of the worker alone.
  await database.transaction(async (tx) => {
    for (let i = 0; i < burst; i++) await queue.enqueue(tx, { type: 'bench', payload: { at: Date.now() } });
  });
  const t0 = Date.now();
  const ran = await queue.drain(burst);
  const drainSeconds = (Date.now() - t0) / 1000;
  console.log(
    `capacity: drained ${ran} jobs in ${drainSeconds.toFixed(2)} s = ${(ran / drainSeconds).toFixed(0)} jobs/s`,
  );
  console.log('states:', await countJobsByState(database.db));
  console.log(
    `SQLite (WAL, synchronous=FULL) on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
  );
} finally {
  await database.destroy();
  rmSync(dir, { recursive: true, force: true });
}
