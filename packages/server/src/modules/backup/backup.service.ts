import { copyFile, cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import { AppError } from '@bizdash/domain/errors';
import type { Clock } from '../../platform/clock';
import { createDatabase, loadPg, openSqlite, type Database, type Dialect } from '../../platform/db/database';
import { MIGRATIONS } from '../../migrations/registry';
import type { Services } from '../../services';
import { checkSummaries, rebuildSummaries } from '../metric-summaries/summaries';
import {
  dependencyOrder,
  describeFiles,
  FORMAT,
  FORMAT_VERSION,
  isMigratorTable,
  listFiles,
  MANIFEST_FILE,
  openLineWriter,
  readRowBatches,
  SQLITE_BACKUP_FILE,
  type DumpTable,
  type Manifest,
} from './dump-format';
import * as repo from './backup.repo';

/** Rows read or written per statement: bounded memory whatever the table's size. */
const PAGE = 1000;
/** Tables that hold work in flight for the current transaction only; a loaded copy starts with none. */
const EMPTIED_AFTER_LOAD = ['ledger_pending'];

export interface BackupDeps {
  dataDir: string;
  /** postgres:// URL of the installation's database; SQLite (dataDir/bizdash.db) when absent. */
  databaseUrl: string | undefined;
  appVersion: string;
  clock: Clock;
  log?: (line: string) => void;
}

/** What the app's own checks say about an installation: the audit chain, the summaries, the ledger. */
export interface InstallationChecks {
  audit: { ok: boolean; count: number; broken?: { seq: number; reason: string } };
  summaryMismatches: number;
  ledger: { ok: boolean; problems: { kind: string; message: string }[] };
}

/** Opens an installation (migrating it) and runs its checks; supplied by the composition root. */
export type OpenForChecks = (databaseUrl: string | undefined) => Promise<InstallationChecks>;

export interface RestoreReport {
  dialect: Dialect;
  tables: Record<string, number>;
  files: number;
  checks: InstallationChecks;
}

export interface MoveReport {
  tables: Record<string, number>;
  seconds: number;
  checks: InstallationChecks;
}

/** Runs the three checks a restored or moved installation must pass. */
export async function checkInstallation(services: Services, database: Database): Promise<InstallationChecks> {
  const audit = await services.audit.verify();
  const mismatches = await checkSummaries(database.db, database.dialect);
  const ledger = await services.ledgerCheck.check();
  return { audit, summaryMismatches: mismatches.length, ledger: { ok: ledger.ok, problems: ledger.problems } };
}

export function checksPassed(checks: InstallationChecks): boolean {
  return checks.audit.ok && checks.summaryMismatches === 0 && checks.ledger.ok;
}

/** A source of rows for a PostgreSQL load: a logical dump or a SQLite file. */
interface RowSource {
  columns(table: string): string[] | undefined;
  count(table: string): number;
  pages(table: string, columns: string[]): AsyncIterable<unknown[][]>;
}

export function makeBackupService(deps: BackupDeps) {
  const { dataDir } = deps;
  const sqliteFile = path.join(dataDir, 'bizdash.db');
  const log = deps.log ?? (() => undefined);

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
      await client.query('begin isolation level repeatable read read only');
      await client.query(`set local timezone = 'UTC'`);
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
      await client.query('commit');
      return {
        database: { kind: 'logical' as const, tables: dumped },
        tables: Object.fromEntries(dumped.map((t) => [t.name, t.rows])),
        migrations,
      };
    } finally {
      await client.end();
    }
  }

  /** `bizdash restore DIR`: into an empty data directory or database, then verified. */
  async function restore(
    options: { from: string; force?: boolean | undefined },
    openForChecks: OpenForChecks,
  ): Promise<RestoreReport> {
    const from = path.resolve(options.from);
    const manifest = await readManifest(from);
    await verifyHashes(from, manifest);
    const unknown = manifest.migrations.filter((m) => !(m in MIGRATIONS));
    if (unknown.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The backup was made by a newer BizDash (${manifest.appVersion}); its migration ${unknown[0]} is unknown here`,
      );
    }
    let tables: Record<string, number>;
    if (deps.databaseUrl) {
      tables = await restorePostgres(deps.databaseUrl, from, manifest, options.force === true);
    } else {
      tables = await restoreSqlite(from, manifest, options.force === true);
    }
    const files = await restoreFiles(from, options.force === true);
    log(`database and ${files} files restored; checking the installation`);
    const checks = await openForChecks(deps.databaseUrl);
    return { dialect: deps.databaseUrl ? 'postgres' : 'sqlite', tables, files, checks };
  }

  async function restoreSqlite(from: string, manifest: Manifest, force: boolean) {
    if (manifest.database.kind !== 'sqlite-file') {
      throw new AppError(
        'VALIDATION_FAILED',
        'This is a PostgreSQL backup: restore it into PostgreSQL (set DATABASE_URL to an empty database)',
      );
    }
    if (existsSync(sqliteFile)) {
      const existing = new SQLite(sqliteFile, { readonly: true });
      const holdsFirm = (() => {
        try {
          return repo.sqliteHoldsFirm(existing);
        } finally {
          existing.close();
        }
      })();
      if (holdsFirm && !force) {
        throw new AppError(
          'CONFLICT',
          `The data directory ${dataDir} already holds a BizDash database with data; restore into an empty one, or pass --force to replace it`,
        );
      }
    }
    await assertUploadsEmpty(force);
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(sqliteFile + suffix, { force: true });
    await mkdir(dataDir, { recursive: true });
    await copyFile(path.join(from, manifest.database.file), sqliteFile);
    const restored = new SQLite(sqliteFile, { readonly: true });
    try {
      return compareCounts(manifest.tables, (t) => repo.sqliteCount(restored, t));
    } finally {
      restored.close();
    }
  }

  async function restorePostgres(url: string, from: string, manifest: Manifest, force: boolean) {
    const client = new (await loadPg()).Client({ connectionString: url });
    await client.connect();
    try {
      if ((await repo.pgHoldsFirm(client)) && !force) {
        throw new AppError(
          'CONFLICT',
          'The target PostgreSQL database already holds a BizDash firm; restore into an empty database, or pass --force to replace its data',
        );
      }
    } finally {
      await client.end();
    }
    await assertUploadsEmpty(force);
    // Load into the schema the backup was written under; later migrations then carry the data forward.
    await migrateTarget(url, manifest.migrations[manifest.migrations.length - 1]);
    const source =
      manifest.database.kind === 'logical'
        ? logicalSource(from, manifest.database.tables)
        : sqliteSource(new SQLite(path.join(from, manifest.database.file), { readonly: true }));
    try {
      await loadPostgres(url, source);
    } finally {
      if ('close' in source && typeof source.close === 'function') source.close();
    }
    if (manifest.database.kind === 'sqlite-file') await rebuildTargetSummaries(url);
    const client2 = new (await loadPg()).Client({ connectionString: url });
    await client2.connect();
    try {
      const counts: Record<string, number> = {};
      for (const t of Object.keys(manifest.tables)) counts[t] = await repo.pgCount(client2, t);
      return compareCounts(manifest.tables, (t) => counts[t] ?? 0);
    } finally {
      await client2.end();
    }
  }

  async function assertUploadsEmpty(force: boolean) {
    const uploads = path.join(dataDir, 'uploads');
    if ((await listFiles(uploads)).length === 0) return;
    if (!force) {
      throw new AppError(
        'CONFLICT',
        `The data directory ${dataDir} already holds uploaded files; restore into an empty one, or pass --force to replace them`,
      );
    }
    await rm(uploads, { recursive: true, force: true });
  }

  async function restoreFiles(from: string, force: boolean): Promise<number> {
    await mkdir(dataDir, { recursive: true });
    let count = 0;
    if (existsSync(path.join(from, 'uploads'))) {
      await cp(path.join(from, 'uploads'), path.join(dataDir, 'uploads'), { recursive: true, force });
      count += (await listFiles(path.join(from, 'uploads'))).length;
    }
    if (existsSync(path.join(from, 'secret.key'))) {
      // The key decrypts stored credentials and signs sessions: the restored data needs the key it was made with.
      await copyFile(path.join(from, 'secret.key'), path.join(dataDir, 'secret.key'));
      count += 1;
    }
    return count;
  }

  /** `bizdash move --to postgres://…`: this SQLite installation into an empty PostgreSQL database. */
  async function move(options: { to: string }, openForChecks: OpenForChecks): Promise<MoveReport> {
    const started = performance.now();
    if (deps.databaseUrl) {
      throw new AppError('VALIDATION_FAILED', 'move copies a SQLite installation; unset DATABASE_URL to run it');
    }
    if (!/^postgres(ql)?:\/\//.test(options.to)) {
      throw new AppError('VALIDATION_FAILED', '--to must be a postgres:// URL');
    }
    if (!existsSync(sqliteFile)) throw new AppError('NOT_FOUND', `No database at ${sqliteFile}`);
    const client = new (await loadPg()).Client({ connectionString: options.to });
    await client.connect();
    try {
      if (await repo.pgHoldsFirm(client)) {
        throw new AppError('CONFLICT', 'The target PostgreSQL database is not empty; move into a new, empty database');
      }
    } finally {
      await client.end();
    }
    // Both sides at the same schema, so every column has a counterpart.
    const source = createDatabase({ sqliteFile });
    try {
      await migrateTarget(undefined, undefined, source);
    } finally {
      await source.destroy();
    }
    await migrateTarget(options.to, undefined);
    const file = new SQLite(sqliteFile, { readonly: true });
    let expected: Record<string, number>;
    try {
      // One read transaction: the counts and every page come from the same snapshot.
      file.exec('begin');
      await loadPostgres(options.to, sqliteSource(file));
      const names = repo.sqliteTableNames(file).filter((t) => !isMigratorTable(t));
      expected = Object.fromEntries(names.map((t) => [t, repo.sqliteCount(file, t)]));
      file.exec('commit');
    } finally {
      file.close();
    }
    await rebuildTargetSummaries(options.to);
    const check = new (await loadPg()).Client({ connectionString: options.to });
    await check.connect();
    let tables: Record<string, number>;
    try {
      const counts: Record<string, number> = {};
      for (const t of Object.keys(expected)) counts[t] = await repo.pgCount(check, t);
      tables = compareCounts(expected, (t) => counts[t] ?? 0);
    } finally {
      await check.end();
    }
    const checks = await openForChecks(options.to);
    return { tables, seconds: (performance.now() - started) / 1000, checks };
  }

  /**
   * Loads every table the source has into the PostgreSQL target, parents before children, in one transaction with
   * triggers off (session_replication_role = replica): audit and journal rows are append-only, money tables would
   * mark themselves for posting and summary triggers would count every row twice. The summaries, the book and the
   * chain are loaded as the data they are; identity sequences then move past the loaded ids.
   */
  async function loadPostgres(url: string, source: RowSource) {
    const client = new (await loadPg()).Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      const names = (await repo.pgTableNames(client)).filter((t) => !isMigratorTable(t));
      const order = dependencyOrder(names, await repo.pgForeignKeys(client));
      const shapes: repo.TableShape[] = [];
      for (const name of order) {
        const available = source.columns(name);
        if (!available) continue;
        const shape = await repo.pgTableShape(client, name);
        shapes.push({ ...shape, columns: shape.columns.filter((c) => available.includes(c)) });
      }
      // Children first, so that nothing the migrations seeded is left pointing at a deleted parent.
      for (const shape of [...shapes].reverse()) await repo.pgDeleteAll(client, shape.name);
      for (const shape of shapes) {
        const batch = Math.max(1, Math.min(PAGE, Math.floor(30_000 / Math.max(1, shape.columns.length))));
        let buffered: unknown[][] = [];
        for await (const page of source.pages(shape.name, shape.columns)) {
          buffered.push(...page);
          while (buffered.length >= batch) {
            await repo.pgInsertRows(client, shape, buffered.slice(0, batch));
            buffered = buffered.slice(batch);
          }
        }
        await repo.pgInsertRows(client, shape, buffered);
        log(`  ${shape.name}: ${source.count(shape.name)} rows`);
      }
      for (const table of EMPTIED_AFTER_LOAD) {
        if (names.includes(table)) await repo.pgDeleteAll(client, table);
      }
      for (const shape of shapes) {
        for (const column of shape.identity) await repo.pgResetIdentity(client, shape.name, column);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  }

  async function rebuildTargetSummaries(url: string) {
    const database = createDatabase({ url, poolSize: 1 });
    try {
      await database.transaction((tx) => rebuildSummaries(tx, 'postgres'));
    } finally {
      await database.destroy();
    }
  }

  return { backup, restore, move };
}

/** Migrates to `last` (the backup's newest migration), or to the latest when absent; never down. */
async function migrateTarget(url: string | undefined, last: string | undefined, existing?: Database) {
  const database = existing ?? createDatabase({ url, poolSize: 1 });
  try {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => MIGRATIONS } });
    const applied = (await migrator.getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
    const newest = applied[applied.length - 1];
    if (last && newest && newest >= last) return;
    const result = last ? await migrator.migrateTo(last) : await migrator.migrateToLatest();
    if (result.error) {
      throw new Error(`migrating the target failed: ${String(result.error)}`, { cause: result.error });
    }
  } finally {
    if (!existing) await database.destroy();
  }
}

