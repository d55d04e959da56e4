import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, systemClock } from '../src/platform/clock';
import { createDatabase, type Database } from '../src/platform/db/database';
import { emitEvent } from '../src/platform/jobs/events.repo';
import { makeJobQueue } from '../src/platform/jobs/queue';
import { RetryLaterError } from '../src/platform/jobs/queue-types';
import { createTestDatabase, testDialect, type TestDatabase } from './support/test-db';

const BACKOFF = { baseMs: 10_000, maxMs: 600_000 };

async function jobRows(database: Database) {
  return database.db.selectFrom('jobs').selectAll().orderBy('id').execute();
}

describe(`durable job queue (${testDialect()})`, () => {
  let testDb: TestDatabase;
  let clock: ReturnType<typeof fixedClock>;
  beforeEach(async () => {
    testDb = await createTestDatabase();
    clock = fixedClock(new Date('2026-11-23T04:30:00.000Z'));
  });
  afterEach(async () => testDb.cleanup());

  function queueOf(options: { visibilityTimeoutMs?: number; random?: () => number } = {}) {
    return makeJobQueue({ database: testDb.database, clock, backoff: BACKOFF, ...options });
  }

  it('retries a failing job with exponential backoff and jitter, then completes it', async () => {
    const queue = queueOf({ random: () => 1 });
    let calls = 0;
    const attempts: number[] = [];
    queue.register('flaky', async (payload, context) => {
      calls++;
      attempts.push(context.attempt);
      expect(payload).toEqual({ n: 1 });
      if (calls < 3) throw new Error(`boom ${calls}`);
    });
    await queue.enqueue(testDb.database.db, { type: 'flaky', payload: { n: 1 } });

    expect(await queue.drain()).toBe(1);
    let [job] = await jobRows(testDb.database);
    expect(job).toMatchObject({ state: 'failed', attempts: 1, last_error: 'boom 1' });
    // random() = 1: the full nominal delay, base * 2^0.
    expect(new Date(job!.run_at).getTime() - clock.now().getTime()).toBe(10_000);
    // Not due yet: nothing runs.
    clock.advance(9_000);
    expect(await queue.drain()).toBe(0);
    clock.advance(1_000);
    expect(await queue.drain()).toBe(1);
    [job] = await jobRows(testDb.database);
    expect(job).toMatchObject({ state: 'failed', attempts: 2, last_error: 'boom 2' });
    // Second retry waits twice as long.
    expect(new Date(job!.run_at).getTime() - clock.now().getTime()).toBe(20_000);
    clock.advance(20_000);
    expect(await queue.drain()).toBe(1);
    [job] = await jobRows(testDb.database);
    expect(job).toMatchObject({ state: 'done', attempts: 3, last_error: null });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('jitters the delay between half and all of the nominal backoff', async () => {
    const queue = queueOf({ random: () => 0 });
    queue.register('fails', async () => {
      throw new Error('no');
    });
    await queue.enqueue(testDb.database.db, { type: 'fails', payload: {} });
    await queue.drain();
    const [job] = await jobRows(testDb.database);
    expect(new Date(job!.run_at).getTime() - clock.now().getTime()).toBe(5_000);
  });

  it('marks a job dead after its maximum attempts, keeping the last error', async () => {
    const queue = queueOf();
    let calls = 0;
    queue.register('always-fails', async () => {
      calls++;
      throw new Error(`failure ${calls}`);
    });
    await queue.enqueue(testDb.database.db, { type: 'always-fails', payload: {}, maxAttempts: 3 });
    for (let i = 0; i < 5; i++) {
      await queue.drain();
      clock.advance(3_600_000);
    }
    expect(calls).toBe(3);
    const [job] = await jobRows(testDb.database);
    expect(job).toMatchObject({ state: 'dead', attempts: 3, last_error: 'failure 3' });
    expect(job!.finished_at).not.toBeNull();
  });

  it('honours a RetryLaterError delay', async () => {
    const queue = queueOf();
    let calls = 0;
    queue.register('rate-limited', async () => {
      calls++;
      if (calls === 1) throw new RetryLaterError('429 Too Many Requests', 42_000);
    });
    await queue.enqueue(testDb.database.db, { type: 'rate-limited', payload: {} });
    await queue.drain();
    const [job] = await jobRows(testDb.database);
    expect(job).toMatchObject({ state: 'queued', last_error: '429 Too Many Requests' });
    expect(new Date(job!.run_at).getTime() - clock.now().getTime()).toBe(42_000);
    clock.advance(42_000);
    await queue.drain();
    expect((await jobRows(testDb.database))[0]).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('re-runs a job left running by a crashed worker once its visibility timeout has passed', async () => {
    const crashed = queueOf({ visibilityTimeoutMs: 60_000 });
    const survivor = queueOf({ visibilityTimeoutMs: 60_000 });
    const ran: string[] = [];
    survivor.register('work', async (payload) => {
      ran.push(String(payload.name));
    });
    await crashed.enqueue(testDb.database.db, { type: 'work', payload: { name: 'a' } });
    // The first worker claims the job and dies before finishing it.
    const claimed = await crashed.claim();
    expect(claimed).toMatchObject({ attempt: 1 });
    expect((await jobRows(testDb.database))[0]).toMatchObject({ state: 'running', locked_by: crashed.workerId });

    // Within the timeout the job is still considered in hand.
    clock.advance(59_000);
    expect(await survivor.drain()).toBe(0);
    clock.advance(1_000);
    expect(await survivor.drain()).toBe(1);
    expect(ran).toEqual(['a']);
    const [job] = await jobRows(testDb.database);
    expect(job).toMatchObject({ state: 'done', attempts: 2, locked_by: null });
  });

  it('marks dead a job whose worker crashed during its last attempt', async () => {
    const crashed = queueOf({ visibilityTimeoutMs: 1_000 });
    const survivor = queueOf({ visibilityTimeoutMs: 1_000 });
    let ran = 0;
    survivor.register('work', async () => {
      ran++;
    });
    await crashed.enqueue(testDb.database.db, { type: 'work', payload: {}, maxAttempts: 1 });
    await crashed.claim();
    clock.advance(2_000);
    expect(await survivor.drain()).toBe(0);
    expect(ran).toBe(0);
    expect((await jobRows(testDb.database))[0]).toMatchObject({ state: 'dead' });
  });

  it('makes a second enqueue with the same idempotency key a no-op while the first is pending', async () => {
    const queue = queueOf();
    const seen: unknown[] = [];
    queue.register('flush', async (payload) => {
      seen.push(payload.v);
    });
    await queue.enqueue(testDb.database.db, { type: 'flush', payload: { v: 1 }, idempotencyKey: 'flush:7' });
    await queue.enqueue(testDb.database.db, { type: 'flush', payload: { v: 2 }, idempotencyKey: 'flush:7' });
    await queue.enqueue(testDb.database.db, { type: 'flush', payload: { v: 3 }, idempotencyKey: 'flush:8' });
    expect(await jobRows(testDb.database)).toHaveLength(2);
    await queue.drain();
    expect(seen).toEqual([1, 3]);
    // Once the first has run, the key is free again.
    await queue.enqueue(testDb.database.db, { type: 'flush', payload: { v: 4 }, idempotencyKey: 'flush:7' });
    await queue.drain();
    expect(seen).toEqual([1, 3, 4]);
  });

  it('enqueues a daily scheduled job once a day at its local time (Asia/Kolkata)', async () => {
    const queue = queueOf();
    let runs = 0;
    queue.register('reminders', async (payload) => {
      expect(payload).toEqual({ kind: 'overdue' });
      runs++;
    });
    queue.schedule('overdue-reminders', { type: 'reminders', payload: { kind: 'overdue' }, dailyAt: '10:30' });
    // 04:30Z is 10:00 in Kolkata: not yet.
    expect(await queue.runSchedules()).toBe(0);
    clock.advance(30 * 60_000);
    expect(await queue.runSchedules()).toBe(1);
    // A second check the same day, or a second worker, enqueues nothing more.
    expect(await queue.runSchedules()).toBe(0);
    const other = queueOf();
    other.schedule('overdue-reminders', { type: 'reminders', payload: { kind: 'overdue' }, dailyAt: '10:30' });
    expect(await other.runSchedules()).toBe(0);
    await queue.drain();
    expect(runs).toBe(1);
    clock.advance(24 * 3600_000);
    expect(await other.runSchedules()).toBe(1);
    await queue.drain();
    expect(runs).toBe(2);
  });

  it('writes no event and no job for an event emitted in a rolled-back transaction', async () => {
    const now = clock.now().toISOString();
    await testDb.database.db
      .insertInto('sync_targets')
      .values({
        kind: 'webhook',
        name: 'hook',
        config: '{}',
        events: JSON.stringify(['party.created']),
        is_active: true,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await expect(
      testDb.database.transaction(async (tx) => {
        await emitEvent(tx, { type: 'party.created', entity: 'party', entityId: 1, payload: {} }, now);
        throw new Error('the business write failed');
      }),
    ).rejects.toThrow('the business write failed');
    expect(await testDb.database.db.selectFrom('events').selectAll().execute()).toEqual([]);
    expect(await jobRows(testDb.database)).toEqual([]);
    expect(await testDb.database.db.selectFrom('sync_records').selectAll().execute()).toEqual([]);

    // Committed, the same call leaves one event, one record pending and one delivery job.
    await testDb.database.transaction(async (tx) => {
      await emitEvent(tx, { type: 'party.created', entity: 'party', entityId: 1, payload: {} }, now);
      // Not subscribed: no job for this one.
      await emitEvent(tx, { type: 'party.updated', entity: 'party', entityId: 1, payload: {} }, now);
    });
    expect(await testDb.database.db.selectFrom('events').selectAll().execute()).toHaveLength(2);
    const jobs = await jobRows(testDb.database);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ type: 'sync.deliver', state: 'queued' });
  });

  it.runIf(testDialect() === 'postgres')(
    'shares the queue between two workers on separate pools without running any job twice',
    async () => {
      const first = createDatabase({ url: testDb.location.url, poolSize: 4 });
      const second = createDatabase({ url: testDb.location.url, poolSize: 4 });
      try {
        const runs = new Map<number, number>();
        const byWorker = { a: 0, b: 0 };
        const make = (database: Database, name: 'a' | 'b') => {
          const queue = makeJobQueue({ database, clock: systemClock });
          queue.register('count', async (payload) => {
            const n = Number(payload.n);
            runs.set(n, (runs.get(n) ?? 0) + 1);
            byWorker[name]++;
            // Work that takes a moment, so the workers overlap.
            await new Promise((resolve) => setTimeout(resolve, 2));
          });
          return queue;
        };
        const a = make(first, 'a');
        const b = make(second, 'b');
        const total = 300;
        await first.transaction(async (tx) => {
          for (let n = 0; n < total; n++) await a.enqueue(tx, { type: 'count', payload: { n } });
        });
        // Two lanes per worker, four claimers racing on SKIP LOCKED.
        await Promise.all([a.drain(), a.drain(), b.drain(), b.drain()]);
        expect(runs.size).toBe(total);
        expect([...runs.values()].every((count) => count === 1)).toBe(true);
        expect(byWorker.a).toBeGreaterThan(0);
        expect(byWorker.b).toBeGreaterThan(0);
        const states = await first.db.selectFrom('jobs').select('state').distinct().execute();
        expect(states).toEqual([{ state: 'done' }]);
      } finally {
        await first.destroy();
        await second.destroy();
      }
    },
  );

  it('runs jobs from a started worker and stops gracefully', async () => {
    const queue = makeJobQueue({ database: testDb.database, clock: systemClock });
    const done: number[] = [];
    queue.register('bg', async (payload) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done.push(Number(payload.n));
    });
    for (let n = 0; n < 5; n++) await queue.enqueue(testDb.database.db, { type: 'bg', payload: { n } });
    const worker = queue.start({ pollMs: 20 });
    const deadline = Date.now() + 5_000;
    while (done.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop();
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
    const states = await testDb.database.db.selectFrom('jobs').select('state').distinct().execute();
    expect(states).toEqual([{ state: 'done' }]);
  });
});
