import { makeBackupContext, type BackupDeps } from './backup-context';
import { makeMove } from './move';
import { makeRestore } from './restore';
import { makeTakeBackup } from './take-backup';

export type { BackupDeps, MoveReport, RestoreReport } from './backup-context';
export {
  checkInstallation,
  checksPassed,
  type InstallationCheckServices,
  type InstallationChecks,
  type OpenForChecks,
} from './installation-checks';

export type BackupService = ReturnType<typeof makeBackupService>;

/**
 * `bizdash backup`, `restore` and `move` (and the scheduled backups' copy): each in its own file, over the
 * whole-database dump machinery of dump.repo.ts.
 */
export function makeBackupService(deps: BackupDeps) {
  const context = makeBackupContext(deps);
  const { backup } = makeTakeBackup(context);
  const { restore } = makeRestore(context);
  const { move } = makeMove(context);
  return { backup, restore, move };
}
