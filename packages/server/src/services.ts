import path from 'node:path';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from './platform/audit/audit.service';
import { makeBusinessCalendar, type BusinessCalendar } from './platform/calendar/business-calendar';
import type { Clock } from './platform/clock';
import type { Database } from './platform/db/database';
// Every table of the app, merged into platform/db's DB type: part of any program that builds the services.
import type {} from './db-schema';
import type { AuthService } from './contexts/identity/auth/auth.service';
import type { UsersService } from './contexts/identity/users/users.service';
import type { ApiKeysService } from './contexts/identity/api-keys/api-keys.service';
import type { SetupService } from './contexts/system/setup/setup.service';
import { makeAuditService } from './platform/audit/audit.service';
import { makeAccessTokens } from './platform/security/access-tokens';
import { argon2Hasher, type PasswordHasher } from './platform/security/passwords';
import type { Keys } from './platform/security/secrets';
import { makeAuthService } from './contexts/identity/auth/auth.service';
import { makeUsersService } from './contexts/identity/users/users.service';
import { makeApiKeysService } from './contexts/identity/api-keys/api-keys.service';
import { makeSetupService } from './contexts/system/setup/setup.service';
import { makeMastersService, type MastersService } from './contexts/parties/masters/masters.service';
import { makeSettingsService, type SettingsService } from './contexts/parties/settings/settings.service';
import { makePartiesService, type PartiesService } from './contexts/parties/parties/parties.service';
import { makeGstinService, type GstinService } from './contexts/parties/gstin/gstin.service';
import type { GstinLookupProvider } from './contexts/parties/gstin/gstin-lookup';
import type { FileStorage } from './platform/storage/file-storage';
import { makeImportsService, type ImportsService } from './contexts/parties/imports/imports.service';
import { makeSearchService, type SearchService } from './contexts/system/search/search.service';
import { loadStageConfig, makeOrderLink } from './contexts/orders/index';
import { makeOrdersService, type OrdersService } from './contexts/orders/orders/orders.service';
import { makeInvoiceFromOrder, type InvoiceFromOrder } from './contexts/orders/order-money/invoice-from-order';
import { makeInvoicesService, type InvoicesService } from './contexts/invoicing/invoices/invoices.service';
import { makeReturnsService, type ReturnsService } from './contexts/invoicing/returns/returns.service';
import { makePaymentsService, type PaymentsService } from './contexts/invoicing/payments/payments.service';
import { makeOrderMoneyService, type OrderMoneyService } from './contexts/orders/order-money/order-money.service';
import { makePartnersService, type PartnersService } from './contexts/partners/partners/partners.service';
import { makeJobsService, type JobsService } from './contexts/integration/jobs/jobs.service';
import { makeSyncService, type SyncService } from './contexts/integration/sync/sync.service';
import { makeWebhookDriver } from './contexts/integration/sync/webhook-driver';
import { makeJobQueue } from './platform/jobs/queue';
import { activeTargetLoader } from './contexts/integration/ledger-sync/ledger-records';
import { makeSheetsDriver } from './contexts/integration/ledger-sync/sheets-driver';
import { makeXlsxLedgerDriver } from './contexts/integration/ledger-sync/xlsx-ledger-driver';
import { makeEmailService, type EmailService } from './contexts/integration/email/email.service';
import { makeInvoicePdfService, type InvoicePdfService } from './contexts/invoicing/invoices/pdf/invoice-pdf.service';
import { followBusinessCalendar } from './contexts/analytics/index';
import { makeAuditLogService, type AuditLogService } from './contexts/system/audit/audit-log.service';
import { makeReportsService, type ReportsService } from './contexts/analytics/reports/reports.service';
import { makeDashboardService, type DashboardService } from './contexts/analytics/dashboard/dashboard.service';
import { makePublicService, type PublicService } from './contexts/integration/public/public.service';
import { makeAccountsService, type AccountsService } from './contexts/ledger/accounts/accounts.service';
import { makePostingService, type PostingService } from './contexts/ledger/accounts/posting.service';
import { makeLedgerCheck, type LedgerCheckService } from './contexts/ledger/accounts/ledger-check';
import { makePartyStatementFiles, type PartyStatementFiles } from './contexts/ledger/accounts/party-statement-files';
import { makeTallyExport, type TallyExportService } from './contexts/ledger/accounts/tally-export';
import { makeBackupService } from './contexts/system/backup/backup.service';
import {
  makeBackupScheduleService,
  type BackupScheduleService,
} from './contexts/system/backup/backup-schedule.service';
import { makeRecurringService, type RecurringService } from './contexts/invoicing/recurring/recurring.service';
import {
  makeSalesDocumentsService,
  type SalesDocumentsService,
} from './contexts/invoicing/sales-documents/sales-documents.service';
import { APP_VERSION } from './version';

