import type { AuditService } from '../../../platform/audit/audit.service';
import type { Database } from '../../../platform/db/database';
import type { LedgerCheckService } from '../../ledger/index';
import { checkSummaries } from '../../analytics/index';

/** What the app's own checks say about an installation: the audit chain, the summaries, the ledger. */
export interface InstallationChecks {
  audit: { ok: boolean; count: number; broken?: { seq: number; reason: string } };
  summaryMismatches: number;
  ledger: { ok: boolean; problems: { kind: string; message: string }[] };
}

/** Opens an installation (migrating it) and runs its checks; supplied by the composition root. */
export type OpenForChecks = (databaseUrl: string | undefined) => Promise<InstallationChecks>;

/** The services the checks use, from an opened installation. */
export interface InstallationCheckServices {
  audit: Pick<AuditService, 'verify'>;
  ledgerCheck: Pick<LedgerCheckService, 'check'>;
}

/** Runs the three checks a restored or moved installation must pass. */
export async function checkInstallation(
  services: InstallationCheckServices,
  database: Database,
): Promise<InstallationChecks> {
  const audit = await services.audit.verify();
  const mismatches = await checkSummaries(database.db, database.dialect);
  const ledger = await services.ledgerCheck.check();
  return { audit, summaryMismatches: mismatches.length, ledger: { ok: ledger.ok, problems: ledger.problems } };
}

export function checksPassed(checks: InstallationChecks): boolean {
  return checks.audit.ok && checks.summaryMismatches === 0 && checks.ledger.ok;
}
