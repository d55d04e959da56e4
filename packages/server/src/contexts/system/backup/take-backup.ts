import { copyFile, cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DEFAULT_TIMEZONE } from '@bizdash/domain/dates';
import { AppError } from '@bizdash/domain/errors';
import { loadPg, openSqlite } from '../../../platform/db/database';
import type { BackupContext } from './backup-context';
import {
  dependencyOrder,
  describeFiles,
  FORMAT,
  FORMAT_VERSION,
  isMigratorTable,
  listFiles,
  MANIFEST_FILE,
  openLineWriter,
  SQLITE_BACKUP_FILE,
  type DumpTable,
  type Manifest,
} from './dump-format';
import * as repo from './dump.repo';
import { PAGE } from './pg-load';

/** Taking a backup: the database (a SQLite copy or a PostgreSQL logical dump), the uploads and the key. */
export function makeTakeBackup(deps: BackupContext) {
  const { dataDir, sqliteFile } = deps;

  /** `bizdash backup`: a consistent copy taken while the app keeps serving writes. */
  async function backup(options: { to?: string | undefined } = {}): Promise<{ dir: string; manifest: Manifest }> {
    const dir = path.resolve(options.to ?? path.join(dataDir, 'backups', stamp(deps.clock.now())));
    if (existsSync(dir) && (await readdir(dir)).length > 0) {
      throw new AppError('CONFLICT', `The backup directory ${dir} is not empty; choose a new one`);
    }
    await mkdir(dir, { recursive: true });
    const createdAt = deps.clock.now().toISOString();
    let database: Manifest['database'];
    let tables: Record<string, number>;
    let migrations: string[];
    if (deps.databaseUrl) {
      ({ database, tables, migrations } = await dumpPostgres(deps.databaseUrl, dir));
    } else {
      ({ database, tables, migrations } = copySqlite(dir));
    }
    // Files after the database: an upload the snapshot refers to was stored before its row committed.
    const uploads = path.join(dataDir, 'uploads');
    if (existsSync(uploads)) await cp(uploads, path.join(dir, 'uploads'), { recursive: true });
    const secret = path.join(dataDir, 'secret.key');
    if (existsSync(secret)) await copyFile(secret, path.join(dir, 'secret.key'));
    const files = await describeFiles(dir, await listFiles(dir));
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      appVersion: deps.appVersion,
      dialect: deps.databaseUrl ? 'postgres' : 'sqlite',
      createdAt,
      migrations,
      database,
      tables,
      files,
    };
    await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    return { dir, manifest };
  }

  function copySqlite(dir: string) {
    if (!existsSync(sqliteFile)) throw new AppError('NOT_FOUND', `No database at ${sqliteFile}`);
    const live = openSqlite(sqliteFile);
    try {
      repo.sqliteVacuumInto(live, path.join(dir, SQLITE_BACKUP_FILE));
    } finally {
      live.close();
    }
    // Counts come from the copy itself, so they describe exactly what was saved.
    const copy = new SQLite(path.join(dir, SQLITE_BACKUP_FILE), { readonly: true });
    try {
      const names = repo.sqliteTableNames(copy).filter((t) => !isMigratorTable(t));
      const tables = Object.fromEntries(names.map((t) => [t, repo.sqliteCount(copy, t)]));
      return {
        database: { kind: 'sqlite-file' as const, file: SQLITE_BACKUP_FILE },
        tables,
        migrations: repo.sqliteMigrations(copy),
      };
    } finally {
      copy.close();
    }
  }

  /** A logical dump in one REPEATABLE READ snapshot, a page at a time, values in PostgreSQL's text form. */
  async function dumpPostgres(url: string, dir: string) {
    const client = new (await loadPg()).Client({
      connectionString: url,
      types: { getTypeParser: () => (v: string) => v },
    });
    await client.connect();
    try {
      await repo.pgBeginSnapshot(client);
      const migrations = await repo.pgMigrations(client);
      const names = (await repo.pgTableNames(client)).filter((t) => !isMigratorTable(t));
      const order = dependencyOrder(names, await repo.pgForeignKeys(client));
      await mkdir(path.join(dir, 'tables'));
      const dumped: DumpTable[] = [];
      for (const name of order) {
        const shape = await repo.pgTableShape(client, name);
        const file = `tables/${name}.jsonl`;
        const writer = openLineWriter(path.join(dir, file));
        const keyAt = shape.primaryKey.map((k) => shape.columns.indexOf(k));
        let rows = 0;
        try {
          let after: unknown[] | null = null;
          for (;;) {
            const page = await repo.pgReadPage(client, shape, after, PAGE);
            await writer.writeRows(page);
            rows += page.length;
            const last = page[page.length - 1];
            if (!last || page.length < PAGE) break;
            after = keyAt.map((i) => last[i]);
          }
        } finally {
          await writer.close();
        }
        dumped.push({ name, file, columns: shape.columns, primaryKey: shape.primaryKey, rows });
      }
      await repo.pgCommit(client);
      return {
        database: { kind: 'logical' as const, tables: dumped },
        tables: Object.fromEntries(dumped.map((t) => [t.name, t.rows])),
        migrations,
      };
    } finally {
      await client.end();
    }
  }

  return { backup };
}

/**
 * yyyy-mm-dd-hhmmss in India time: the name a user sees in the backups folder. Always the default zone: the CLI
 * backs up files without opening the database, so the business calendar's setting is not at hand.
 */
function stamp(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: DEFAULT_TIMEZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}-${parts.hour}${parts.minute}${parts.second}`;
}