/** Every service, wired once by the composition root and handed to the HTTP layer and the CLI. */
export interface Services {
  database: Database;
  clock: Clock;
  /** Business time: the zone, today in it, financial years and the settlement basis, read from the settings. */
  calendar: BusinessCalendar;
  audit: AuditService;
  /** Reading the audit trail (the system context). */
  auditLog: AuditLogService;
  auth: AuthService;
  users: UsersService;
  apiKeys: ApiKeysService;
  setup: SetupService;
  masters: MastersService;
  settings: SettingsService;
  invoicePdf: InvoicePdfService;
  parties: PartiesService;
  gstin: GstinService;
  imports: ImportsService;
  search: SearchService;
  orders: OrdersService;
  invoices: InvoicesService;
  /** "Invoice this order": a draft tax invoice from an order's fees or base charges. */
  invoiceFromOrder: InvoiceFromOrder;
  returns: ReturnsService;
  payments: PaymentsService;
  orderMoney: OrderMoneyService;
  partners: PartnersService;
  jobs: JobsService;
  sync: SyncService;
  email: EmailService;
  reports: ReportsService;
  dashboard: DashboardService;
  public: PublicService;
  accounts: AccountsService;
  statementFiles: PartyStatementFiles;
  tallyExport: TallyExportService;
  posting: PostingService;
  ledgerCheck: LedgerCheckService;
  backups: BackupScheduleService;
  recurring: RecurringService;
  salesDocuments: SalesDocumentsService;
}

export interface ServiceDeps {
  database: Database;
  clock: Clock;
  keys: Keys;
  hasher?: PasswordHasher;
  accessTokenTtlSeconds?: number;
  /** GSTIN details provider; without one the GSTIN check is offline validation only. */
  gstinLookup?: GstinLookupProvider | undefined;
  /** Where uploaded files are kept (local disk under the data dir); without one, uploads answer an error. */
  storage?: FileStorage | undefined;
  /** Largest accepted upload in bytes (BIZDASH_UPLOAD_MAX_MB). */
  uploadMaxBytes?: number | undefined;
  /** Address of the public listener as clients reach it (PUBLIC_URL), for the links staff hand out. */
  publicBaseUrl?: string | undefined;
  /** The data directory (the XLSX ledger workbook is written there). */
  dataDir?: string | undefined;
  /** The PostgreSQL URL the database was opened with (scheduled backups dump it); absent on SQLite. */
  databaseUrl?: string | undefined;
}