function logicalSource(dir: string, tables: DumpTable[]): RowSource {
  const byName = new Map(tables.map((t) => [t.name, t]));
  return {
    columns: (table) => byName.get(table)?.columns,
    count: (table) => byName.get(table)?.rows ?? 0,
    async *pages(table, columns) {
      const dumped = byName.get(table);
      if (!dumped) return;
      const at = columns.map((c) => dumped.columns.indexOf(c));
      for await (const batch of readRowBatches(path.join(dir, dumped.file), PAGE)) {
        yield batch.map((row) => at.map((i) => row[i] ?? null));
      }
    },
  };
}

function sqliteSource(db: SQLite.Database): RowSource & { close(): void } {
  const names = new Set(repo.sqliteTableNames(db));
  const shapes = new Map<string, repo.TableShape>();
  const shapeOf = (table: string) => {
    let shape = shapes.get(table);
    if (!shape) {
      shape = repo.sqliteTableShape(db, table);
      shapes.set(table, shape);
    }
    return shape;
  };
  return {
    columns: (table) => (names.has(table) ? shapeOf(table).columns : undefined),
    count: (table) => repo.sqliteCount(db, table),
    async *pages(table, columns) {
      const shape = shapeOf(table);
      const read = [...columns, ...shape.primaryKey.filter((k) => !columns.includes(k))];
      const keyAt = shape.primaryKey.map((k) => read.indexOf(k));
      let after: unknown[] | null = null;
      for (;;) {
        const page = repo.sqliteReadPage(db, shape, read, after, PAGE);
        if (page.length > 0) yield page.map((row) => row.slice(0, columns.length));
        const last = page[page.length - 1];
        if (!last || page.length < PAGE) return;
        after = keyAt.map((i) => last[i]);
      }
    },
    close: () => db.close(),
  };
}

