import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database, type Dialect } from '../../src/platform/db/database';
import { migrateToLatest } from '../../src/platform/db/migrator';

/** The dialect this run of the suite targets: the vitest project sets TEST_DIALECT. */
export function testDialect(): Dialect {
  return process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

/** The server the PostgreSQL run uses; each test file gets a database of its own on it. */
export function adminPostgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestDatabase {
  database: Database;
  dialect: Dialect;
  /** SQLite file or PostgreSQL URL, for code under test that opens its own connection (the CLI). */
  location: { sqliteFile?: string; url?: string; dataDir: string };
  cleanup(): Promise<void>;
}

/** A fresh, migrated database: a new SQLite file in a temp dir, or a new PostgreSQL database. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bizdash-test-'));
  const dialect = testDialect();
  if (dialect === 'sqlite') {
    const sqliteFile = path.join(dataDir, 'bizdash.db');
    const database = createDatabase({ sqliteFile });
    if (options.migrate !== false) await migrateToLatest(database);
    return {
      database,
      dialect,
      location: { sqliteFile, dataDir },
      cleanup: async () => {
        await database.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const name = `bizdash_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminPostgresUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminPostgresUrl());
  url.pathname = `/${name}`;
  const database = createDatabase({ url: url.toString(), poolSize: 5 });
  if (options.migrate !== false) await migrateToLatest(database);
  return {
    database,
    dialect,
    location: { url: url.toString(), dataDir },
    cleanup: async () => {
      await database.destroy();
      const drop = new pg.Client({ connectionString: adminPostgresUrl() });
      await drop.connect();
      try {
        // Not WITH (FORCE): forcing terminates connections the pool is still closing, and their 57P01 errors then
        // surface as unhandled errors in whatever test runs next. Wait for them to go instead; force only as a
        // last resort (a test that leaked a connection).
        for (let attempt = 0; ; attempt++) {
          try {
            await drop.query(`drop database if exists ${name}`);
            break;
          } catch (error) {
            const busy = (error as { code?: string }).code === '55006'; // object_in_use
            if (!busy) throw error;
            if (attempt >= 40) {
              await drop.query(`drop database if exists ${name} with (force)`);
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      } finally {
        await drop.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
