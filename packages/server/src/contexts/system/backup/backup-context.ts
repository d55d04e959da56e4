import path from 'node:path';
import type { Clock } from '../../../platform/clock';
import type { Dialect } from '../../../platform/db/database';
import type { InstallationChecks } from './installation-checks';

export interface BackupDeps {
  dataDir: string;
  /** postgres:// URL of the installation's database; SQLite (dataDir/bizdash.db) when absent. */
  databaseUrl: string | undefined;
  appVersion: string;
  clock: Clock;
  log?: (line: string) => void;
}

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

/** What backup, restore and move share: the deps, the SQLite file's place and the log. */
export interface BackupContext extends BackupDeps {
  sqliteFile: string;
  log: (line: string) => void;
}

export function makeBackupContext(deps: BackupDeps): BackupContext {
  return {
    ...deps,
    sqliteFile: path.join(deps.dataDir, 'bizdash.db'),
    log: deps.log ?? (() => undefined),
  };
}
