import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';

export interface ReturnsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReturnsService {}

export function makeReturnsService(_deps: ReturnsServiceDeps): ReturnsService {
  return {};
}
