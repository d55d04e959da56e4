import type { Migration } from 'kysely';
import * as createFoundation from './202611230900-create-foundation';
import * as createParties from './202611231100-create-parties';
import * as createMasters from './202611231110-create-masters';
import * as createImports from './202611231120-create-imports';
import * as createOrders from './202611231200-create-orders';
import * as createInvoices from './202611231300-create-invoices';
import * as createOrderMoney from './202611231400-create-order-money';
import * as createOrderStageCounts from './202611231410-create-order-stage-counts';
import * as createJobs from './202611231500-create-jobs';
import * as createEmail from './202611231510-create-email';
import * as createPublic from './202611231520-create-public';
import * as createReportIndexes from './202611231600-create-report-indexes';
import * as addLineTaxability from './202611231700-add-line-taxability';
import * as linkReceiptsToPayments from './202611231720-link-receipts-to-payments';
import * as createLogoVersions from './202611231710-create-logo-versions';
import * as createMetricSummaries from './202611231800-create-metric-summaries';
import * as billOrdersThroughInvoices from './202612050900-bill-orders-through-invoices';
import * as createLedger from './202612051000-create-ledger';
import * as addPartyOpeningBalances from './202612051100-add-party-opening-balances';
import * as addStatementEmails from './202612060100-add-statement-emails';
import * as hardenAuthentication from './202612061200-harden-authentication';
import * as createBackupSettings from './202612061300-create-backup-settings';
import * as seriesPerRegistration from './202612070100-series-per-registration';
import * as foreignPartyAddress from './202612070200-foreign-party-address';
import * as lutSettings from './202612070300-lut-settings';
import * as salesDocuments from './202612070400-sales-documents';
import * as recurringInvoices from './202612070500-recurring-invoices';
import * as ewayBills from './202612070600-eway-bills';
import * as listIndexes from './202612070900-list-indexes';
import * as challanEwayBills from './202612071000-challan-eway-bills';
import * as usersPartnerPartyFk from './202612080100-users-partner-party-fk';

/**
 * Every migration, in order. Listed statically (not read from a folder) because the server ships as one bundle.
 * Append only: never edit or reorder a migration that has been released.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '202611230900-create-foundation': createFoundation,
  '202611231100-create-parties': createParties,
  '202611231110-create-masters': createMasters,
  '202611231120-create-imports': createImports,
  '202611231200-create-orders': createOrders,
  '202611231300-create-invoices': createInvoices,
  '202611231400-create-order-money': createOrderMoney,
  '202611231410-create-order-stage-counts': createOrderStageCounts,
  '202611231500-create-jobs': createJobs,
  '202611231510-create-email': createEmail,
  '202611231520-create-public': createPublic,
  '202611231600-create-report-indexes': createReportIndexes,
  '202611231700-add-line-taxability': addLineTaxability,
  '202611231710-create-logo-versions': createLogoVersions,
  '202611231720-link-receipts-to-payments': linkReceiptsToPayments,
  '202611231800-create-metric-summaries': createMetricSummaries,
  '202612050900-bill-orders-through-invoices': billOrdersThroughInvoices,
  '202612051000-create-ledger': createLedger,
  '202612051100-add-party-opening-balances': addPartyOpeningBalances,
  '202612060100-add-statement-emails': addStatementEmails,
  '202612061200-harden-authentication': hardenAuthentication,
  '202612061300-create-backup-settings': createBackupSettings,
  '202612070100-series-per-registration': seriesPerRegistration,
  '202612070200-foreign-party-address': foreignPartyAddress,
  '202612070300-lut-settings': lutSettings,
  '202612070400-sales-documents': salesDocuments,
  '202612070500-recurring-invoices': recurringInvoices,
  '202612070600-eway-bills': ewayBills,
  '202612070900-list-indexes': listIndexes,
  '202612071000-challan-eway-bills': challanEwayBills,
  '202612080100-users-partner-party-fk': usersPartnerPartyFk,
};