async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `${dir} is not a BizDash backup (no ${MANIFEST_FILE})`);
  }
  const manifest = JSON.parse(text) as Manifest; // checked just below: format and version
  if (manifest.format !== FORMAT || manifest.formatVersion > FORMAT_VERSION) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${dir}: unknown backup format ${manifest.format} ${manifest.formatVersion}`,
    );
  }
  return manifest;
}

/** Every file's size and SHA-256 must match the manifest before anything is written to the target. */
async function verifyHashes(dir: string, manifest: Manifest) {
  const actual = await describeFiles(
    dir,
    manifest.files.map((f) => f.path),
  );
  for (const [i, file] of manifest.files.entries()) {
    const found = actual[i];
    if (!found || found.sha256 !== file.sha256 || found.bytes !== file.bytes) {
      throw new AppError('VALIDATION_FAILED', `The backup file ${file.path} does not match its manifest hash`);
    }
  }
}

function compareCounts(expected: Record<string, number>, actual: (table: string) => number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, rows] of Object.entries(expected)) {
    const found = EMPTIED_AFTER_LOAD.includes(table) ? rows : actual(table);
    if (found !== rows) {
      throw new AppError('INTERNAL', `Restored table ${table} has ${found} rows; the backup had ${rows}`);
    }
    counts[table] = found;
  }
  return counts;
}

/** yyyy-mm-dd-hhmmss in India time: the name a user sees in the backups folder. */
function stamp(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Kolkata',
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
