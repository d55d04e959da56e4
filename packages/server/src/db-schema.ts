import type { AccountsTables } from './contexts/ledger/accounts/accounts.tables';
import type { ApiKeysTables } from './contexts/identity/api-keys/api-keys.tables';
import type { AuthTables } from './contexts/identity/auth/auth.tables';
import type { BackupTables } from './contexts/system/backup/backup.tables';
import type { EmailTables } from './contexts/integration/email/email.tables';
import type { ImportsTables } from './contexts/parties/imports/imports.tables';
import type { InvoicesTables } from './contexts/invoicing/invoices/invoices.tables';
import type { MastersTables } from './contexts/parties/masters/masters.tables';
import type { OrderMoneyTables } from './contexts/orders/order-money/order-money.tables';
import type { OrdersTables } from './contexts/orders/orders/orders.tables';
import type { PartiesTables } from './contexts/parties/parties/parties.tables';
import type { PartnersTables } from './contexts/partners/partners/partners.tables';
import type { PaymentsTables } from './contexts/invoicing/payments/payments.tables';
import type { PublicTables } from './contexts/integration/public/public.tables';
import type { RecurringTables } from './contexts/invoicing/recurring/recurring.tables';
import type { SalesDocumentsTables } from './contexts/invoicing/sales-documents/sales-documents.tables';
import type { SettingsTables } from './contexts/parties/settings/settings.tables';
import type { SyncTables } from './contexts/integration/sync/sync.tables';
import type { UsersTables } from './contexts/identity/users/users.tables';
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
