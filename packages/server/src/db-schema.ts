import type { AccountsTables } from './modules/accounts/accounts.tables';
import type { ApiKeysTables } from './modules/api-keys/api-keys.tables';
import type { AuthTables } from './modules/auth/auth.tables';
import type { BackupTables } from './modules/backup/backup.tables';
import type { EmailTables } from './modules/email/email.tables';
import type { ImportsTables } from './modules/imports/imports.tables';
import type { InvoicesTables } from './modules/invoices/invoices.tables';
import type { MastersTables } from './modules/masters/masters.tables';
import type { OrderMoneyTables } from './modules/order-money/order-money.tables';
import type { OrdersTables } from './modules/orders/orders.tables';
import type { PartiesTables } from './modules/parties/parties.tables';
import type { PartnersTables } from './modules/partners/partners.tables';
import type { PaymentsTables } from './modules/payments/payments.tables';
import type { PublicTables } from './modules/public/public.tables';
import type { RecurringTables } from './modules/recurring/recurring.tables';
import type { SalesDocumentsTables } from './modules/sales-documents/sales-documents.tables';
import type { SettingsTables } from './modules/settings/settings.tables';
import type { SyncTables } from './modules/sync/sync.tables';
import type { UsersTables } from './modules/users/users.tables';
import type { AuditTables } from './platform/audit/audit.tables';
import type { JobsTables } from './platform/jobs/jobs.tables';

/**
 * The one Kysely database type, assembled here at the composition root: each module declares the tables it owns in
 * `<module>.tables.ts` (column conventions: platform/db/columns.ts), and this merges them into platform/db's `DB`
 * interface, so `Database`, `Executor` and `Transaction<DB>` see every table while platform/db imports no module.
 * A new module's tables are added to this list.
 */
declare module './platform/db/database' {
  interface DB
    extends
      UsersTables,
      AuthTables,
      ApiKeysTables,
      AuditTables,
      SettingsTables,
      PartiesTables,
      MastersTables,
      ImportsTables,
      OrdersTables,
      InvoicesTables,
      PaymentsTables,
      OrderMoneyTables,
      PartnersTables,
      JobsTables,
      SyncTables,
      EmailTables,
      PublicTables,
      BackupTables,
      AccountsTables,
      RecurringTables,
      SalesDocumentsTables {}
}

export type { DB } from './platform/db/database';
