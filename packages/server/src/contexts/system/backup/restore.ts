import { copyFile, cp, mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '@bizdash/domain/errors';
import { loadPg } from '../../../platform/db/database';
import { MIGRATIONS } from '../../../migrations/registry';
import type { BackupContext, RestoreReport } from './backup-context';
import { describeFiles, FORMAT, FORMAT_VERSION, listFiles, MANIFEST_FILE, type Manifest } from './dump-format';
import * as repo from './dump.repo';
import type { OpenForChecks } from './installation-checks';
import { compareCounts, loadPostgres, logicalSource, rebuildTargetSummaries, sqliteSource } from './pg-load';

/** Restoring a backup into an empty data directory or database (or, with force, over one), then checking it. */
export function makeRestore(deps: BackupContext) {
  const { dataDir, sqliteFile, log } = deps;

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
    await repo.migrateTarget(url, manifest.migrations[manifest.migrations.length - 1]);
    const source =
      manifest.database.kind === 'logical'
        ? logicalSource(from, manifest.database.tables)
        : sqliteSource(new SQLite(path.join(from, manifest.database.file), { readonly: true }));
    try {
      await loadPostgres(url, source, log);
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

  return { restore };
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
