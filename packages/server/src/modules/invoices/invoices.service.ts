import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';

export interface InvoicesServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InvoicesService {}

export function makeInvoicesService(_deps: InvoicesServiceDeps): InvoicesService {
  return {};
}
