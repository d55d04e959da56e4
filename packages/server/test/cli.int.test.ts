import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli';
import { createTestApp, TEST_SECRET, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

describe(`bizdash CLI (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
  });
  afterEach(async () => t.close());

  async function cli(args: string[], secret?: string) {
    const out: string[] = [];
    const err: string[] = [];
    const { location } = t.testDb;
    const code = await runCli(
      args,
      { out: (l) => out.push(l), err: (l) => err.push(l), readSecret: async () => secret },
      { BIZDASH_DATA_DIR: location.dataDir, DATABASE_URL: location.url, BIZDASH_SECRET: TEST_SECRET },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates a user with a role, audited as the CLI, who can then log in', async () => {
    const created = await cli([
      'user',
      'create',
      '--email',
      'Admin@Example.com',
      '--name',
      'Ira Admin',
      '--role',
      'admin',
      '--password',
      'an admin password',
    ]);
    expect(created).toMatchObject({ code: 0 });
    expect(created.out).toContain('<admin@example.com> with role admin');
    const session = await t.login('admin@example.com', 'an admin password');
    const audit = await t.services.auditLog.list({
      entity: 'user',
      entityId: String(session.userId),
      limit: 5,
      order: 'asc',
    });
    expect(audit.items[0]).toMatchObject({ action: 'user.created', actor: { type: 'system', name: 'cli' } });

    const again = await cli(
      ['user', 'create', '--email', 'admin@example.com', '--role', 'staff'],
      'another password 1',
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    const badRole = await cli(['user', 'create', '--email', 'x@example.com', '--role', 'boss']);
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('--role must be one of');
  });

  it('resets a password read from the terminal and ends the sessions', async () => {
    const owner = await t.login();
    const reset = await cli(['user', 'reset-password', '--email', 'asha@example.com'], 'typed at the prompt');
    expect(reset.code).toBe(0);
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: owner.token })).statusCode).toBe(401);
    await t.login('asha@example.com', 'typed at the prompt');
    const weak = await cli(['user', 'reset-password', '--email', 'asha@example.com', '--password', 'short']);
    expect(weak.code).toBe(1);
  });

  it('checks the dashboard summaries, names a drifted bucket, and rebuilds them', async () => {
    const ok = await cli(['metrics', 'check']);
    expect(ok).toMatchObject({ code: 0, out: 'dashboard summaries match a full recomputation' });
    // A bucket no receipt accounts for.
    await sql`insert into metric_receipt_days (day, amount) values ('2026-01-05', 100)`.execute(t.testDb.database.db);
    const drifted = await cli(['metrics', 'check']);
    expect(drifted.code).toBe(1);
    expect(drifted.err).toContain('metric_receipt_days kept: {"day":"2026-01-05","amount":"100"}');
    expect(await cli(['metrics', 'rebuild'])).toMatchObject({ code: 0, out: 'dashboard summaries rebuilt' });
    expect((await cli(['metrics', 'check'])).code).toBe(0);
  });

  it('refuses bad configuration naming the variable, and explains unknown commands', async () => {
    const errors: string[] = [];
    const code = await runCli(['migrate'], { out: () => undefined, err: (l) => errors.push(l) }, { PORT: 'abc' });
    expect(code).toBe(2);
    expect(errors.join('\n')).toContain('PORT');
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Usage: bizdash');
    const migrate = await cli(['migrate']);
    expect(migrate).toMatchObject({ code: 0, out: 'database schema is up to date' });
  });
});
