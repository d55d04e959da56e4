import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Dialect } from '../../../platform/db/database';

/**
 * The backup directory: `manifest.json` beside the files it describes. A SQLite backup holds the database as one
 * file (`bizdash.db`, made by VACUUM INTO); a PostgreSQL backup holds a logical dump, one JSON Lines file per table
 * under `tables/`, each line one row as an array in the manifest's column order (values as PostgreSQL's text form,
 * so they load back exactly). `uploads/` and `secret.key` are copied as they are.
 */
export const MANIFEST_FILE = 'manifest.json';
export const FORMAT = 'bizdash-backup';
export const FORMAT_VERSION = 1;
export const SQLITE_BACKUP_FILE = 'bizdash.db';

export interface DumpTable {
  name: string;
  /** Path of the JSON Lines file, relative to the backup directory. */
  file: string;
  columns: string[];
  primaryKey: string[];
  rows: number;
}

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  appVersion: string;
  dialect: Dialect;
  createdAt: string;
  /** Migrations applied to the database the backup was taken from, in order. */
  migrations: string[];
  database: { kind: 'sqlite-file'; file: string } | { kind: 'logical'; tables: DumpTable[] };
  /** Rows per table at the instant of the backup. */
  tables: Record<string, number>;
  /** Every file of the backup except the manifest itself. */
  files: ManifestFile[];
}

/** Tables the migrator owns: the target's own migration history is kept, never overwritten by the backup's. */
export function isMigratorTable(name: string): boolean {
  return name === 'kysely_migration' || name === 'kysely_migration_lock';
}

/** A value as it goes into a dump line: bytes as PostgreSQL's hex bytea text, which loads back as bytea. */
export function toDumpValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return JSON.stringify(value);
}

/** Writes lines to a file, waiting on the stream when it is full so a large table never sits in memory. */
export function openLineWriter(file: string) {
  const stream: WriteStream = createWriteStream(file, { encoding: 'utf8' });
  return {
    async writeRows(rows: readonly unknown[][]): Promise<void> {
      if (rows.length === 0) return;
      const text = rows.map((r) => JSON.stringify(r.map(toDumpValue))).join('\n') + '\n';
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Reads a JSON Lines dump in batches of `size` rows. */
export async function* readRowBatches(file: string, size: number): AsyncGenerator<unknown[][]> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: unknown[][] = [];
  for await (const line of lines) {
    if (!line) continue;
    const row: unknown = JSON.parse(line);
    if (!Array.isArray(row)) throw new Error(`${path.basename(file)}: a line is not a row array`);
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(rel: string) {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) found.push(child);
    }
  }
  await walk('');
  return found.sort();
}

/** The manifest entries (size and SHA-256) of the given files of a backup directory. */
export async function describeFiles(dir: string, files: string[]): Promise<ManifestFile[]> {
  const described: ManifestFile[] = [];
  for (const rel of files) {
    const full = path.join(dir, rel);
    described.push({ path: rel, bytes: (await stat(full)).size, sha256: await sha256File(full) });
  }
  return described;
}

/** Orders tables so that each comes after the tables its foreign keys point to (self references ignored). */
export function dependencyOrder(tables: string[], edges: { child: string; parent: string }[]): string[] {
  const known = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of edges) {
    if (child !== parent && known.has(child) && known.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const done = new Set<string>();
  const remaining = [...tables].sort();
  while (remaining.length > 0) {
    const next = remaining.find((t) => [...(parents.get(t) ?? [])].every((p) => done.has(p)));
    // A cycle of foreign keys: take the first name; the load runs with constraint checks off anyway.
    const pick = next ?? remaining[0];
    if (pick === undefined) break;
    remaining.splice(remaining.indexOf(pick), 1);
    done.add(pick);
    ordered.push(pick);
  }
  return ordered;
}