export function makeServices({
  database,
  clock,
  keys,
  hasher = argon2Hasher,
  accessTokenTtlSeconds,
  gstinLookup,
  storage,
  uploadMaxBytes,
  publicBaseUrl,
  dataDir,
  databaseUrl,
}: ServiceDeps): Services {
  const audit = makeAuditService({ database, clock });
  const auditLog = makeAuditLogService({ database });
  // One business calendar (issue 19): every service asks it for the zone and today instead of reading the settings.
  const calendar = makeBusinessCalendar({ database, clock });
  // The one money book: every transaction posts the documents it wrote before it commits (issue 14).
  const posting = makePostingService({ database, clock });
  database.setBeforeCommit('ledger', posting.flushPending);
  const accounts = makeAccountsService({ database, audit, clock, calendar });
  const ledgerCheck = makeLedgerCheck({ database, clock });
  const auth = makeAuthService({
    database,
    // `email` is built further down; a lockout can only happen once requests are served, after this function returns.
    onLockout: (lockout) => email.sendLockoutNotice(lockout),
    audit,
    clock,
    hasher,
    accessTokens: makeAccessTokens(keys.accessToken, accessTokenTtlSeconds),
    encryptionKey: keys.encryption,
  });
  const users = makeUsersService({ database, audit, clock, hasher, auth });
  const apiKeys = makeApiKeysService({ database, audit, clock });
  const setup = makeSetupService({ database, audit, clock, users });
  const masters = makeMastersService({ database, audit, clock });
  const settings = makeSettingsService({
    database,
    audit,
    clock,
    calendar,
    onCalendarChanged: followBusinessCalendar(database.dialect),
  });
  const parties = makePartiesService({ database, audit, clock });
  const gstin = makeGstinService({ database, clock, lookup: gstinLookup });
  const imports = makeImportsService({ database, audit, clock, parties, masters });
  const orders = makeOrdersService({ database, audit, clock, calendar, storage, uploadMaxBytes });
  // Invoicing tells the orders context about its documents through this link (invoicing does not import orders).
  const orderLink = makeOrderLink(() => payments);
  const payments = makePaymentsService({ database, audit, clock, calendar, orderLink });
  const invoices = makeInvoicesService({ database, audit, clock, calendar, payments, orderLink });
  const invoiceFromOrder = makeInvoiceFromOrder({ database, clock, calendar, invoices });
  const returns = makeReturnsService({ database, audit, clock });
  const search = makeSearchService({ parties, masters, orders, invoices });
  // Order money (issue 5)
  const orderMoney = makeOrderMoneyService({ database, audit, clock, calendar, storage, uploadMaxBytes, payments });
  const partners = makePartnersService({
    database,
    audit,
    clock,
    calendar,
    stageLabels: async () => (await loadStageConfig(database.db)).labels,
  });
  // Jobs, sync targets, email (issue 8)
  // Daily schedules (reminders, recurring invoices, backups) run at the business's local times.
  const queue = makeJobQueue({ database, clock, calendar });
  const jobs = makeJobsService({ database, audit, clock, queue });
  const sync = makeSyncService({
    database,
    audit,
    clock,
    queue,
    encryptionKey: keys.encryption,
    drivers: [
      makeWebhookDriver({ database, clock }),
      // The ledger drivers' own jobs look their target up through `sync`, which exists by the time any job runs.
      makeSheetsDriver({ database, clock, queue, loadTarget: activeTargetLoader((id) => sync.resolveTarget(id)) }),
      makeXlsxLedgerDriver({
        database,
        clock,
        queue,
        dataDir,
        loadTarget: activeTargetLoader((id) => sync.resolveTarget(id)),
      }),
    ],
  });
  const statementFiles = makePartyStatementFiles({ database, clock, accounts, settings });
  const tallyExport = makeTallyExport({ database, calendar });
  // The printed invoice (logo, LUT, Rule 48 copies): one renderer for the download, the email and the public link.
  const invoicePdf = makeInvoicePdfService({ database, invoices, settings });
  const email = makeEmailService({
    database,
    audit,
    clock,
    calendar,
    queue,
    encryptionKey: keys.encryption,
    invoicePdf,
    statements: statementFiles,
  });
  // Dashboard and reports (issue 7)
  const reports = makeReportsService({ database, audit, clock, calendar, accounts });
  const dashboard = makeDashboardService({ database, audit, clock, calendar });
  // Public surface: leads, upload and invoice view links (issue 8)
  const publicSurface = makePublicService({ database, audit, clock, orders, invoices, invoicePdf, publicBaseUrl });
  // Scheduled backups (issue 17): the same backup as `bizdash backup`, run by the worker.
  const backupsDir = path.resolve(dataDir ?? '.', 'backups');
  const backupService = makeBackupService({
    dataDir: path.resolve(dataDir ?? '.'),
    databaseUrl: database.dialect === 'postgres' ? databaseUrl : undefined,
    appVersion: APP_VERSION,
    clock,
  });
  const backups = makeBackupScheduleService({
    database,
    audit,
    clock,
    queue,
    backupsDir,
    backup: async () => {
      if (database.dialect === 'postgres' && !databaseUrl) {
        throw new AppError('INTERNAL', 'Backups need the PostgreSQL URL (DATABASE_URL), which this process lacks');
      }
      return backupService.backup();
    },
  });
  // Recurring invoices (issue 20): made through the invoices service's own create and issue.
  const recurring = makeRecurringService({
    database,
    audit,
    clock,
    calendar,
    queue,
    invoices,
    // The invoices service reads business time in the batch's transaction it is given (over.db).
    invoicesOver: (over) => makeInvoicesService({ database: over, audit, clock, calendar, payments, orderLink }),
    email,
  });
  // Quotations, proformas and delivery challans (issue 20): priced by the invoice engine, never posted.
  const salesDocuments = makeSalesDocumentsService({
    database,
    audit,
    clock,
    calendar,
    invoices,
    orders,
    payments,
    publicBaseUrl,
  });
  return {
    database,
    clock,
    calendar,
    audit,
    auditLog,
    auth,
    users,
    apiKeys,
    setup,
    masters,
    settings,
    invoicePdf,
    parties,
    gstin,
    imports,
    search,
    orders,
    invoices,
    invoiceFromOrder,
    returns,
    payments,
    orderMoney,
    partners,
    jobs,
    sync,
    email,
    reports,
    dashboard,
    public: publicSurface,
    accounts,
    statementFiles,
    tallyExport,
    posting,
    ledgerCheck,
    backups,
    recurring,
    salesDocuments,
  };
}
